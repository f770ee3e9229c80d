import fc from 'fast-check';
import { defaultSettings, languageOf, type Settings } from '../../src/domain/settings';
import { renderTemplate, whatsappLink } from '../../src/domain/templates';
import { parseHhmm, parseSettingsRows, settingsToRows } from '../../src/sheets/settings-tab';

const noDates = (d: Date) => d.toISOString();

function withLead(s: Settings): Settings {
  s.team.push({ email: 'lead@example.com', name: 'Лид', role: 'lead', team: 'КС' });
  return s;
}

describe('the Settings tab layout', () => {
  test.each(['ru', 'en'] as const)('writing then reading gives the same settings (%s)', (lang) => {
    const settings = withLead(defaultSettings(lang, 'Asia/Almaty'));
    settings.departments[0]!.owners = ['a@example.com', 'b@example.com'];
    settings.departments[0]!.head = 'head@example.com';
    settings.calendar = {
      ...settings.calendar,
      hours: [null, ...settings.calendar.hours.slice(1)],
      holidays: [...settings.calendar.holidays, '2027-03-08'],
    };
    const parsed = parseSettingsRows(settingsToRows(settings).rows, defaultSettings(lang, 'UTC'), noDates);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings).toEqual(settings);
  });

  test('any valid team and targets survive the round trip', () => {
    const email = fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.constantFrom('example.com', 'mail.kz'))
      .map(([name, host]) => `${name}@${host}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(email, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 500 }),
        (emails, a) => {
          const settings = defaultSettings('ru', 'Europe/Moscow');
          settings.team = emails.map((e, i) => ({
            email: e,
            name: `Имя ${i}`,
            role: i === 0 ? 'lead' : 'agent',
            team: '',
          }));
          settings.sla.firstResponse = { A: a, B: a + 1, C: a + 2 };
          const parsed = parseSettingsRows(settingsToRows(settings).rows, defaultSettings('ru', 'UTC'), noDates);
          expect(parsed.settings).toEqual(settings);
        },
      ),
      { numRuns: 50 },
    );
  });

  test("a team member's email language round-trips; blank, or a tab without the column, means the workbook's", () => {
    const settings = withLead(defaultSettings('ru', 'Europe/Moscow'));
    settings.team.push({ email: 'en@example.com', name: 'Ann', role: 'owner', team: '', language: 'en' });
    const { rows } = settingsToRows(settings);
    const parsed = parseSettingsRows(rows, defaultSettings('ru', 'UTC'), noDates);
    expect(parsed.settings?.team).toEqual(settings.team);
    expect(languageOf(parsed.settings!, 'EN@example.com')).toBe('en');
    expect(languageOf(parsed.settings!, 'lead@example.com')).toBe('ru');
    expect(languageOf(parsed.settings!, 'coo@example.com')).toBe('ru');

    // A tab written before the column existed: four columns in the team section.
    const old = rows.map((row) => row.slice(0, 4));
    expect(parseSettingsRows(old, defaultSettings('ru', 'UTC'), noDates).settings?.team).toEqual(
      settings.team.map(({ language: _, ...member }) => member),
    );

    const bad = rows.map((row) => (row[0] === 'en@example.com' ? [...row.slice(0, 4), 'fr'] : row));
    const badRow = bad.findIndex((row) => row[0] === 'en@example.com') + 1;
    expect(parseSettingsRows(bad, defaultSettings('ru', 'UTC'), noDates).problems).toEqual([
      expect.objectContaining({ cell: `E${badRow}` }),
    ]);
  });

  test('a bad cell is reported at its address', () => {
    const rows = settingsToRows(withLead(defaultSettings('ru', 'Europe/Moscow'))).rows;
    const hoursRow = rows.findIndex((r) => r[0] === 'Пн');
    rows[hoursRow]![1] = '9 утра';
    const teamRow = rows.findIndex((r) => r[0] === 'lead@example.com');
    rows[teamRow]![2] = 'king';
    const parsed = parseSettingsRows(rows, defaultSettings('ru', 'UTC'), noDates);
    expect(parsed.settings).toBeNull();
    expect(parsed.problems).toEqual([
      { cell: `B${hoursRow + 1}`, message: 'ожидалось время ЧЧ:ММ, а не «9 утра»' },
      { cell: `C${teamRow + 1}`, message: 'Неизвестная роль «king»: agent, lead, owner, team_leader или viewer.' },
      // With the only lead's role broken, the team has no lead left.
      { cell: `A${teamRow + 1}`, message: 'В команде должен быть хотя бы один руководитель КС (lead).' },
    ]);
  });

  describe('no row is silently dropped', () => {
    function teamSettings() {
      const settings = withLead(defaultSettings('ru', 'Europe/Moscow'));
      settings.team.push(
        { email: 'agent1@example.com', name: 'Агент 1', role: 'agent', team: 'КС' },
        { email: 'agent2@example.com', name: 'Агент 2', role: 'agent', team: 'КС' },
      );
      return settings;
    }
    const parse = (rows: unknown[][]) => parseSettingsRows(rows, defaultSettings('ru', 'UTC'), noDates);
    const rowOf = (rows: string[][], first: string) => rows.findIndex((r) => r[0] === first);

    test('a blank row inside the Team block does not end it', () => {
      const settings = teamSettings();
      const rows = settingsToRows(settings).rows;
      rows.splice(rowOf(rows, 'agent1@example.com'), 0, ['', '', '', ''], ['', '', '', '']);
      const parsed = parse(rows);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings?.team.map((m) => m.email)).toEqual([
        'lead@example.com',
        'agent1@example.com',
        'agent2@example.com',
      ]);
    });

    test('blank rows inside the lists and departments blocks are skipped too', () => {
      const settings = teamSettings();
      const rows = settingsToRows(settings).rows;
      rows.splice(rowOf(rows, settings.departments[2]!.name), 0, ['', '', '', '']);
      rows.splice(rowOf(rows, settings.rootCauses[3]!), 0, ['', '', '', '']);
      const parsed = parse(rows);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings).toEqual(settings);
    });

    test('a deleted header row costs no data row', () => {
      const settings = teamSettings();
      const rows = settingsToRows(settings).rows;
      for (const header of ['Email', 'Отдел', 'Параметр', 'Критичность', 'День', 'Дата', 'Ключ'])
        rows.splice(rowOf(rows, header), 1);
      const parsed = parse(rows);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings).toEqual(settings);
    });

    test('a header row in the other language is still a header', () => {
      const settings = teamSettings();
      const rows = settingsToRows(settings).rows;
      rows[rowOf(rows, 'Email')] = ['Email', 'Name', 'Role', 'Team'];
      const parsed = parse(rows);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings?.team).toHaveLength(3);
    });

    test('a mistyped General label is reported at its cell, not replaced by the default', () => {
      const settings = teamSettings();
      settings.caseIdPrefix = 'KS';
      const rows = settingsToRows(settings).rows;
      const row = rowOf(rows, 'Префикс номера кейса');
      rows[row]![0] = 'Префикс номера';
      const parsed = parse(rows);
      expect(parsed.settings).toBeNull();
      expect(parsed.problems).toEqual([
        {
          cell: `A${row + 1}`,
          message:
            'неизвестный параметр «Префикс номера»; в разделе есть: «Язык (ru / en)», «Префикс номера кейса», ' +
            '«Часовой пояс», «Час ежедневной сводки (0–23)», «Страна телефонов без кода (KZ / RU / UA / пусто)», «COO (email, эскалация L3)», «CEO (email, эскалация L3)»',
        },
      ]);
    });

    test('the digest hour: read from General, 0–23, a wrong one reported at its cell, absent means 9', () => {
      const settings = teamSettings();
      settings.digestHour = 7;
      const rows = settingsToRows(settings).rows;
      expect(parse(rows).settings?.digestHour).toBe(7);
      const row = rowOf(rows, 'Час ежедневной сводки (0–23)');
      for (const wrong of ['24', '9:00', 'nine', '']) {
        rows[row]![1] = wrong;
        const parsed = parse(rows);
        expect(parsed.settings).toBeNull();
        expect(parsed.problems).toEqual([{ cell: `B${row + 1}`, message: 'Час сводки: от 0 до 23.' }]);
      }
      rows.splice(row, 1);
      expect(parse(rows).settings?.digestHour).toBe(9);
    });

    test('a row above the first section and a repeated section are reported', () => {
      const rows: string[][] = settingsToRows(teamSettings()).rows;
      rows.unshift(['', 'заметка на полях', '', '']);
      rows.push(['Команда', '', '', ''], ['late@example.com', 'Поздний', 'agent', '']);
      const parsed = parse(rows);
      expect(parsed.settings).toBeNull();
      expect(parsed.problems).toEqual([
        { cell: 'B1', message: expect.stringContaining('строка вне разделов') as string },
        { cell: `A${rows.length - 1}`, message: 'раздел «Команда» встречается второй раз; оставьте один' },
      ]);
    });

    test('a deleted weekday row is reported, not taken for a day off', () => {
      const rows = settingsToRows(teamSettings()).rows;
      const title = rowOf(rows, 'Рабочие часы');
      rows.splice(rowOf(rows, 'Ср'), 1);
      const parsed = parse(rows);
      expect(parsed.settings).toBeNull();
      expect(parsed.problems).toEqual([
        { cell: `A${title + 1}`, message: 'нет строки для дня «Ср»; для нерабочего дня напишите «выходной»' },
      ]);
    });
  });

  test('a bad holiday is reported at its own row, in the language of the tab', () => {
    const settings = withLead(defaultSettings('ru', 'Europe/Moscow'));
    settings.calendar = { ...settings.calendar, holidays: ['01-01', '2026-13-01', '2027-03-08', '05-09'] };
    const rows = settingsToRows(settings).rows;
    const bad = rows.findIndex((r) => r[0] === '2026-13-01');
    const parsed = parseSettingsRows(rows, defaultSettings('ru', 'UTC'), noDates);
    expect(parsed.problems).toEqual([
      { cell: `A${bad + 1}`, message: 'Нерабочий день «2026-13-01» — не дата ГГГГ-ММ-ДД или ММ-ДД.' },
    ]);
  });

  test('calendar problems are Russian in a Russian tab and point at their cell', () => {
    const rows = settingsToRows(withLead(defaultSettings('ru', 'Europe/Moscow'))).rows;
    const zone = rows.findIndex((r) => r[0] === 'Часовой пояс');
    rows[zone]![1] = 'Mars/Olympus';
    const tuesday = rows.findIndex((r) => r[0] === 'Вт');
    rows[tuesday] = ['Вт', '21:00', '09:00', ''];
    const parsed = parseSettingsRows(rows, defaultSettings('ru', 'UTC'), noDates);
    expect(parsed.problems).toEqual([
      {
        cell: `B${zone + 1}`,
        message: 'Неизвестный часовой пояс «Mars/Olympus» (нужен пояс IANA, например Europe/Moscow).',
      },
      {
        cell: `B${tuesday + 1}`,
        message: 'Часы работы: открытие должно быть раньше закрытия, в пределах суток (00:00–24:00).',
      },
    ]);
  });

  test('a template longer than the limit is reported at its text cell', () => {
    const settings = withLead(defaultSettings('en', 'Europe/Moscow'));
    settings.templates[1]!.text = 'x'.repeat(6000);
    const rows = settingsToRows(settings).rows;
    const row = rows.findIndex((r) => r[0] === 'status_update');
    const parsed = parseSettingsRows(rows, defaultSettings('en', 'UTC'), noDates);
    expect(parsed.problems).toEqual([
      { cell: `C${row + 1}`, message: 'The text of template “status_update” is longer than 5000 characters (6000).' },
    ]);
  });

  test('times typed as HH:MM or H.MM', () => {
    expect([parseHhmm('09:00'), parseHhmm('9.30'), parseHhmm('24:00'), parseHhmm('25:00'), parseHhmm('9')]).toEqual([
      540,
      570,
      1440,
      null,
      null,
    ]);
  });
});

describe('client messages', () => {
  const c = {
    id: 'ARB-2026-00007',
    client: 'Айгерим',
    orderNo: 'K-1',
    contact: '+7 (701) 555-01-02',
    resolution: 'заменили фасад',
    summary: 'царапина',
  };

  test('placeholders are filled, unknown ones left as typed', () => {
    const m = renderTemplate('{client}: {case}, {order}, до {deadline}. {agent} {unknown}', c, {
      agentName: 'Дина',
      deadline: '25.11.2026 10:00',
    });
    expect(m.text).toBe('Айгерим: ARB-2026-00007, K-1, до 25.11.2026 10:00. Дина {unknown}');
  });

  test('the WhatsApp link carries the number in international digits and the text', () => {
    expect(whatsappLink('+7 (701) 555-01-02', 'Привет & пока')).toBe(
      `https://wa.me/77015550102?text=${encodeURIComponent('Привет & пока')}`,
    );
    expect(whatsappLink('client@example.com', 'x')).toBe('https://wa.me/?text=x');
  });
});

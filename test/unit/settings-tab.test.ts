import fc from 'fast-check';
import { defaultSettings, type Settings } from '../../src/domain/settings';
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
      { cell: `C${teamRow + 1}`, message: 'Неизвестная роль «king»: agent, lead, owner, leader или viewer.' },
      // With the only lead's role broken, the team has no lead left.
      { cell: `A${teamRow + 1}`, message: 'В команде должен быть хотя бы один руководитель КС (lead).' },
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

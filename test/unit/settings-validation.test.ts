import { t } from '../../src/domain/i18n';
import { defaultSettings, LIMITS, settingsProblems, type Settings } from '../../src/domain/settings';

function valid(lang: 'ru' | 'en' = 'ru'): Settings {
  const s = defaultSettings(lang, 'Europe/Moscow');
  s.team.push({ email: 'lead@example.com', name: 'Лид', role: 'lead', team: 'КС' });
  return s;
}

const summary = (s: Settings) => settingsProblems(s).map((p) => `${p.field}:${p.key}`);

describe('length limits', () => {
  test('the defaults are within every limit', () => {
    expect(settingsProblems(valid('ru'))).toEqual([]);
    expect(settingsProblems(valid('en'))).toEqual([]);
  });

  test('a 110,000-character template is refused with a message naming the template', () => {
    const s = valid();
    s.templates[0]!.text = 'я'.repeat(110_000);
    const problems = settingsProblems(s);
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'templates.0.text:settings.tooLong.templateText',
      'settings:settings.tooBig',
    ]);
    expect(t('ru', problems[0]!.key, problems[0]!.params)).toBe(
      'Текст шаблона «first_response» длиннее 5000 символов (110000).',
    );
    expect(t('en', problems[0]!.key, problems[0]!.params)).toBe(
      'The text of template “first_response” is longer than 5000 characters (110000).',
    );
  });

  test('a template of exactly the limit is fine', () => {
    const s = valid();
    s.templates[0]!.text = 'x'.repeat(LIMITS.templateText);
    expect(settingsProblems(s)).toEqual([]);
  });

  test('names, labels, emails and list items are at most 200 characters', () => {
    const s = valid();
    const long = 'a'.repeat(201);
    s.departments[0]!.name = long;
    s.rootCauses[1] = long;
    s.channels[0] = 'b'.repeat(200); // at the limit: fine
    s.kinds[2] = long;
    s.sources[0] = long;
    s.team[0]!.name = long;
    s.team[0]!.team = long;
    s.templates[1]!.name = long;
    s.templates[2]!.key = long;
    s.escalation.coo = `${long}@example.com`;
    expect(summary(s)).toEqual([
      'departments.0.name:settings.tooLong.department',
      'escalation.coo:settings.tooLong.email',
      'rootCauses.1:settings.tooLong.rootCause',
      'kinds.2:settings.tooLong.kind',
      'sources.0:settings.tooLong.source',
      'team.0.name:settings.tooLong.memberName',
      'team.0.team:settings.tooLong.memberTeam',
      'templates.1.name:settings.tooLong.templateName',
      'templates.2.key:settings.tooLong.templateKey',
    ]);
    const kinds = settingsProblems(s).find((p) => p.field === 'kinds.2')!;
    expect(t('ru', kinds.key, kinds.params)).toBe('Тип длиннее 200 символов (201).');
  });

  test('a message never quotes a whole pasted text', () => {
    const s = valid();
    s.escalation.ceo = 'not an email '.repeat(10);
    s.calendar = { ...s.calendar, timeZone: 'Z'.repeat(5000) };
    for (const p of settingsProblems(s)) expect(t('ru', p.key, p.params).length).toBeLessThan(300);
  });

  test('at most 200 items a list and 500 people in the team', () => {
    const s = valid();
    s.rootCauses = Array.from({ length: 201 }, (_, i) => `Причина ${i}`);
    s.channels = Array.from({ length: 200 }, (_, i) => `Канал ${i}`);
    s.calendar = { ...s.calendar, holidays: Array.from({ length: 201 }, () => '01-01') };
    s.departments[0]!.owners = Array.from({ length: 201 }, (_, i) => `o${i}@example.com`);
    s.team = Array.from({ length: 501 }, (_, i) => ({
      email: `p${i}@example.com`,
      name: `P ${i}`,
      role: i === 0 ? ('lead' as const) : ('agent' as const),
      team: '',
    }));
    expect(summary(s)).toEqual([
      'calendar.holidays:settings.tooMany.holidays',
      'departments.0.owners:settings.tooMany.owners',
      'rootCauses:settings.tooMany.rootCauses',
      'team:settings.tooMany.team',
    ]);
    const team = settingsProblems(s).find((p) => p.field === 'team')!;
    expect(t('ru', team.key, team.params)).toBe('В команде больше 500 человек (501).');
    expect(t('en', team.key, team.params)).toBe('More than 500 people in the team (501).');
  });

  test('500 people with ordinary names fit', () => {
    const s = valid();
    s.team = Array.from({ length: 500 }, (_, i) => ({
      email: `person.number${i}@example-company.com`,
      name: `Сотрудник Номер ${i}`,
      role: i === 0 ? ('lead' as const) : ('agent' as const),
      team: 'Клиентский сервис',
    }));
    expect(settingsProblems(s)).toEqual([]);
  });

  test('the whole settings, as JSON, stay below 90 KB (counted in UTF-8 bytes, as the cache counts)', () => {
    const s = valid();
    // Each template is within its own limit; together they are not.
    const template = (i: number, letter: string) => ({
      key: `t${i}`,
      name: `T ${i}`,
      text: letter.repeat(LIMITS.templateText),
    });
    s.templates = Array.from({ length: 15 }, (_, i) => template(i, 'x')); // ~80 KB: fine
    expect(settingsProblems(s)).toEqual([]);
    expect(JSON.stringify(s).length).toBeLessThan(LIMITS.serializedBytes);
    s.templates = Array.from({ length: 10 }, (_, i) => template(i, 'ж')); // 50,000 letters, 100 KB
    const problems = settingsProblems(s);
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual(['settings:settings.tooBig']);
    expect(t('ru', problems[0]!.key, problems[0]!.params)).toMatch(
      /^Настройки слишком велики: 10\d КБ при пределе 90 КБ\. Сократите шаблоны, справочники или список команды\.$/,
    );
  });
});

describe('calendar problems inside settings', () => {
  test('carry a message key of their own and the calendar field', () => {
    const s = valid();
    s.calendar = { ...s.calendar, timeZone: 'Mars/Olympus', holidays: ['01-01', '13-13'] };
    const problems = settingsProblems(s);
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'calendar.timeZone:calendar.timeZone',
      'calendar.holidays.1:calendar.holiday',
    ]);
    const ru = problems.map((p) => t('ru', p.key, p.params)).join(' ');
    expect(ru).not.toMatch(/unknown|is not|opening/);
    expect(ru).toContain('Неизвестный часовой пояс «Mars/Olympus»');
  });
});

import { defaultSettings } from '../../src/domain/settings';
import {
  describeSettingsProblem,
  hasProblem,
  parseTime,
  settingsDraft,
  settingsFromDraft,
} from '../../src/ui/settings-form';

function saved() {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.team = [{ email: 'lead@example.com', name: 'Lead', role: 'lead', team: '' }];
  s.departments[0]!.owners = ['prod@example.com', 'deputy@example.com'];
  return s;
}

describe('Settings in the sidebar', () => {
  test('a draft of saved settings gives the same settings back', () => {
    const s = saved();
    expect(settingsFromDraft(settingsDraft(s))).toEqual({ settings: s, problems: [] });
  });

  test('what people type: owners by commas, lists by lines, times as HH:MM, a day off, minutes as text', () => {
    const draft = settingsDraft(saved());
    draft.departments[1]!.owners = 'a@example.com, b@example.com;c@example.com';
    draft.kinds = 'Брак\n\n  Повреждение  \n';
    draft.hours[6] = { closed: true, open: '', close: '' };
    draft.hours[1] = { closed: false, open: '08:30', close: '20:00' };
    draft.sla.firstResponse.A = ' 15 ';
    draft.caseIdPrefix = 'kx';
    const { settings, problems } = settingsFromDraft(draft);
    expect(problems).toEqual([]);
    expect(settings?.departments[1]?.owners).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(settings?.kinds).toEqual(['Брак', 'Повреждение']);
    expect(settings?.calendar.hours[6]).toBeNull();
    expect(settings?.calendar.hours[1]).toEqual({ open: 510, close: 1200 });
    expect(settings?.sla.firstResponse.A).toBe(15);
    expect(settings?.caseIdPrefix).toBe('KX');
  });

  test('the digest hour is typed as a whole hour 0–23; anything else is a problem at its field', () => {
    const draft = settingsDraft(saved());
    draft.digestHour = ' 18 ';
    expect(settingsFromDraft(draft).settings?.digestHour).toBe(18);
    for (const wrong of ['24', '-1', '9.5', '']) {
      draft.digestHour = wrong;
      expect(settingsFromDraft(draft).problems).toEqual([{ field: 'digestHour', key: 'settings.digestHour' }]);
    }
  });

  test('every problem is found before saving, each with its place', () => {
    const draft = settingsDraft(saved());
    draft.team[0]!.role = 'agent';
    draft.team.push({ email: 'not-an-email', name: '', role: 'agent', team: '' });
    draft.sla.resolution.B = '';
    draft.hours[2] = { closed: false, open: '25:00', close: '18:00' };
    draft.templates[0]!.key = 'Bad Key';
    const { settings, problems } = settingsFromDraft(draft);
    expect(settings).toBeNull();
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['calendar.hours.2.open', 'sla.resolution', 'sla.resolution.B', 'team', 'team.1.email', 'templates.0.key'].sort(),
    );
    expect(hasProblem(problems, 'team')).toBe(true);
    expect(hasProblem(problems, 'departments')).toBe(false);
    const described = problems.map((p) => describeSettingsProblem(p, 'ru'));
    expect(described).toContain('Команда и роли, 2: «not-an-email» — не email.');
    expect(described).toContain('Рабочее время: ожидалось время ЧЧ:ММ, а не «25:00»');
    expect(described).toContain('Команда и роли: В команде должен быть хотя бы один руководитель КС (lead).');
  });

  test('times', () => {
    expect(parseTime('9:05')).toBe(545);
    expect(parseTime('24:00')).toBe(1440);
    expect(parseTime('12:60')).toBeNull();
    expect(parseTime('')).toBeNull();
  });
});

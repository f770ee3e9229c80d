/**
 * Settings as the sidebar edits them: the same object, with the parts a person types as text
 * (owners separated by commas, lists one per line, times as HH:MM, minutes as typed). Turned back
 * into Settings and checked with the domain's coerceSettings and settingsProblems before saving.
 * Pure: unit-tested in Node.
 */
import { isDomainError, type Problem } from '../domain/errors';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import { CRITICALITIES, type Criticality } from '../domain/model';
import { coerceSettings, settingsProblems, type Settings, type TeamMember } from '../domain/settings';

export interface DayDraft {
  closed: boolean;
  open: string;
  close: string;
}

export interface SettingsDraft {
  language: string;
  caseIdPrefix: string;
  digestHour: string;
  phoneCountry: string;
  timeZone: string;
  hours: DayDraft[];
  holidays: string;
  sla: Record<'firstResponse' | 'resolution', Record<Criticality, string>>;
  departments: Array<{ name: string; owners: string; head: string }>;
  coo: string;
  ceo: string;
  rootCauses: string;
  channels: string;
  kinds: string;
  sources: string;
  team: TeamMember[];
  templates: Settings['templates'];
}

export const LIST_FIELDS = ['rootCauses', 'channels', 'kinds', 'sources'] as const;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const lines = (list: readonly string[]) => list.join('\n');
const splitLines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export function settingsDraft(s: Settings): SettingsDraft {
  const targets = (kind: 'firstResponse' | 'resolution') =>
    Object.fromEntries(CRITICALITIES.map((c) => [c, String(s.sla[kind][c])])) as Record<Criticality, string>;
  return {
    language: s.language,
    caseIdPrefix: s.caseIdPrefix,
    digestHour: String(s.digestHour),
    phoneCountry: s.phoneCountry,
    timeZone: s.calendar.timeZone,
    hours: s.calendar.hours.map((day) =>
      day ? { closed: false, open: hhmm(day.open), close: hhmm(day.close) } : { closed: true, open: '', close: '' },
    ),
    holidays: lines(s.calendar.holidays),
    sla: { firstResponse: targets('firstResponse'), resolution: targets('resolution') },
    departments: s.departments.map((d) => ({ name: d.name, owners: d.owners.join(', '), head: d.head })),
    coo: s.escalation.coo,
    ceo: s.escalation.ceo,
    rootCauses: lines(s.rootCauses),
    channels: lines(s.channels),
    kinds: lines(s.kinds),
    sources: lines(s.sources),
    team: s.team.map((m) => ({ ...m })),
    templates: s.templates.map((tpl) => ({ ...tpl })),
  };
}

/** "09:30" → 570, "24:00" → 1440 (closing at midnight); anything else → null. */
export function parseTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 24 * 60;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** The Settings a draft describes, or every problem with it (each naming its field path). */
export function settingsFromDraft(d: SettingsDraft): { settings: Settings | null; problems: Problem[] } {
  // What cannot even be read as a time or a number is reported here, in the domain's words.
  const typed: Problem[] = [];
  const time = (text: string, field: string) => {
    const value = parseTime(text);
    if (value === null) typed.push({ key: 'settings.time', field, params: { value: text } });
    return value ?? 0;
  };
  const minutes = (text: string, kind: string, criticality: Criticality) => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) {
      typed.push({ key: 'settings.slaMinutes', field: `sla.${kind}.${criticality}`, params: { criticality } });
      return 0;
    }
    return value;
  };
  const hour = (text: string) => {
    if (/^\d{1,2}$/.test(text.trim())) return Number(text.trim());
    typed.push({ key: 'settings.digestHour', field: 'digestHour' });
    return 0;
  };
  const raw = {
    language: d.language,
    caseIdPrefix: d.caseIdPrefix.trim().toUpperCase(),
    digestHour: hour(d.digestHour),
    phoneCountry: d.phoneCountry,
    calendar: {
      timeZone: d.timeZone.trim(),
      hours: d.hours.map((day, i) =>
        day.closed
          ? null
          : { open: time(day.open, `calendar.hours.${i}.open`), close: time(day.close, `calendar.hours.${i}.close`) },
      ),
      holidays: splitLines(d.holidays),
    },
    sla: Object.fromEntries(
      (['firstResponse', 'resolution'] as const).map((kind) => [
        kind,
        Object.fromEntries(CRITICALITIES.map((c) => [c, minutes(d.sla[kind][c], kind, c)])),
      ]),
    ),
    departments: d.departments.map((dept) => ({
      name: dept.name,
      owners: dept.owners
        .split(/[,;\s]+/)
        .map((o) => o.trim())
        .filter(Boolean),
      head: dept.head,
    })),
    escalation: { coo: d.coo, ceo: d.ceo },
    rootCauses: splitLines(d.rootCauses),
    channels: splitLines(d.channels),
    kinds: splitLines(d.kinds),
    sources: splitLines(d.sources),
    team: d.team,
    templates: d.templates,
  };
  let problems: Problem[];
  let settings: Settings | null = null;
  try {
    settings = coerceSettings(raw);
    problems = [...typed, ...settingsProblems(settings)];
  } catch (error) {
    if (!isDomainError(error)) throw error;
    problems = [...typed, ...error.problems];
  }
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.key === p.key) === i);
  return unique.length > 0 ? { settings: null, problems: unique } : { settings, problems: [] };
}

const SECTIONS: ReadonlyArray<[prefix: string, label: MessageKey]> = [
  ['language', 'ui.settings.language'],
  ['caseIdPrefix', 'ui.settings.prefix'],
  ['digestHour', 'ui.settings.digestHour'],
  ['phoneCountry', 'ui.settings.phoneCountry'],
  ['calendar', 'ui.settings.calendar'],
  ['sla', 'ui.settings.sla'],
  ['departments', 'ui.settings.departments'],
  ['escalation', 'ui.settings.escalation'],
  ['rootCauses', 'ui.settings.rootCauses'],
  ['channels', 'ui.settings.channels'],
  ['kinds', 'ui.settings.kinds'],
  ['sources', 'ui.settings.sources'],
  ['team', 'ui.settings.team'],
  ['templates', 'ui.settings.templates'],
];

/** "Team and roles, 3: An email is needed." — where the problem is, then what it is. */
export function describeSettingsProblem(problem: Problem, lang: Lang): string {
  const text = t(lang, problem.key, problem.params);
  const path = (problem.field ?? '').split('.');
  const section = SECTIONS.find(([prefix]) => prefix === path[0]);
  if (!section) return text;
  const row = path[1] !== undefined && /^\d+$/.test(path[1]) ? `, ${Number(path[1]) + 1}` : '';
  return `${t(lang, section[1])}${row}: ${text}`;
}

/** Does a problem concern this field path or something inside it? */
export function hasProblem(problems: readonly Problem[], path: string): boolean {
  return problems.some((p) => p.field === path || (p.field ?? '').startsWith(`${path}.`));
}

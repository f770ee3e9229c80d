/**
 * The Settings tab: sections a lead can read and edit by hand, one block per part of Settings.
 * Each block starts with its title in column A (either language), then a header row (recognised by
 * its text), then data rows until the next title; blank rows are skipped. Reading validates
 * everything and names the cell of each problem, including rows it cannot place; nothing broken
 * is ever used and nothing typed is silently dropped.
 */
import type { DayHours } from '../domain/calendar';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import { CRITICALITIES } from '../domain/model';
import { parseRole } from '../domain/roles';
import { settingsProblems, type Settings } from '../domain/settings';
import { columnLetter } from './a1';
import { isDateValue, type CellProblem } from './case-row';

export const SETTINGS_WIDTH = 4;

type SectionKey = 'general' | 'sla' | 'hours' | 'holidays' | 'departments' | 'team' | 'lists' | 'templates';

const SECTIONS: Record<SectionKey, { ru: string; en: string; headers: { ru: string[]; en: string[] } }> = {
  general: {
    ru: 'Общие',
    en: 'General',
    headers: { ru: ['Параметр', 'Значение'], en: ['Setting', 'Value'] },
  },
  sla: {
    ru: 'Нормативы SLA (рабочие минуты)',
    en: 'SLA targets (business minutes)',
    headers: { ru: ['Критичность', 'Первый ответ', 'Решение'], en: ['Criticality', 'First response', 'Resolution'] },
  },
  hours: {
    ru: 'Рабочие часы',
    en: 'Opening hours',
    headers: { ru: ['День', 'Открытие', 'Закрытие'], en: ['Day', 'Opens', 'Closes'] },
  },
  holidays: {
    ru: 'Выходные дни (ГГГГ-ММ-ДД или ММ-ДД каждый год)',
    en: 'Closed days (YYYY-MM-DD, or MM-DD every year)',
    headers: { ru: ['Дата', 'Описание'], en: ['Date', 'Description'] },
  },
  departments: {
    ru: 'Отделы',
    en: 'Departments',
    headers: {
      ru: ['Отдел', 'Владельцы (email через запятую)', 'Руководитель отдела (email)'],
      en: ['Department', 'Owners (emails, comma-separated)', 'Department head (email)'],
    },
  },
  team: {
    ru: 'Команда',
    en: 'Team',
    headers: { ru: ['Email', 'Имя', 'Роль', 'Команда'], en: ['Email', 'Name', 'Role', 'Team'] },
  },
  lists: {
    ru: 'Справочники',
    en: 'Lists',
    headers: {
      ru: ['Корневые причины', 'Каналы', 'Типы', 'Источники'],
      en: ['Root causes', 'Channels', 'Kinds', 'Sources'],
    },
  },
  templates: {
    ru: 'Шаблоны сообщений ({client}, {case}, {order}, {deadline}, {agent}, {resolution}, {summary})',
    en: 'Message templates ({client}, {case}, {order}, {deadline}, {agent}, {resolution}, {summary})',
    headers: { ru: ['Ключ', 'Название', 'Текст'], en: ['Key', 'Name', 'Text'] },
  },
};

const GENERAL_KEYS = ['language', 'caseIdPrefix', 'timeZone', 'coo', 'ceo'] as const;
const GENERAL_LABELS: Record<(typeof GENERAL_KEYS)[number], { ru: string; en: string }> = {
  language: { ru: 'Язык (ru / en)', en: 'Language (ru / en)' },
  caseIdPrefix: { ru: 'Префикс номера кейса', en: 'Case number prefix' },
  timeZone: { ru: 'Часовой пояс', en: 'Time zone' },
  coo: { ru: 'COO (email, эскалация L3)', en: 'COO (email, L3 escalation)' },
  ceo: { ru: 'CEO (email, эскалация L3)', en: 'CEO (email, L3 escalation)' },
};

/** Weekday rows in the order a person reads a week: Monday first. Values are JS weekdays. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const DAY_NAMES: Record<Lang, string[]> = {
  ru: ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const CLOSED: Record<Lang, string> = { ru: 'выходной', en: 'closed' };

export interface SettingsLayout {
  rows: string[][];
  /** 1-based rows holding a section title (bold in the sheet). */
  titleRows: number[];
  /** 1-based rows holding a header (grey in the sheet). */
  headerRows: number[];
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The whole tab for `settings`, as text (the tab is formatted as plain text). */
export function settingsToRows(settings: Settings): SettingsLayout {
  const lang = settings.language;
  const rows: string[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const section = (key: SectionKey, data: string[][]) => {
    if (rows.length > 0) rows.push([]);
    rows.push([SECTIONS[key][lang]]);
    titleRows.push(rows.length);
    rows.push(SECTIONS[key].headers[lang]);
    headerRows.push(rows.length);
    rows.push(...data);
  };
  const general: Record<(typeof GENERAL_KEYS)[number], string> = {
    language: settings.language,
    caseIdPrefix: settings.caseIdPrefix,
    timeZone: settings.calendar.timeZone,
    coo: settings.escalation.coo,
    ceo: settings.escalation.ceo,
  };
  section(
    'general',
    GENERAL_KEYS.map((k) => [GENERAL_LABELS[k][lang], general[k]]),
  );
  section(
    'sla',
    CRITICALITIES.map((c) => [c, String(settings.sla.firstResponse[c]), String(settings.sla.resolution[c])]),
  );
  section(
    'hours',
    WEEK.map((d) => {
      const h = settings.calendar.hours[d];
      return h
        ? [DAY_NAMES[lang][d] as string, hhmm(h.open), hhmm(h.close)]
        : [DAY_NAMES[lang][d] as string, CLOSED[lang], ''];
    }),
  );
  section(
    'holidays',
    settings.calendar.holidays.map((h) => [h, '']),
  );
  section(
    'departments',
    settings.departments.map((d) => [d.name, d.owners.join(', '), d.head]),
  );
  section(
    'team',
    settings.team.map((m) => [m.email, m.name, m.role, m.team]),
  );
  const lists = [settings.rootCauses, settings.channels, settings.kinds, settings.sources];
  const longest = Math.max(...lists.map((l) => l.length));
  section(
    'lists',
    Array.from({ length: longest }, (_, i) => lists.map((l) => l[i] ?? '')),
  );
  section(
    'templates',
    settings.templates.map((tpl) => [tpl.key, tpl.name, tpl.text]),
  );
  return { rows: rows.map((r) => padRow(r)), titleRows, headerRows };
}

function padRow(row: string[]): string[] {
  return Array.from({ length: SETTINGS_WIDTH }, (_, i) => row[i] ?? '');
}

const SECTION_BY_TITLE: ReadonlyMap<string, SectionKey> = new Map(
  (Object.keys(SECTIONS) as SectionKey[]).flatMap((key) => [
    [normalize(SECTIONS[key].ru), key],
    [normalize(SECTIONS[key].en), key],
  ]),
);

function normalize(text: unknown): string {
  return String(text ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface ParsedSettings {
  settings: Settings | null;
  problems: CellProblem[];
}

/**
 * Reads the tab. `values` is getValues() of the tab; `describeDate` turns a date value (a time or
 * date a person typed that the sheet converted) back into text: 'HH:mm' for a time of day,
 * 'yyyy-MM-dd' for a date. `fallback` fills sections that are missing entirely (a lead deleted a
 * block: the defaults apply until setup writes it back).
 */
export function parseSettingsRows(
  values: unknown[][],
  fallback: Settings,
  describeDate: (d: Date) => string,
): ParsedSettings {
  const lang = fallback.language;
  const problems: CellProblem[] = [];
  const fieldCells = new Map<string, string>();
  const cellOf = (row: number, col: number) => `${columnLetter(col + 1)}${row + 1}`;
  const report = (row: number, col: number, key: MessageKey, params?: Record<string, string | number>) =>
    problems.push({ cell: cellOf(row, col), message: t(lang, key, params) });
  const text = (v: unknown): string => (isDateValue(v) ? describeDate(v) : String(v ?? '').trim());

  // Locate blocks. A block runs from its title (column A, either language) to the next title;
  // blank rows inside are skipped, so a blank row never hides the rows below it. The header row
  // is recognised by its text, so a deleted header never costs the first data row. Any other
  // non-blank row that belongs to no block is reported, never dropped.
  const blocks = new Map<SectionKey, { title: number; rows: number[] }>();
  let current: SectionKey | null = null;
  let headerAllowed = false;
  values.forEach((row, i) => {
    const section = SECTION_BY_TITLE.get(normalize(row[0]));
    if (section) {
      if (blocks.has(section)) report(i, 0, 'settings.duplicateSection', { section: SECTIONS[section][lang] });
      else blocks.set(section, { title: i, rows: [] });
      current = section;
      headerAllowed = true;
      return;
    }
    const filled = row.findIndex((v) => text(v) !== '');
    if (filled < 0) return;
    if (!current) {
      report(i, filled, 'settings.strayRow');
      return;
    }
    if (headerAllowed && isHeaderOf(current, row)) {
      headerAllowed = false;
      return;
    }
    headerAllowed = false;
    blocks.get(current)?.rows.push(i);
  });
  // Where a problem with a whole section is shown: its first data row, else its title.
  const sectionCell = (key: SectionKey, col = 0) => {
    const block = blocks.get(key);
    return block ? cellOf(block.rows[0] ?? block.title, col) : undefined;
  };

  const s: Settings = JSON.parse(JSON.stringify(fallback)) as Settings;
  const cell = (i: number, c: number) => values[i]?.[c];

  const general = blocks.get('general')?.rows;
  if (general) {
    const byLabel = new Map<string, (typeof GENERAL_KEYS)[number]>();
    for (const k of GENERAL_KEYS) {
      byLabel.set(normalize(GENERAL_LABELS[k].ru), k);
      byLabel.set(normalize(GENERAL_LABELS[k].en), k);
    }
    const seen = new Set<string>();
    for (const i of general) {
      const key = byLabel.get(normalize(cell(i, 0)));
      if (!key) {
        const labels = GENERAL_KEYS.map((k) => GENERAL_LABELS[k][lang]).join(lang === 'ru' ? '», «' : '”, “');
        report(i, 0, 'settings.unknownLabel', { value: preview(text(cell(i, 0))), labels });
        continue;
      }
      if (seen.has(key)) {
        report(i, 0, 'settings.duplicate', { value: text(cell(i, 0)) });
        continue;
      }
      seen.add(key);
      const value = text(cell(i, 1));
      const field = {
        language: 'language',
        caseIdPrefix: 'caseIdPrefix',
        timeZone: 'calendar.timeZone',
        coo: 'escalation.coo',
        ceo: 'escalation.ceo',
      }[key];
      fieldCells.set(field, cellOf(i, 1));
      if (key === 'language') s.language = value.toLowerCase() as Lang;
      else if (key === 'caseIdPrefix') s.caseIdPrefix = value;
      else if (key === 'timeZone') s.calendar.timeZone = value;
      else s.escalation[key] = value.toLowerCase();
    }
  }

  const sla = blocks.get('sla')?.rows;
  if (sla) {
    const seen = new Set<string>();
    for (const i of sla) {
      const c = text(cell(i, 0)).toUpperCase();
      if (!CRITICALITIES.includes(c as 'A')) {
        report(i, 0, 'cell.criticality', { value: preview(text(cell(i, 0))) });
        continue;
      }
      if (seen.has(c)) {
        report(i, 0, 'settings.duplicate', { value: c });
        continue;
      }
      seen.add(c);
      (['firstResponse', 'resolution'] as const).forEach((kind, k) => {
        const v = cell(i, k + 1);
        const n = typeof v === 'number' ? v : Number(text(v).replace(',', '.'));
        fieldCells.set(`sla.${kind}.${c}`, cellOf(i, k + 1));
        fieldCells.set(`sla.${kind}`, cellOf(i, k + 1));
        if (!Number.isFinite(n) || text(v) === '') report(i, k + 1, 'cell.number', { value: preview(text(v)) });
        else s.sla[kind][c as 'A'] = n;
      });
    }
  }

  const hoursBlock = blocks.get('hours');
  if (hoursBlock) {
    const next: Array<DayHours | null> = [null, null, null, null, null, null, null];
    const seen = new Set<number>();
    for (const i of hoursBlock.rows) {
      const name = normalize(cell(i, 0));
      const weekday = weekdayNamed(name);
      if (weekday < 0) {
        report(i, 0, 'settings.dayName', { value: preview(text(cell(i, 0))) });
        continue;
      }
      if (seen.has(weekday)) {
        report(i, 0, 'settings.duplicate', { value: text(cell(i, 0)) });
        continue;
      }
      seen.add(weekday);
      fieldCells.set(`calendar.hours.${weekday}`, cellOf(i, 1));
      const open = text(cell(i, 1));
      if (normalize(open) === normalize(CLOSED.ru) || normalize(open) === normalize(CLOSED.en) || open === '') continue;
      const from = parseHhmm(open);
      const to = parseHhmm(text(cell(i, 2)));
      if (from === null) report(i, 1, 'settings.time', { value: preview(open) });
      if (to === null) report(i, 2, 'settings.time', { value: preview(text(cell(i, 2))) });
      if (from !== null && to !== null) next[weekday] = { open: from, close: to };
    }
    // A deleted weekday row is not a day off: "closed" is written, never guessed.
    for (const weekday of WEEK) {
      if (!seen.has(weekday))
        report(hoursBlock.title, 0, 'settings.dayMissing', {
          day: DAY_NAMES[lang][weekday] ?? '',
          closed: CLOSED[lang],
        });
    }
    s.calendar.hours = next;
    fieldCells.set('calendar.hours', sectionCell('hours', 1) ?? 'A1');
  }

  const holidays = blocks.get('holidays')?.rows;
  if (holidays) {
    s.calendar.holidays = holidays.map((i, n) => {
      fieldCells.set(`calendar.holidays.${n}`, cellOf(i, 0));
      return text(cell(i, 0));
    });
    fieldCells.set('calendar.holidays', sectionCell('holidays') ?? 'A1');
  }

  const departments = blocks.get('departments')?.rows;
  if (departments) {
    s.departments = departments.map((i, n) => {
      fieldCells.set(`departments.${n}`, cellOf(i, 0));
      fieldCells.set(`departments.${n}.owners`, cellOf(i, 1));
      fieldCells.set(`departments.${n}.head`, cellOf(i, 2));
      const owners = text(cell(i, 1))
        .split(/[,;\s]+/)
        .map((o) => o.trim().toLowerCase())
        .filter(Boolean);
      owners.forEach((_, j) => fieldCells.set(`departments.${n}.owners.${j}`, cellOf(i, 1)));
      return { name: text(cell(i, 0)), owners, head: text(cell(i, 2)).toLowerCase() };
    });
    fieldCells.set('departments', sectionCell('departments') ?? 'A1');
  }

  const team = blocks.get('team')?.rows;
  if (team) {
    s.team = team.map((i, n) => {
      fieldCells.set(`team.${n}.email`, cellOf(i, 0));
      fieldCells.set(`team.${n}.name`, cellOf(i, 1));
      fieldCells.set(`team.${n}.role`, cellOf(i, 2));
      fieldCells.set(`team.${n}.team`, cellOf(i, 3));
      return {
        email: text(cell(i, 0)).toLowerCase(),
        name: text(cell(i, 1)),
        role: parseRole(text(cell(i, 2))),
        team: text(cell(i, 3)),
      };
    });
    fieldCells.set('team', sectionCell('team') ?? 'A1');
  }

  const lists = blocks.get('lists')?.rows;
  if (lists) {
    (['rootCauses', 'channels', 'kinds', 'sources'] as const).forEach((key, col) => {
      const items: string[] = [];
      for (const i of lists) {
        const v = text(cell(i, col));
        if (!v) continue;
        fieldCells.set(`${key}.${items.length}`, cellOf(i, col));
        items.push(v);
      }
      fieldCells.set(key, sectionCell('lists', col) ?? 'A1');
      s[key] = items;
    });
  }

  const templates = blocks.get('templates')?.rows;
  if (templates) {
    fieldCells.set('templates', sectionCell('templates') ?? 'A1');
    s.templates = templates.map((i, n) => {
      fieldCells.set(`templates.${n}.key`, cellOf(i, 0));
      fieldCells.set(`templates.${n}.name`, cellOf(i, 1));
      fieldCells.set(`templates.${n}.text`, cellOf(i, 2));
      return { key: text(cell(i, 0)), name: text(cell(i, 1)), text: String(cell(i, 2) ?? '') };
    });
  }

  // Every problem at once, so a lead fixes the tab in one pass; a cell that could not be read
  // is reported once, not again for what its fallback value then breaks.
  const unreadable = new Set(problems.map((p) => p.cell));
  for (const p of settingsProblems(s)) {
    const field = p.field ?? '';
    const at =
      fieldCells.get(field) ??
      fieldCells.get(field.split('.').slice(0, -1).join('.')) ??
      fieldCells.get(field.split('.')[0] ?? '') ??
      'A1';
    if (!unreadable.has(at)) problems.push({ cell: at, message: t(lang, p.key, p.params) });
  }
  return { settings: problems.length === 0 ? s : null, problems };
}

/** A header row: its first cell reads as the section's first column header, in either language. */
function isHeaderOf(section: SectionKey, row: unknown[]): boolean {
  const first = normalize(row[0]);
  const { ru, en } = SECTIONS[section].headers;
  return first === normalize(ru[0]) || first === normalize(en[0]);
}

/** A value quoted in a message: never a whole pasted text. */
function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

function weekdayNamed(name: string): number {
  const ru = DAY_NAMES.ru.findIndex((d) => normalize(d) === name);
  return ru >= 0 ? ru : DAY_NAMES.en.findIndex((d) => normalize(d) === name);
}

export function parseHhmm(text: string): number | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

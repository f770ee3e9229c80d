/**
 * The Settings tab: sections a lead can read and edit by hand, one block per part of Settings.
 * Each block starts with its title in column A (either language), then a header row (recognised by
 * its text), then data rows until the next title; blank rows are skipped. Reading validates
 * everything and names the cell of each problem, including rows it cannot place; nothing broken
 * is ever used and nothing typed is silently dropped.
 */
import type { PhoneCountry } from '../domain/phone';
import type { DayHours } from '../domain/calendar';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import { CRITICALITIES } from '../domain/model';
import { parseRole } from '../domain/roles';
import { settingsProblems, type Settings } from '../domain/settings';
import { excerpt } from '../domain/untrusted';
import { columnLetter } from './a1';
import { isDateValue, type CellProblem } from './case-row';

export const SETTINGS_WIDTH = 5;

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
    headers: {
      ru: ['Email', 'Имя', 'Роль', 'Команда', 'Язык писем (ru / en)'],
      en: ['Email', 'Name', 'Role', 'Team', 'Email language (ru / en)'],
    },
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

const GENERAL_KEYS = ['language', 'caseIdPrefix', 'timeZone', 'digestHour', 'phoneCountry', 'coo', 'ceo'] as const;
const GENERAL_LABELS: Record<(typeof GENERAL_KEYS)[number], { ru: string; en: string }> = {
  language: { ru: 'Язык (ru / en)', en: 'Language (ru / en)' },
  caseIdPrefix: { ru: 'Префикс номера кейса', en: 'Case number prefix' },
  timeZone: { ru: 'Часовой пояс', en: 'Time zone' },
  digestHour: { ru: 'Час ежедневной сводки (0–23)', en: 'Hour of the daily digest (0–23)' },
  phoneCountry: {
    ru: 'Страна телефонов без кода (KZ / RU / UA / пусто)',
    en: 'Country of phones without a code (KZ / RU / UA / empty)',
  },
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
    digestHour: String(settings.digestHour),
    phoneCountry: settings.phoneCountry,
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
    settings.team.map((m) => [m.email, m.name, m.role, m.team, m.language ?? '']),
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

/** A section's rows: its title row and its data rows (0-based indices into the tab's values). */
interface Block {
  title: number;
  rows: number[];
}

/**
 * What every section parser shares: the tab's cells, the settings being built (a copy of the
 * fallback), the problems found so far and, for each settings field, the cell it was read from
 * (where a problem the domain finds later is shown).
 */
class TabReader {
  readonly lang: Lang;
  readonly settings: Settings;
  readonly problems: CellProblem[] = [];
  readonly fieldCells = new Map<string, string>();

  constructor(
    private readonly values: unknown[][],
    fallback: Settings,
    private readonly describeDate: (d: Date) => string,
  ) {
    this.lang = fallback.language;
    this.settings = JSON.parse(JSON.stringify(fallback)) as Settings;
  }

  cell(row: number, col: number): unknown {
    return this.values[row]?.[col];
  }

  /** A cell as text; a date the sheet converted goes back to the text a person typed. */
  text(value: unknown): string {
    return isDateValue(value) ? this.describeDate(value) : String(value ?? '').trim();
  }

  cellText(row: number, col: number): string {
    return this.text(this.cell(row, col));
  }

  cellOf(row: number, col: number): string {
    return `${columnLetter(col + 1)}${row + 1}`;
  }

  report(row: number, col: number, key: MessageKey, params?: Record<string, string | number>): void {
    this.problems.push({ cell: this.cellOf(row, col), message: t(this.lang, key, params) });
  }

  /** `field` was read from the cell at (row, col). */
  readFrom(field: string, row: number, col: number): void {
    this.fieldCells.set(field, this.cellOf(row, col));
  }

  /** Where a problem with a whole section is shown: its first data row, else its title. */
  sectionCell(block: Block, col = 0): string {
    return this.cellOf(block.rows[0] ?? block.title, col);
  }
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
  const reader = new TabReader(values, fallback, describeDate);
  const blocks = locateBlocks(values, reader);
  for (const key of Object.keys(SECTION_PARSERS) as SectionKey[]) {
    const block = blocks.get(key);
    if (block) SECTION_PARSERS[key](block, reader);
  }
  return withDomainProblems(reader);
}

/**
 * A block runs from its title (column A, either language) to the next title; blank rows inside
 * are skipped, so a blank row never hides the rows below it. The header row is recognised by its
 * text, so a deleted header never costs the first data row. Any other non-blank row that belongs
 * to no block is reported, never dropped; so is a section given twice.
 */
function locateBlocks(values: unknown[][], reader: TabReader): Map<SectionKey, Block> {
  const blocks = new Map<SectionKey, Block>();
  let current: SectionKey | null = null;
  let headerAllowed = false;
  values.forEach((row, i) => {
    const section = SECTION_BY_TITLE.get(normalize(row[0]));
    if (section) {
      if (blocks.has(section))
        reader.report(i, 0, 'settings.duplicateSection', { section: SECTIONS[section][reader.lang] });
      else blocks.set(section, { title: i, rows: [] });
      current = section;
      headerAllowed = true;
      return;
    }
    const filled = row.findIndex((v) => reader.text(v) !== '');
    if (filled < 0) return;
    if (!current) {
      reader.report(i, filled, 'settings.strayRow');
      return;
    }
    if (headerAllowed && isHeaderOf(current, row)) {
      headerAllowed = false;
      return;
    }
    headerAllowed = false;
    blocks.get(current)?.rows.push(i);
  });
  return blocks;
}

/**
 * Every problem at once, so a lead fixes the tab in one pass: the domain's checks of the settings
 * read, each shown at the cell its field came from. A cell that could not be read is reported
 * once, not again for what its fallback value then breaks.
 */
function withDomainProblems(reader: TabReader): ParsedSettings {
  const { problems, fieldCells, settings } = reader;
  const unreadable = new Set(problems.map((p) => p.cell));
  for (const p of settingsProblems(settings)) {
    const field = p.field ?? '';
    const at =
      fieldCells.get(field) ??
      fieldCells.get(field.split('.').slice(0, -1).join('.')) ??
      fieldCells.get(field.split('.')[0] ?? '') ??
      'A1';
    if (!unreadable.has(at)) problems.push({ cell: at, message: t(reader.lang, p.key, p.params) });
  }
  return { settings: problems.length === 0 ? settings : null, problems };
}

/** The settings field each General label sets. */
const GENERAL_FIELDS: Record<(typeof GENERAL_KEYS)[number], string> = {
  language: 'language',
  caseIdPrefix: 'caseIdPrefix',
  timeZone: 'calendar.timeZone',
  digestHour: 'digestHour',
  phoneCountry: 'phoneCountry',
  coo: 'escalation.coo',
  ceo: 'escalation.ceo',
};

const GENERAL_BY_LABEL: ReadonlyMap<string, (typeof GENERAL_KEYS)[number]> = new Map(
  GENERAL_KEYS.flatMap((k) => [
    [normalize(GENERAL_LABELS[k].ru), k],
    [normalize(GENERAL_LABELS[k].en), k],
  ]),
);

/** General: one row per label (either language), its value in column B. */
function parseGeneral(block: Block, r: TabReader): void {
  const s = r.settings;
  const seen = new Set<string>();
  for (const i of block.rows) {
    const key = GENERAL_BY_LABEL.get(normalize(r.cell(i, 0)));
    if (!key) {
      const labels = GENERAL_KEYS.map((k) => GENERAL_LABELS[k][r.lang]).join(r.lang === 'ru' ? '», «' : '”, “');
      r.report(i, 0, 'settings.unknownLabel', { value: excerpt(r.cellText(i, 0)), labels });
      continue;
    }
    if (seen.has(key)) {
      r.report(i, 0, 'settings.duplicate', { value: r.cellText(i, 0) });
      continue;
    }
    seen.add(key);
    const value = r.cellText(i, 1);
    r.readFrom(GENERAL_FIELDS[key], i, 1);
    if (key === 'language') s.language = value.toLowerCase() as Lang;
    else if (key === 'caseIdPrefix') s.caseIdPrefix = value;
    else if (key === 'timeZone') s.calendar.timeZone = value;
    // Not a whole number: NaN, which validation reports at this cell.
    else if (key === 'digestHour') s.digestHour = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    else if (key === 'phoneCountry') s.phoneCountry = value.toUpperCase() as PhoneCountry;
    else s.escalation[key] = value.toLowerCase();
  }
}

/** SLA targets: one row per criticality, first response and resolution in business minutes. */
function parseSla(block: Block, r: TabReader): void {
  const seen = new Set<string>();
  for (const i of block.rows) {
    const c = r.cellText(i, 0).toUpperCase();
    if (!CRITICALITIES.includes(c as 'A')) {
      r.report(i, 0, 'cell.criticality', { value: excerpt(r.cellText(i, 0)) });
      continue;
    }
    if (seen.has(c)) {
      r.report(i, 0, 'settings.duplicate', { value: c });
      continue;
    }
    seen.add(c);
    (['firstResponse', 'resolution'] as const).forEach((kind, k) => {
      const v = r.cell(i, k + 1);
      const n = typeof v === 'number' ? v : Number(r.text(v).replace(',', '.'));
      r.readFrom(`sla.${kind}.${c}`, i, k + 1);
      r.readFrom(`sla.${kind}`, i, k + 1);
      if (!Number.isFinite(n) || r.text(v) === '') r.report(i, k + 1, 'cell.number', { value: excerpt(r.text(v)) });
      else r.settings.sla[kind][c as 'A'] = n;
    });
  }
}

/** Opening hours: one row per weekday, its opening and closing times, or "closed". */
function parseHours(block: Block, r: TabReader): void {
  const next: Array<DayHours | null> = [null, null, null, null, null, null, null];
  const seen = new Set<number>();
  for (const i of block.rows) {
    const weekday = weekdayNamed(normalize(r.cell(i, 0)));
    if (weekday < 0) {
      r.report(i, 0, 'settings.dayName', { value: excerpt(r.cellText(i, 0)) });
      continue;
    }
    if (seen.has(weekday)) {
      r.report(i, 0, 'settings.duplicate', { value: r.cellText(i, 0) });
      continue;
    }
    seen.add(weekday);
    r.readFrom(`calendar.hours.${weekday}`, i, 1);
    const open = r.cellText(i, 1);
    if (normalize(open) === normalize(CLOSED.ru) || normalize(open) === normalize(CLOSED.en) || open === '') continue;
    const from = parseHhmm(open);
    const to = parseHhmm(r.cellText(i, 2));
    if (from === null) r.report(i, 1, 'settings.time', { value: excerpt(open) });
    if (to === null) r.report(i, 2, 'settings.time', { value: excerpt(r.cellText(i, 2)) });
    if (from !== null && to !== null) next[weekday] = { open: from, close: to };
  }
  // A deleted weekday row is not a day off: "closed" is written, never guessed.
  for (const weekday of WEEK) {
    if (!seen.has(weekday))
      r.report(block.title, 0, 'settings.dayMissing', {
        day: DAY_NAMES[r.lang][weekday] ?? '',
        closed: CLOSED[r.lang],
      });
  }
  r.settings.calendar.hours = next;
  r.fieldCells.set('calendar.hours', r.sectionCell(block, 1));
}

/** Closed days: one date a row (checked by the domain). */
function parseHolidays(block: Block, r: TabReader): void {
  r.settings.calendar.holidays = block.rows.map((i, n) => {
    r.readFrom(`calendar.holidays.${n}`, i, 0);
    return r.cellText(i, 0);
  });
  r.fieldCells.set('calendar.holidays', r.sectionCell(block));
}

/** Departments: name, owners (emails separated by commas, semicolons or spaces), head. */
function parseDepartments(block: Block, r: TabReader): void {
  r.settings.departments = block.rows.map((i, n) => {
    r.readFrom(`departments.${n}`, i, 0);
    r.readFrom(`departments.${n}.owners`, i, 1);
    r.readFrom(`departments.${n}.head`, i, 2);
    const owners = r
      .cellText(i, 1)
      .split(/[,;\s]+/)
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean);
    owners.forEach((_, j) => r.readFrom(`departments.${n}.owners.${j}`, i, 1));
    return { name: r.cellText(i, 0), owners, head: r.cellText(i, 2).toLowerCase() };
  });
  r.fieldCells.set('departments', r.sectionCell(block));
}

/**
 * Team: email, name, role, team, and the language of the person's emails (blank: the workbook's;
 * a tab written before that column existed reads as all blank).
 */
function parseTeam(block: Block, r: TabReader): void {
  r.settings.team = block.rows.map((i, n) => {
    r.readFrom(`team.${n}.email`, i, 0);
    r.readFrom(`team.${n}.name`, i, 1);
    r.readFrom(`team.${n}.role`, i, 2);
    r.readFrom(`team.${n}.team`, i, 3);
    r.readFrom(`team.${n}.language`, i, 4);
    const language = r.cellText(i, 4).toLowerCase();
    return {
      email: r.cellText(i, 0).toLowerCase(),
      name: r.cellText(i, 1),
      role: parseRole(r.cellText(i, 2)),
      team: r.cellText(i, 3),
      ...(language ? { language: language as Lang } : {}),
    };
  });
  r.fieldCells.set('team', r.sectionCell(block));
}

/** Lists: one column per list (root causes, channels, kinds, sources); blank cells skipped. */
function parseLists(block: Block, r: TabReader): void {
  (['rootCauses', 'channels', 'kinds', 'sources'] as const).forEach((key, col) => {
    const items: string[] = [];
    for (const i of block.rows) {
      const v = r.cellText(i, col);
      if (!v) continue;
      r.readFrom(`${key}.${items.length}`, i, col);
      items.push(v);
    }
    r.fieldCells.set(key, r.sectionCell(block, col));
    r.settings[key] = items;
  });
}

/** Message templates: key, name and text (the text kept exactly, spaces and all). */
function parseTemplates(block: Block, r: TabReader): void {
  r.fieldCells.set('templates', r.sectionCell(block));
  r.settings.templates = block.rows.map((i, n) => {
    r.readFrom(`templates.${n}.key`, i, 0);
    r.readFrom(`templates.${n}.name`, i, 1);
    r.readFrom(`templates.${n}.text`, i, 2);
    return { key: r.cellText(i, 0), name: r.cellText(i, 1), text: String(r.cell(i, 2) ?? '') };
  });
}

/** One parser per section, in the order their problems are reported. */
const SECTION_PARSERS: Record<SectionKey, (block: Block, reader: TabReader) => void> = {
  general: parseGeneral,
  sla: parseSla,
  hours: parseHours,
  holidays: parseHolidays,
  departments: parseDepartments,
  team: parseTeam,
  lists: parseLists,
  templates: parseTemplates,
};

/** A header row: its first cell reads as the section's first column header, in either language. */
function isHeaderOf(section: SectionKey, row: unknown[]): boolean {
  const first = normalize(row[0]);
  const { ru, en } = SECTIONS[section].headers;
  return first === normalize(ru[0]) || first === normalize(en[0]);
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

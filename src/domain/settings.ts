/**
 * Settings: everything a lead configures, with defaults (docs/product.md, The workbook); whatever
 * arrives from the sidebar or the Settings tab is validated here before anything is written, and
 * each problem names where it is (`field`, a dotted path the sheet layer maps to a cell).
 */
import { calendarProblems, defaultCalendar, type BusinessCalendar } from './calendar';
import { DomainError, type Problem } from './errors';
import type { Lang, MessageKey } from './i18n';
import { CRITICALITIES, ROLES, type Criticality, type Role } from './model';
import { excerpt, recordOf } from './untrusted';
import { isPhoneCountry, phoneCountryOfZone, type PhoneCountry } from './phone';

export interface Department {
  name: string;
  /** Who owns cases of this department (the first is the default owner of a new case). */
  owners: string[];
  /** Receives the L2 escalation. */
  head: string;
}

export interface TeamMember {
  email: string;
  name: string;
  role: Role;
  team: string;
  /** The language of the emails this person gets; none: the workbook's language. */
  language?: Lang;
}

export interface MessageTemplate {
  key: string;
  name: string;
  text: string;
}

export interface SlaTargets {
  /** Business minutes to the first response, per criticality. */
  firstResponse: Record<Criticality, number>;
  /** Business minutes to resolution, per criticality. */
  resolution: Record<Criticality, number>;
}

export interface Settings {
  language: Lang;
  caseIdPrefix: string;
  /**
   * The local hour (0–23, the calendar's time zone) from which the daily digest is due, and on
   * Mondays the weekly report (docs/architecture.md, Adding a job).
   */
  digestHour: number;
  /**
   * Where a phone written without a country code is (KZ, RU, UA; '' when only international
   * numbers are understood): its default follows the calendar's time zone (docs/product.md,
   * Finding cases).
   */
  phoneCountry: PhoneCountry;
  calendar: BusinessCalendar;
  sla: SlaTargets;
  departments: Department[];
  /** L3 escalation: criticality A overdue, or L2 unresolved a business day later. */
  escalation: { coo: string; ceo: string };
  rootCauses: string[];
  channels: string[];
  kinds: string[];
  sources: string[];
  team: TeamMember[];
  templates: MessageTemplate[];
}

/** At risk once this share of a target is used (docs/product.md, SLA and the business calendar). */
export const AT_RISK_SHARE = 0.75;

export const DEFAULT_SLA: SlaTargets = {
  firstResponse: { A: 30, B: 120, C: 480 },
  resolution: { A: 480, B: 1440, C: 2400 },
};

const LISTS: Record<Lang, Pick<Settings, 'rootCauses' | 'channels' | 'kinds' | 'sources'> & { departments: string[] }> =
  {
    ru: {
      departments: ['Производство', 'Склад', 'Логистика', 'Монтаж', 'ОТК'],
      kinds: ['Брак', 'Некомплект', 'Повреждение', 'Срыв сроков', 'Проблема монтажа', 'Ошибка коммуникации менеджера'],
      channels: ['WhatsApp', 'Телефон', 'Email', 'Telegram', 'Instagram', 'Лично'],
      sources: ['Обращение клиента', 'Монтажная бригада', 'Внутренняя проверка', 'Менеджер продаж'],
      rootCauses: [
        'Производственный брак',
        'Ошибка комплектации на складе',
        'Повреждение при перевозке',
        'Повреждение при монтаже',
        'Нарушение срока производства',
        'Нарушение срока доставки',
        'Ошибка замера или проекта',
        'Ошибка поставщика',
        'Обещание клиенту в обход сервиса',
        'Ошибка коммуникации',
        'Не подтвердилось',
      ],
    },
    en: {
      departments: ['Production', 'Warehouse', 'Logistics', 'Installation', 'Quality control'],
      kinds: ['Defect', 'Missing parts', 'Damage', 'Delay', 'Installation problem', "Manager's communication error"],
      channels: ['WhatsApp', 'Phone', 'Email', 'Telegram', 'Instagram', 'In person'],
      sources: ['Client request', 'Installation crew', 'Internal check', 'Sales manager'],
      rootCauses: [
        'Manufacturing defect',
        'Warehouse picking error',
        'Damaged in transit',
        'Damaged during installation',
        'Production deadline missed',
        'Delivery deadline missed',
        'Measurement or design error',
        'Supplier error',
        'Promise made past client service',
        'Communication error',
        'Not confirmed',
      ],
    },
  };

const TEMPLATES: Record<Lang, MessageTemplate[]> = {
  ru: [
    {
      key: 'first_response',
      name: 'Первый ответ',
      text:
        '{client}, здравствуйте! Это {agent}, клиентский сервис. Ваше обращение зарегистрировано под номером {case} ' +
        '(заказ {order}). Мы уже подключили ответственных и вернёмся с решением до {deadline}.',
    },
    {
      key: 'status_update',
      name: 'Промежуточный статус',
      text: '{client}, по обращению {case}: работа идёт, срок решения — {deadline}. Если что-то изменится, напишу сразу. {agent}',
    },
    {
      key: 'resolved',
      name: 'Решено',
      text: '{client}, по обращению {case} сделано: {resolution}. Пожалуйста, подтвердите, что всё в порядке. {agent}',
    },
  ],
  en: [
    {
      key: 'first_response',
      name: 'First response',
      text:
        'Hello {client}, this is {agent} from client service. Your request is registered as {case} (order {order}). ' +
        'The people responsible are already on it and we will come back with a solution by {deadline}.',
    },
    {
      key: 'status_update',
      name: 'Status update',
      text: '{client}, about {case}: work is in progress, due by {deadline}. I will write as soon as anything changes. {agent}',
    },
    {
      key: 'resolved',
      name: 'Resolved',
      text: '{client}, about {case}, this is done: {resolution}. Please confirm that everything is in order. {agent}',
    },
  ],
};

/** The CS leads' emails, normalized, each once: who hears of what the jobs cannot route. */
export function leadEmails(settings: Settings): string[] {
  return [...new Set(settings.team.filter((m) => m.role === 'lead').map((m) => normalizeEmail(m.email)))].filter(
    Boolean,
  );
}

/**
 * The language of `email`'s messages: theirs from the team list, else the workbook's (a department
 * head or the COO need not be on the team).
 */
export function languageOf(settings: Settings, email: string): Lang {
  const normalized = normalizeEmail(email);
  return settings.team.find((m) => normalizeEmail(m.email) === normalized)?.language ?? settings.language;
}

/** The daily digest goes out at 09:00 unless Settings say otherwise. */
export const DEFAULT_DIGEST_HOUR = 9;

export function defaultSettings(language: Lang, timeZone: string): Settings {
  const lists = LISTS[language];
  return {
    language,
    caseIdPrefix: 'ARB',
    digestHour: DEFAULT_DIGEST_HOUR,
    phoneCountry: phoneCountryOfZone(timeZone),
    calendar: defaultCalendar(timeZone),
    sla: structuredCopy(DEFAULT_SLA),
    departments: lists.departments.map((name) => ({ name, owners: [], head: '' })),
    escalation: { coo: '', ceo: '' },
    rootCauses: [...lists.rootCauses],
    channels: [...lists.channels],
    kinds: [...lists.kinds],
    sources: [...lists.sources],
    team: [],
    templates: TEMPLATES[language].map((t) => ({ ...t })),
  };
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Normalized email: trimmed, lower case (Google accounts are case-insensitive). */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Size limits. A Sheets cell holds at most 50,000 characters and a cache value 100 KB, and the
 * sidebar has to show all of it: a template is a message to a client, a name fits on one line.
 */
export const LIMITS = {
  /** Characters of a template's text. */
  templateText: 5_000,
  /** Characters of a name, label, email or list item. */
  label: 200,
  /** Items of one list (departments, owners of a department, lists, holidays, templates). */
  listItems: 200,
  teamMembers: 500,
  /** UTF-8 bytes of the whole settings as JSON: the document cache takes at most 100 KB a value. */
  serializedBytes: 90_000,
} as const;

/** Bytes of `text` in UTF-8 (what the cache counts). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const LIST_NAMES = ['rootCauses', 'channels', 'kinds', 'sources'] as const;
const ITEM_TOO_LONG: Record<(typeof LIST_NAMES)[number], MessageKey> = {
  rootCauses: 'settings.tooLong.rootCause',
  channels: 'settings.tooLong.channel',
  kinds: 'settings.tooLong.kind',
  sources: 'settings.tooLong.source',
};

/** Every problem with a settings object; empty when it can be saved. */
export function settingsProblems(s: Settings): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, key: Problem['key'], params?: Problem['params']) =>
    problems.push({ field, key, ...(params ? { params } : {}) });
  const checkLength = (field: string, value: string, key: MessageKey, max: number, params?: Problem['params']) => {
    if (value.length > max) add(field, key, { ...params, max, length: value.length });
  };
  const checkCount = (field: string, items: readonly unknown[], key: MessageKey, max: number = LIMITS.listItems) => {
    if (items.length > max) add(field, key, { max, count: items.length });
  };

  if (s.language !== 'ru' && s.language !== 'en') add('language', 'settings.language');
  if (!/^[A-Z][A-Z0-9]{0,7}$/.test(s.caseIdPrefix)) add('caseIdPrefix', 'settings.prefix');
  if (!Number.isInteger(s.digestHour) || s.digestHour < 0 || s.digestHour > 23)
    add('digestHour', 'settings.digestHour');
  if (!isPhoneCountry(s.phoneCountry)) add('phoneCountry', 'settings.phoneCountry', { value: excerpt(s.phoneCountry) });

  problems.push(...calendarProblems(s.calendar));
  checkCount('calendar.holidays', s.calendar.holidays, 'settings.tooMany.holidays');

  for (const kind of ['firstResponse', 'resolution'] as const) {
    for (const c of CRITICALITIES) {
      const v = s.sla[kind][c];
      if (!Number.isInteger(v) || v <= 0 || v > 60 * 24 * 60)
        add(`sla.${kind}.${c}`, 'settings.slaMinutes', { criticality: c });
    }
    // A more critical case never gets more time than a less critical one.
    if (!(s.sla[kind].A <= s.sla[kind].B && s.sla[kind].B <= s.sla[kind].C)) add(`sla.${kind}`, 'settings.slaOrder');
  }

  const checkEmail = (field: string, email: string, required: boolean) => {
    if (!email) {
      if (required) add(field, 'settings.emailRequired');
    } else if (email.length > LIMITS.label) checkLength(field, email, 'settings.tooLong.email', LIMITS.label);
    else if (!isEmail(email)) add(field, 'settings.email', { value: excerpt(email) });
  };

  checkUniqueNames(
    s.departments.map((d) => d.name),
    'departments',
    add,
  );
  checkCount('departments', s.departments, 'settings.tooMany.departments');
  s.departments.forEach((d, i) => {
    checkLength(`departments.${i}.name`, d.name, 'settings.tooLong.department', LIMITS.label);
    checkCount(`departments.${i}.owners`, d.owners, 'settings.tooMany.owners');
    d.owners.forEach((o, j) => checkEmail(`departments.${i}.owners.${j}`, o, true));
    checkEmail(`departments.${i}.head`, d.head, false);
  });
  if (s.departments.length === 0) add('departments', 'settings.listEmpty');

  checkEmail('escalation.coo', s.escalation.coo, false);
  checkEmail('escalation.ceo', s.escalation.ceo, false);

  for (const list of LIST_NAMES) {
    if (s[list].length === 0) add(list, 'settings.listEmpty');
    checkCount(list, s[list], `settings.tooMany.${list}`);
    checkUniqueNames(s[list], list, add);
    s[list].forEach((item, i) => checkLength(`${list}.${i}`, item, ITEM_TOO_LONG[list], LIMITS.label));
  }

  const seen = new Set<string>();
  checkCount('team', s.team, 'settings.tooMany.team', LIMITS.teamMembers);
  s.team.forEach((m, i) => {
    checkEmail(`team.${i}.email`, m.email, true);
    checkLength(`team.${i}.name`, m.name, 'settings.tooLong.memberName', LIMITS.label);
    checkLength(`team.${i}.team`, m.team, 'settings.tooLong.memberTeam', LIMITS.label);
    if (!ROLES.includes(m.role)) add(`team.${i}.role`, 'settings.role', { value: excerpt(m.role) });
    if (m.language !== undefined && m.language !== 'ru' && m.language !== 'en')
      add(`team.${i}.language`, 'settings.language');
    const email = normalizeEmail(m.email);
    if (email && seen.has(email)) add(`team.${i}.email`, 'settings.duplicate', { value: excerpt(m.email) });
    seen.add(email);
  });
  if (!s.team.some((m) => m.role === 'lead')) add('team', 'settings.noLead');

  const keys = new Set<string>();
  checkCount('templates', s.templates, 'settings.tooMany.templates');
  s.templates.forEach((t, i) => {
    if (t.key.length > LIMITS.label)
      checkLength(`templates.${i}.key`, t.key, 'settings.tooLong.templateKey', LIMITS.label);
    else if (!/^[a-z][a-z0-9_]*$/.test(t.key))
      add(`templates.${i}.key`, 'settings.templateKey', { value: excerpt(t.key) });
    if (keys.has(t.key)) add(`templates.${i}.key`, 'settings.duplicate', { value: excerpt(t.key) });
    keys.add(t.key);
    checkLength(`templates.${i}.name`, t.name, 'settings.tooLong.templateName', LIMITS.label);
    if (!t.text.trim()) add(`templates.${i}.text`, 'settings.required');
    checkLength(`templates.${i}.text`, t.text, 'settings.tooLong.templateText', LIMITS.templateText, {
      key: excerpt(t.key),
    });
  });

  // The whole object goes into the document cache and the sidebar: keep it well under 100 KB.
  const bytes = utf8Length(JSON.stringify(s));
  if (bytes > LIMITS.serializedBytes)
    add('settings', 'settings.tooBig', {
      size: Math.ceil(bytes / 1000),
      max: LIMITS.serializedBytes / 1000,
    });
  return problems;
}

function checkUniqueNames(
  names: string[],
  field: string,
  add: (f: string, k: Problem['key'], p?: Problem['params']) => void,
) {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!key) add(`${field}.${i}`, 'settings.required');
    else if (seen.has(key)) add(`${field}.${i}`, 'settings.duplicate', { value: excerpt(name) });
    seen.add(key);
  });
}

export function roleOf(settings: Settings, email: string): Role | null {
  const normalized = normalizeEmail(email);
  if (!normalized) return null;
  return settings.team.find((m) => normalizeEmail(m.email) === normalized)?.role ?? null;
}

export function departmentNamed(settings: Settings, name: string): Department | undefined {
  const key = name.trim().toLowerCase();
  return settings.departments.find((d) => d.name.trim().toLowerCase() === key);
}

/**
 * Checks that `input` (from the sidebar, as JSON) has the shape of Settings before its values
 * are validated: every list a list, every number a number. Returns a clean copy.
 */
export function coerceSettings(input: unknown): Settings {
  const problems: Problem[] = [];
  const bad = (field: string) => problems.push({ field, key: 'input.settingsShape' });
  const obj = (v: unknown, field: string): Record<string, unknown> => {
    const record = recordOf(v);
    if (record) return record;
    bad(field);
    return {};
  };
  const str = (v: unknown, field: string): string => {
    if (typeof v === 'string') return v.trim();
    bad(field);
    return '';
  };
  const num = (v: unknown, field: string): number => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    bad(field);
    return 0;
  };
  const arr = (v: unknown, field: string): unknown[] => {
    if (Array.isArray(v)) return v;
    bad(field);
    return [];
  };
  const strings = (v: unknown, field: string) =>
    arr(v, field)
      .map((x, i) => str(x, `${field}.${i}`))
      .filter(Boolean);

  // Not settings at all: one sentence, not one per missing part.
  if (!recordOf(input)) throw new DomainError('validation', [{ key: 'input.object' }]);
  const root = obj(input, 'settings');
  const calendar = obj(root.calendar, 'calendar');
  const sla = obj(root.sla, 'sla');
  const escalation = obj(root.escalation, 'escalation');
  const targets = (v: unknown, field: string) => {
    const o = obj(v, field);
    return { A: num(o.A, `${field}.A`), B: num(o.B, `${field}.B`), C: num(o.C, `${field}.C`) };
  };
  const settings: Settings = {
    language: str(root.language, 'language') as Lang,
    caseIdPrefix: str(root.caseIdPrefix, 'caseIdPrefix'),
    // Absent in what was saved before the digest hour existed: the default.
    digestHour: root.digestHour === undefined ? DEFAULT_DIGEST_HOUR : num(root.digestHour, 'digestHour'),
    // Absent in what was saved before phones were normalised: the time zone's country.
    phoneCountry: (root.phoneCountry === undefined
      ? phoneCountryOfZone(typeof calendar.timeZone === 'string' ? calendar.timeZone : '')
      : str(root.phoneCountry, 'phoneCountry').toUpperCase()) as PhoneCountry,
    calendar: {
      timeZone: str(calendar.timeZone, 'calendar.timeZone'),
      hours: arr(calendar.hours, 'calendar.hours').map((h, i) => {
        if (h === null) return null;
        const o = obj(h, `calendar.hours.${i}`);
        return { open: num(o.open, `calendar.hours.${i}.open`), close: num(o.close, `calendar.hours.${i}.close`) };
      }),
      holidays: strings(calendar.holidays, 'calendar.holidays'),
    },
    sla: {
      firstResponse: targets(sla.firstResponse, 'sla.firstResponse'),
      resolution: targets(sla.resolution, 'sla.resolution'),
    },
    departments: arr(root.departments, 'departments').map((d, i) => {
      const o = obj(d, `departments.${i}`);
      return {
        name: str(o.name, `departments.${i}.name`),
        owners: strings(o.owners, `departments.${i}.owners`).map(normalizeEmail),
        head: normalizeEmail(str(o.head ?? '', `departments.${i}.head`)),
      };
    }),
    escalation: {
      coo: normalizeEmail(str(escalation.coo ?? '', 'escalation.coo')),
      ceo: normalizeEmail(str(escalation.ceo ?? '', 'escalation.ceo')),
    },
    rootCauses: strings(root.rootCauses, 'rootCauses'),
    channels: strings(root.channels, 'channels'),
    kinds: strings(root.kinds, 'kinds'),
    sources: strings(root.sources, 'sources'),
    team: arr(root.team, 'team').map((m, i) => {
      const o = obj(m, `team.${i}`);
      return {
        email: normalizeEmail(str(o.email, `team.${i}.email`)),
        name: str(o.name ?? '', `team.${i}.name`),
        role: str(o.role, `team.${i}.role`) as Role,
        team: str(o.team ?? '', `team.${i}.team`),
        ...(o.language !== undefined && o.language !== null && o.language !== ''
          ? { language: str(o.language, `team.${i}.language`) as Lang }
          : {}),
      };
    }),
    templates: arr(root.templates, 'templates').map((tpl, i) => {
      const o = obj(tpl, `templates.${i}`);
      return {
        key: str(o.key, `templates.${i}.key`),
        name: str(o.name ?? '', `templates.${i}.name`),
        text: str(o.text, `templates.${i}.text`),
      };
    }),
  };
  if (problems.length > 0) throw new DomainError('validation', problems);
  return settings;
}

/**
 * The daily plan-fact digest (docs/product.md, Escalation): to the CS leads, what is due today,
 * what is overdue by owner department (oldest first), what was closed yesterday and whether on
 * time, first-response breaches, and cases with the shipment stopped; to each owner, their own
 * cases due today, overdue and at risk. "Today" and "yesterday" are local days in the workbook's
 * time zone. Nobody gets an email with nothing in it.
 */
import { businessMinutesBetween } from './calendar';
import type { EmailDoc, EmailItem, EmailSection } from './email';
import { t, type Lang, type MessageKey } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import { OPEN_STATUSES, type Case, type Ms } from './model';
import { caseTitle, formatDuration, formatLocal } from './notice-mail';
import { languageOf, leadEmails, normalizeEmail, type Settings } from './settings';
import { slaState } from './sla';
import { endOfLocalDay, isoDate, startOfLocalDay, wallTime } from './zoned-time';

/** The case fields the digest reads (the daily job reads only their columns). */
export const DIGEST_FIELDS = [
  'id',
  'status',
  'criticality',
  'client',
  'summary',
  'ownerDept',
  'ownerEmail',
  'stopShipment',
  'createdAt',
  'dueFirstResponseAt',
  'firstResponseAt',
  'dueAt',
  'resolvedAt',
  'closedAt',
  'resolutionStartAt',
  'pausedMinutes',
  'waitingSince',
] as const;

export type DigestCase = Pick<Case, (typeof DIGEST_FIELDS)[number]> & {
  /** The case's row in the Cases tab, for a link. */
  row: number;
};

export interface ClosedCase {
  case: DigestCase;
  /** Business minutes past the resolution due time when it was resolved (0: on time). */
  minutesLate: number;
}

export interface OwnerLists {
  dueToday: DigestCase[];
  overdue: DigestCase[];
  atRisk: DigestCase[];
}

export interface DigestLists {
  /** 'YYYY-MM-DD' of today, in the workbook's zone. */
  today: string;
  /** Open, not overdue, resolution due before today ends: soonest first. */
  dueToday: DigestCase[];
  /** Open and overdue, per owner department: the department with the oldest first, oldest first. */
  overdueByDept: Array<{ dept: string; cases: DigestCase[] }>;
  /** Closed (or resolved) yesterday, with whether on time. */
  closedYesterday: ClosedCase[];
  /** Open with the first response late, or answered late yesterday. */
  firstResponseBreaches: DigestCase[];
  /** Open with the shipment stopped. */
  stopShipment: DigestCase[];
  /** Per owner email (normalized). */
  owners: Map<string, OwnerLists>;
}

const byDue = (a: DigestCase, b: DigestCase) => a.dueAt - b.dueAt || a.id.localeCompare(b.id);

/** When an overdue case became overdue: the earlier of its late clocks. */
function overdueSince(c: DigestCase, now: Ms): Ms {
  const late = [
    ...(c.firstResponseAt === null && now > c.dueFirstResponseAt ? [c.dueFirstResponseAt] : []),
    ...(c.waitingSince === null && now > c.dueAt ? [c.dueAt] : []),
  ];
  return late.length > 0 ? Math.min(...late) : c.dueAt;
}

export function digestLists(cases: readonly DigestCase[], settings: Settings, now: Ms): DigestLists {
  const tz = settings.calendar.timeZone;
  const w = wallTime(now, tz);
  const todayStart = startOfLocalDay(tz, w.year, w.month, w.day);
  const todayEnd = endOfLocalDay(now, tz);
  const y = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
  const yesterdayStart = startOfLocalDay(tz, y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate());
  const yesterday = (at: Ms | null) => at !== null && at >= yesterdayStart && at < todayStart;

  const lists: DigestLists = {
    today: isoDate(w.year, w.month, w.day),
    dueToday: [],
    overdueByDept: [],
    closedYesterday: [],
    firstResponseBreaches: [],
    stopShipment: [],
    owners: new Map(),
  };
  const owner = (email: string): OwnerLists => {
    let l = lists.owners.get(email);
    if (!l) lists.owners.set(email, (l = { dueToday: [], overdue: [], atRisk: [] }));
    return l;
  };
  const overdue: DigestCase[] = [];
  for (const c of cases) {
    const open = OPEN_STATUSES.includes(c.status);
    const email = normalizeEmail(c.ownerEmail);
    if (open) {
      const sla = slaState(c, settings, now);
      if (sla.overdue) {
        overdue.push(c);
        if (email) owner(email).overdue.push(c);
      } else if (c.waitingSince === null && c.dueAt <= todayEnd) {
        lists.dueToday.push(c);
        if (email) owner(email).dueToday.push(c);
      } else if (sla.atRisk && email) owner(email).atRisk.push(c);
      if (sla.firstResponseOverdue) lists.firstResponseBreaches.push(c);
      if (c.stopShipment) lists.stopShipment.push(c);
    }
    if (c.firstResponseAt !== null && yesterday(c.firstResponseAt) && c.firstResponseAt > c.dueFirstResponseAt)
      lists.firstResponseBreaches.push(c);
    const finished = c.closedAt ?? c.resolvedAt;
    if (c.status !== 'cancelled' && yesterday(finished)) {
      const resolved = c.resolvedAt ?? (finished as Ms);
      lists.closedYesterday.push({
        case: c,
        minutesLate: resolved > c.dueAt ? businessMinutesBetween(settings.calendar, c.dueAt, resolved) : 0,
      });
    }
  }
  const depts = new Map<string, DigestCase[]>();
  const oldest = (a: DigestCase, b: DigestCase) =>
    overdueSince(a, now) - overdueSince(b, now) || a.id.localeCompare(b.id);
  for (const c of [...overdue].sort(oldest)) {
    const list = depts.get(c.ownerDept) ?? [];
    list.push(c);
    depts.set(c.ownerDept, list);
  }
  lists.overdueByDept = [...depts].map(([dept, list]) => ({ dept, cases: list }));
  lists.dueToday.sort(byDue);
  lists.firstResponseBreaches.sort((a, b) => a.dueFirstResponseAt - b.dueFirstResponseAt || a.id.localeCompare(b.id));
  lists.stopShipment.sort(byDue);
  lists.closedYesterday.sort((a, b) => b.minutesLate - a.minutesLate || a.case.id.localeCompare(b.case.id));
  for (const l of lists.owners.values()) {
    l.dueToday.sort(byDue);
    l.overdue.sort(oldest);
    l.atRisk.sort(byDue);
  }
  return lists;
}

export interface DigestInput {
  cases: readonly DigestCase[];
  settings: Settings;
  now: Ms;
  spreadsheetUrl: string;
  /** The link to a row of the Cases tab. */
  rowUrl: (row: number) => string;
}

export interface DigestMail {
  to: string;
  /** A lead's digest or an owner's list (a lead who owns cases gets both). */
  kind: 'lead' | 'owner';
  doc: EmailDoc;
}

/** The emails of the day: one per lead and one per owner, none that would be empty. */
export function dailyDigest(input: DigestInput): DigestMail[] {
  const { settings, now } = input;
  const lists = digestLists(input.cases, settings, now);
  const tz = settings.calendar.timeZone;
  const late = (lang: Lang, c: DigestCase) =>
    tServer(lang, 'digest.fact.overdueBy', {
      time: formatDuration(lang, businessMinutesBetween(settings.calendar, overdueSince(c, now), now)),
    });
  const item = (lang: Lang, c: DigestCase, tone: EmailItem['tone'], facts: string[]): EmailItem => ({
    title: caseTitle(c),
    facts: [
      tServer(lang, 'email.fact.owner', { owner: [c.ownerDept, c.ownerEmail].filter(Boolean).join(', ') || '—' }),
      t(lang, `status.${c.status}` as MessageKey),
      ...facts,
    ],
    text: c.summary,
    link: { url: input.rowUrl(c.row), label: tServer(lang, 'email.openRow') },
    tone,
  });
  const due = (lang: Lang, c: DigestCase) =>
    item(lang, c, 'normal', [tServer(lang, 'digest.fact.due', { due: formatLocal(c.dueAt, tz) })]);
  const overdue = (lang: Lang, c: DigestCase) => item(lang, c, 'overdue', [late(lang, c)]);
  const atRisk = (lang: Lang, c: DigestCase) =>
    item(lang, c, 'at_risk', [tServer(lang, 'digest.fact.due', { due: formatLocal(c.dueAt, tz) })]);
  const section = (lang: Lang, key: ServerMessageKey, items: EmailItem[], params = {}): EmailSection => ({
    title: tServer(lang, key, params),
    items,
  });
  const doc = (lang: Lang, who: 'lead' | 'owner', sections: EmailSection[]): EmailDoc | null =>
    sections.some((s) => s.items.length > 0)
      ? {
          lang,
          subject: tServer(lang, `digest.subject.${who}` as ServerMessageKey, { date: lists.today }),
          title: tServer(lang, `digest.title.${who}` as ServerMessageKey, { date: lists.today }),
          sections,
          link: { url: input.spreadsheetUrl, label: tServer(lang, 'email.openWorkbook') },
          footer: tServer(lang, 'email.footer'),
        }
      : null;

  const mails: DigestMail[] = [];
  const leads = leadEmails(settings);
  for (const to of leads) {
    const lang = languageOf(settings, to);
    const d = doc(lang, 'lead', [
      section(
        lang,
        'digest.section.dueToday',
        lists.dueToday.map((c) => due(lang, c)),
      ),
      ...lists.overdueByDept.map(({ dept, cases }) =>
        section(
          lang,
          'digest.section.overdueDept',
          cases.map((c) => overdue(lang, c)),
          { dept: dept || tServer(lang, 'digest.noDept') },
        ),
      ),
      section(
        lang,
        'digest.section.closedYesterday',
        lists.closedYesterday.map(({ case: c, minutesLate }) =>
          item(lang, c, minutesLate > 0 ? 'overdue' : 'normal', [
            minutesLate > 0
              ? tServer(lang, 'digest.fact.closedLate', { time: formatDuration(lang, minutesLate) })
              : tServer(lang, 'digest.fact.onTime'),
          ]),
        ),
      ),
      section(
        lang,
        'digest.section.firstResponse',
        lists.firstResponseBreaches.map((c) =>
          item(lang, c, 'overdue', [
            c.firstResponseAt === null
              ? tServer(lang, 'digest.fact.noFirstResponse', { due: formatLocal(c.dueFirstResponseAt, tz) })
              : tServer(lang, 'digest.fact.firstResponseLate', {
                  time: formatDuration(
                    lang,
                    businessMinutesBetween(settings.calendar, c.dueFirstResponseAt, c.firstResponseAt),
                  ),
                }),
          ]),
        ),
      ),
      section(
        lang,
        'digest.section.stopShipment',
        lists.stopShipment.map((c) => item(lang, c, 'normal', [])),
      ),
    ]);
    if (d) mails.push({ to, kind: 'lead', doc: d });
  }
  for (const [to, own] of [...lists.owners].sort(([a], [b]) => a.localeCompare(b))) {
    const lang = languageOf(settings, to);
    const d = doc(lang, 'owner', [
      section(
        lang,
        'digest.section.overdue',
        own.overdue.map((c) => overdue(lang, c)),
      ),
      section(
        lang,
        'digest.section.dueToday',
        own.dueToday.map((c) => due(lang, c)),
      ),
      section(
        lang,
        'digest.section.atRisk',
        own.atRisk.map((c) => atRisk(lang, c)),
      ),
    ]);
    if (d) mails.push({ to, kind: 'owner', doc: d });
  }
  return mails;
}

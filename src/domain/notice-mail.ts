/**
 * What an escalation email says (docs/product.md, Escalation): one email per recipient per run,
 * listing every case that newly needs them, the most urgent level first and the latest case
 * first within it. Also the words shared with the daily digest (a case as a line, durations,
 * local times). Content only: email-render.ts makes it HTML and text.
 */
import type { EmailDoc, EmailItem, EmailSection } from './email';
import type { Lang } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import type { Ms } from './model';
import type { DueNotice, NoticeCase, NoticeKind } from './notices';
import { isoDate, wallTime } from './zoned-time';

/**
 * The most cases one email lists, the most urgent: a phone shows a long list badly and Gmail clips
 * a message past about 100 KB (an item is about 1 KB of HTML). The email says how many more there
 * are; they are notified all the same (the workbook lists them), not trickled out run after run.
 */
export const MAX_ITEMS_PER_EMAIL = 60;

/** Most urgent first: the order of sections in an email and of recipients when mail is short. */
export const KIND_ORDER: readonly NoticeKind[] = ['executive', 'head', 'overdue', 'at_risk'];

/** A notice nobody could be told of (Settings name no one for its level), shown to the leads. */
export interface UnroutableNotice {
  notice: DueNotice;
}

export interface NoticeMailInput {
  lang: Lang;
  timeZone: string;
  /** The notices newly due to this recipient. */
  notices: DueNotice[];
  /** For a CS lead: notices that have no recipient. */
  unroutable: DueNotice[];
  /** For a CS lead: the number of emails held back for lack of mail quota (0: none). */
  heldBack: number;
  /** The link to a case's row. */
  rowUrl: (notice: DueNotice) => string;
  spreadsheetUrl: string;
}

/** '3 h 05 min', '45 min' (business time). */
export function formatDuration(lang: Lang, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return tServer(lang, 'email.duration.m', { m });
  return tServer(lang, 'email.duration.hm', { h, m: String(m).padStart(2, '0') });
}

/** 'YYYY-MM-DD HH:mm' in the workbook's zone. */
export function formatLocal(ms: Ms, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${isoDate(w.year, w.month, w.day)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** A case as the line a person scans: its number, client and criticality. */
export function caseTitle(c: Pick<NoticeCase, 'id' | 'client' | 'criticality'>): string {
  return [c.id, c.client, c.criticality].filter((part) => String(part ?? '').trim() !== '').join(' · ');
}

/** Sort: most urgent level first, then most late, then by case id (stable across runs). */
export function byUrgency(a: DueNotice, b: DueNotice): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    b.minutesLate - a.minutesLate ||
    a.dueAt - b.dueAt ||
    a.caseId.localeCompare(b.caseId)
  );
}

function noticeItem(input: NoticeMailInput, notice: DueNotice): EmailItem {
  const { lang } = input;
  const c = notice.case;
  const facts = [
    tServer(lang, 'email.fact.owner', { owner: [c.ownerDept, c.ownerEmail].filter(Boolean).join(', ') || '—' }),
    notice.kind === 'at_risk'
      ? tServer(lang, `notice.due.${notice.clock}` as ServerMessageKey, {
          due: formatLocal(notice.dueAt, input.timeZone),
        })
      : tServer(lang, `notice.late.${notice.clock}` as ServerMessageKey, {
          time: formatDuration(lang, notice.minutesLate),
        }),
  ];
  return {
    title: caseTitle(c),
    facts,
    text: c.summary,
    link: { url: input.rowUrl(notice), label: tServer(lang, 'email.openRow') },
    tone: notice.kind === 'at_risk' ? 'at_risk' : 'overdue',
  };
}

/** The email to one recipient; null when it would say nothing. */
export function noticeEmail(input: NoticeMailInput): EmailDoc | null {
  const { lang } = input;
  const sections: EmailSection[] = KIND_ORDER.map((kind) => ({
    title: tServer(lang, `notice.section.${kind}` as ServerMessageKey),
    items: input.notices
      .filter((n) => n.kind === kind)
      .sort(byUrgency)
      .map((n) => noticeItem(input, n)),
  }));
  if (input.unroutable.length > 0) {
    sections.push({
      title: tServer(lang, 'notice.section.unroutable'),
      items: [...input.unroutable].sort(byUrgency).map((n) => ({
        ...noticeItem(input, n),
        facts: [...noticeItem(input, n).facts, tServer(lang, `notice.level.${n.kind}` as ServerMessageKey)],
      })),
    });
  }
  const count = sections.reduce((sum, s) => sum + s.items.length, 0);
  if (count === 0 && input.heldBack === 0) return null;
  let room = MAX_ITEMS_PER_EMAIL;
  for (const section of sections) {
    section.items.splice(room);
    room -= section.items.length;
  }
  const more = count > MAX_ITEMS_PER_EMAIL ? tServer(lang, 'notice.more', { count: count - MAX_ITEMS_PER_EMAIL }) : '';
  const held = [input.heldBack > 0 ? tServer(lang, 'notice.heldBack', { count: input.heldBack }) : '', more]
    .filter(Boolean)
    .join(' ');
  return {
    lang,
    subject: count > 0 ? tServer(lang, 'notice.subject', { count }) : tServer(lang, 'notice.heldSubject'),
    title: count > 0 ? tServer(lang, 'notice.title', { count }) : tServer(lang, 'notice.heldSubject'),
    ...(held ? { intro: held } : {}),
    sections,
    link: { url: input.spreadsheetUrl, label: tServer(lang, 'email.openWorkbook') },
    footer: tServer(lang, 'email.footer'),
  };
}

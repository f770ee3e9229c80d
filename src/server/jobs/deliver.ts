/**
 * Delivery of escalation notices (docs/product.md, Escalation): the hourly job computes every
 * notice that holds now and hands them all here; this sends only those not yet sent, at most one
 * email per recipient per run, within the day's mail quota and the run's deadline, and records
 * each email the moment it is sent (sheets/sent-notices.ts), so a run that dies and runs again
 * sends no duplicate and skips nothing.
 */
import { renderEmail } from '../../domain/email-render';
import { tServer } from '../../domain/i18n/server';
import { byUrgency, noticeEmail } from '../../domain/notice-mail';
import type { DueNotice } from '../../domain/notices';
import { languageOf, leadEmails, normalizeEmail } from '../../domain/settings';
import { isoDate, wallTime } from '../../domain/zoned-time';
import { now } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { mailQuotaLeft, sendMail } from '../../services/mail';
import { CASES } from '../../sheets/schema';
import { recordNote, SentNotices } from '../../sheets/sent-notices';
import { requireSheet } from '../../sheets/workbook';
import { jobLockWait, type JobContext } from './job';

export interface DeliveryOutcome {
  /** Emails sent in this run. */
  sent: number;
  /** Emails that did not fit the mail quota and wait for a later run. */
  held: number;
  /** False when something waits for a later run (quota, deadline, an address MailApp refused). */
  complete: boolean;
  summary: string;
}

/** One email to one person: what newly needs them. */
interface Envelope {
  to: string;
  notices: DueNotice[];
  /** For a lead: notices with nobody to send them to. */
  unroutable: DueNotice[];
  /** For a lead: this email also says that mail is held back today. */
  held: boolean;
}

/** The record of a notice that had no recipient, as reported to one lead. */
function unroutedNote(key: string, lead: string): string {
  return recordNote(key, `${lead} (no recipient in Settings)`);
}

/** The record of the day's held-back notice to one lead. */
function heldNote(day: string, lead: string): string {
  return recordNote(`held/${day}`, lead);
}

/** The envelopes of what is not yet sent, most urgent first. */
function pendingEnvelopes(notices: DueNotice[], leads: string[], sent: SentNotices): Map<string, Envelope> {
  const envelopes = new Map<string, Envelope>();
  const envelope = (to: string): Envelope => {
    let e = envelopes.get(to);
    if (!e) envelopes.set(to, (e = { to, notices: [], unroutable: [], held: false }));
    return e;
  };
  const seen = new Set<string>();
  for (const notice of [...notices].sort(byUrgency)) {
    if (seen.has(notice.key)) continue;
    seen.add(notice.key);
    const recipients = [...new Set(notice.recipients.map(normalizeEmail).filter(Boolean))];
    if (recipients.length === 0) {
      for (const lead of leads) if (!sent.has(unroutedNote(notice.key, lead))) envelope(lead).unroutable.push(notice);
      continue;
    }
    for (const to of recipients) if (!sent.has(recordNote(notice.key, to))) envelope(to).notices.push(notice);
  }
  return envelopes;
}

/** The most urgent notice of an envelope (its notices are in urgency order already). */
function firstOf(e: Envelope): DueNotice | undefined {
  return e.notices[0] ?? e.unroutable[0];
}

function byEnvelopeUrgency(a: Envelope, b: Envelope): number {
  const x = firstOf(a);
  const y = firstOf(b);
  if (!x || !y) return x ? -1 : y ? 1 : a.to.localeCompare(b.to);
  return byUrgency(x, y) || a.to.localeCompare(b.to);
}

/**
 * What goes now: everything when it fits the quota; otherwise each lead not yet told today that
 * mail is held back gets that (with whatever newly needs them), and the rest of the quota goes to
 * the most urgent emails. The quota counts recipients, one per email here.
 */
function plan(
  pending: Envelope[],
  quota: number,
  leads: string[],
  day: string,
  sent: SentNotices,
): { send: Envelope[]; held: number } {
  if (pending.length <= quota) return { send: pending, held: 0 };
  const toTell = leads.filter((lead) => !sent.has(heldNote(day, lead))).slice(0, Math.max(0, quota));
  const send: Envelope[] = toTell.map((lead) => {
    const own = pending.find((e) => e.to === lead);
    return { ...(own ?? { to: lead, notices: [], unroutable: [] }), held: true };
  });
  for (const e of pending) {
    if (send.length >= quota) break;
    if (!toTell.includes(e.to)) send.push(e);
  }
  const sending = new Set(send.map((e) => e.to));
  return { send, held: pending.filter((e) => !sending.has(e.to)).length };
}

/** What a run sends: decided under the document lock (planDelivery), sent after it (sendDelivery). */
export interface DeliveryPlan {
  sent: SentNotices;
  send: Envelope[];
  held: number;
  day: string;
}

/**
 * Decides what to send, from the notices the sweep computed and the record of what was sent, both
 * read under the lock the caller holds (the sweep's): what goes out is decided from one read.
 * Null when nothing is to be sent.
 */
export function planDelivery(ctx: JobContext, notices: DueNotice[]): DeliveryPlan | null {
  if (notices.length === 0) return null;
  const sent = SentNotices.load(ctx.wb);
  const leads = leadEmails(ctx.settings);
  const pending = [...pendingEnvelopes(notices, leads, sent).values()].sort(byEnvelopeUrgency);
  if (pending.length === 0) return null;
  const today = wallTime(ctx.now, ctx.settings.calendar.timeZone);
  const day = isoDate(today.year, today.month, today.day);
  return { sent, day, ...plan(pending, mailQuotaLeft(), leads, day, sent) };
}

/** Decides under the lock, then sends (a caller without the sweep's lock: tests, Run now paths). */
export function deliverNotices(ctx: JobContext, notices: DueNotice[]): DeliveryOutcome {
  return sendDelivery(
    ctx,
    withDocumentLock(() => planDelivery(ctx, notices)),
  );
}

/** Sends what planDelivery decided, each email recorded the moment it is sent. */
export function sendDelivery(ctx: JobContext, planned: DeliveryPlan | null): DeliveryOutcome {
  const { lang } = ctx;
  if (!planned) return { sent: 0, held: 0, complete: true, summary: tServer(lang, 'notice.summary.none') };
  const { sent, send, held, day } = planned;
  const gid = send.length > 0 ? requireSheet(ctx.wb, CASES).getSheetId() : 0;
  let result: ReturnType<typeof sendPlanned>;
  try {
    result = sendPlanned(ctx, send, sent, {
      day,
      held,
      rowUrl: (n) => `${ctx.spreadsheetUrl}#gid=${gid}&range=A${n.row}`,
    });
  } finally {
    sent.flush();
  }
  const waiting = held + result.unsent;
  return {
    sent: result.count,
    held: waiting,
    complete: waiting === 0 && result.refused === 0,
    summary: tServer(lang, 'notice.summary', { sent: result.count, waiting, refused: result.refused }),
  };
}

/** Sends the planned emails in order, recording each as it goes, until the deadline. */
function sendPlanned(
  ctx: JobContext,
  send: Envelope[],
  sent: SentNotices,
  options: { day: string; held: number; rowUrl: (n: DueNotice) => string },
): { count: number; refused: number; unsent: number } {
  const { settings } = ctx;
  let count = 0;
  let refused = 0;
  for (const [i, e] of send.entries()) {
    if (now() >= ctx.deadline) return { count, refused, unsent: send.length - i };
    const doc = noticeEmail({
      lang: languageOf(settings, e.to),
      timeZone: settings.calendar.timeZone,
      notices: e.notices,
      unroutable: e.unroutable,
      heldBack: e.held ? options.held : 0,
      rowUrl: options.rowUrl,
      spreadsheetUrl: ctx.spreadsheetUrl,
    });
    if (!doc) continue;
    try {
      sendMail({ to: e.to, ...renderEmail(doc) });
    } catch (error) {
      // An address MailApp refuses must not stop everyone else's mail; it is tried again next
      // run and counted in the summary. Anything else (the execution ending) ends the run.
      if (!/invalid email/i.test(String((error as Error)?.message ?? error))) throw error;
      refused++;
      continue;
    }
    // Under the document lock: people's calls append to Events at the same time, and an append
    // outside it can land on the row another execution is appending (docs/architecture.md, Data
    // flow). Only the append is held, not the sending. The email is out: its record waits for the
    // lock as long as the run may last, not a person's 10 s, so a busy moment never leaves an
    // email sent and unrecorded (which the next run would send again).
    withDocumentLock(
      () =>
        sent.record(
          [
            ...e.notices.map((n) => ({ caseId: n.caseId, note: recordNote(n.key, e.to) })),
            ...e.unroutable.map((n) => ({ caseId: n.caseId, note: unroutedNote(n.key, e.to) })),
            ...(e.held ? [{ caseId: '-', note: heldNote(options.day, e.to) }] : []),
          ],
          ctx.runAs,
          now(),
        ),
      jobLockWait(ctx, now()),
    );
    count++;
  }
  return { count, refused, unsent: 0 };
}

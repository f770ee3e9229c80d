/**
 * Emails a job sends once per period and person (the daily digest, the monthly summary): each is
 * recorded like a notice (`<key> → <email>`, sheets/sent-notices.ts) the moment it is sent, so a
 * run stopped by the mail quota or the deadline sends the rest at the next run and never a
 * duplicate (docs/architecture.md, Adding a job).
 */
import type { EmailDoc } from '../../domain/email';
import { renderEmail } from '../../domain/email-render';
import { now } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { mailQuotaLeft, sendMail } from '../../services/mail';
import { recordNote, SentNotices } from '../../sheets/sent-notices';
import { jobLockWait, type JobContext } from './job';

export interface OnceMail {
  to: string;
  doc: EmailDoc;
}

/** Sends the mails not yet recorded under `keyOf(mail)`, in order; returns those sent and how many wait. */
export function sendOnce<M extends OnceMail>(
  ctx: JobContext,
  mails: readonly M[],
  keyOf: (mail: M) => string,
): { sent: M[]; waiting: number } {
  if (mails.length === 0) return { sent: [], waiting: 0 };
  // What was sent is read under the lock (a person's append may be under way), the mails sent after.
  const record = withDocumentLock(() => SentNotices.load(ctx.wb));
  const note = (m: M) => recordNote(keyOf(m), m.to);
  const pending = mails.filter((m) => !record.has(note(m)));
  let quota = pending.length > 0 ? mailQuotaLeft() : 0;
  const sent: M[] = [];
  try {
    for (const mail of pending) {
      if (quota <= 0 || now() >= ctx.deadline) break;
      sendMail({ to: mail.to, ...renderEmail(mail.doc) });
      // Under the document lock: people append to Events at the same time, and an append outside
      // it can land on the row another execution is appending (docs/architecture.md, Data flow).
      withDocumentLock(
        () => record.record([{ caseId: '-', note: note(mail) }], ctx.runAs, now()),
        jobLockWait(ctx, now()),
      );
      sent.push(mail);
      quota--;
    }
  } finally {
    record.flush();
  }
  return { sent, waiting: pending.length - sent.length };
}

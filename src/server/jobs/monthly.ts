/**
 * The monthly review (docs/product.md, Zones of growth and CSI: the monthly review; the content:
 * domain/monthly-report.ts), on day 1 for the month that ended. Reads the Zones of growth and CSI
 * tabs once each; moves the rechecks whose date has come to recheck_due under the document lock
 * (each with its Events row), so their leaders read them in the same email; then emails each team
 * leader and lead with something to read. Each email sent is recorded like a notice
 * (`monthly/<YYYY-MM> → <email>`, sheets/sent-notices.ts), so a run stopped by the mail quota or
 * the deadline sends the rest at the next run, and never a duplicate.
 */
import { renderEmail } from '../../domain/email-render';
import { fallenDueRechecks } from '../../domain/growth-zones';
import { tServer } from '../../domain/i18n/server';
import { monthEndedBefore, monthlyEmails, monthText, type MonthlyMail } from '../../domain/monthly-report';
import { leadEmails } from '../../domain/settings';
import { now } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { mailQuotaLeft, sendMail } from '../../services/mail';
import { ZONES } from '../../sheets/schema';
import { recordNote, SentNotices } from '../../sheets/sent-notices';
import { requireSheet } from '../../sheets/workbook';
import { readCsiEntries, readGrowthZones, updateGrowthZones } from '../../sheets/zones-tab';
import type { JobContext, JobOutcome } from './job';

export function runMonthlyJob(ctx: JobContext): JobOutcome {
  const timeZone = ctx.settings.calendar.timeZone;
  const month = monthEndedBefore(ctx.now, timeZone);
  const read = readGrowthZones(ctx.wb);
  const { entries: csi, problems: csiProblems } = readCsiEntries(ctx.wb);

  // The rechecks whose month has come: recheck_due now, one Events row each, before the emails
  // that tell their leaders. A run that stops after this tells them at the next run all the same:
  // the email lists every entry waiting for its recheck.
  const fallen = fallenDueRechecks(read.zones, ctx.now);
  if (fallen.length > 0) withDocumentLock(() => updateGrowthZones(ctx.wb, fallen, ctx.runAs, ctx.now));
  const moved = new Map(fallen.map((z) => [z.id, z]));
  const zones = read.zones.map((z) => moved.get(z.id) ?? z);

  const gid = requireSheet(ctx.wb, ZONES).getSheetId();
  const mails = monthlyEmails({
    zones,
    csi,
    settings: ctx.settings,
    month,
    newlyDue: new Set(moved.keys()),
    zonesUrl: `${ctx.spreadsheetUrl}#gid=${gid}`,
  });

  const sent = mails.length > 0 ? SentNotices.load(ctx.wb) : null;
  const note = (m: MonthlyMail) => recordNote(`monthly/${month.label}`, m.to);
  const pending = mails.filter((m) => !sent?.has(note(m)));
  const leads = new Set(leadEmails(ctx.settings));
  let quota = pending.length > 0 ? mailQuotaLeft() : 0;
  let toLeaders = 0;
  let toLeads = 0;
  let waiting = 0;
  try {
    for (const mail of pending) {
      if (quota <= 0 || now() >= ctx.deadline) {
        waiting++;
        continue;
      }
      sendMail({ to: mail.to, ...renderEmail(mail.doc) });
      sent?.record([{ caseId: '-', note: note(mail) }], ctx.runAs, now());
      quota--;
      if (leads.has(mail.to)) toLeads++;
      else toLeaders++;
    }
  } finally {
    sent?.flush();
  }
  const skipped = read.problems + csiProblems;
  const summary =
    tServer(ctx.lang, 'monthly.summary', {
      month: monthText(ctx.lang, month),
      leaders: toLeaders,
      leads: toLeads,
      waiting,
      rechecks: fallen.length,
    }) + (skipped > 0 ? tServer(ctx.lang, 'monthly.summary.skipped', { count: skipped }) : '');
  return { complete: waiting === 0, summary };
}

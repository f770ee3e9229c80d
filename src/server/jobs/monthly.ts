/**
 * The monthly review (docs/product.md, Zones of growth and CSI: the monthly review; the content:
 * domain/monthly-report.ts), on day 1 for the month that ended. Reads the Zones of growth and CSI
 * tabs once each: the zones under the document lock, where the rechecks whose date has come move
 * to recheck_due (each with its Events row), so their leaders read them in the same email. Then
 * it emails each team leader and lead with something to read, each email recorded like a notice
 * (`monthly/<YYYY-MM> → <email>`, jobs/send-once.ts), so a run stopped by the mail quota or the
 * deadline sends the rest at the next run, and never a duplicate.
 */
import { fallenDueRechecks } from '../../domain/growth-zone-lifecycle';
import { tServer } from '../../domain/i18n/server';
import { monthEndedBefore, monthlyEmails, monthText } from '../../domain/monthly-report';
import { leadEmails } from '../../domain/settings';
import { withDocumentLock } from '../../services/lock';
import { ZONES } from '../../sheets/schema';
import { requireSheet } from '../../sheets/workbook';
import { readCsiEntries, readGrowthZones, updateGrowthZones } from '../../sheets/zones-tab';
import type { JobContext, JobOutcome } from './job';
import { sendOnce } from './send-once';

export function runMonthlyJob(ctx: JobContext): JobOutcome {
  const timeZone = ctx.settings.calendar.timeZone;
  const month = monthEndedBefore(ctx.now, timeZone);
  const { entries: csi, problems: csiProblems } = readCsiEntries(ctx.wb);

  // The rechecks whose date has come: recheck_due now, one Events row each, before the emails
  // that tell their leaders. The tab is read under the lock, so a step taken in the sidebar a
  // moment before is not overwritten. A run that stops after this tells them at the next run all
  // the same: the email lists every entry waiting for its recheck.
  const { read, fallen } = withDocumentLock(() => {
    const current = readGrowthZones(ctx.wb);
    const due = fallenDueRechecks(current.zones, ctx.now);
    if (due.length > 0) updateGrowthZones(ctx.wb, due, ctx.runAs, ctx.now);
    return { read: current, fallen: due };
  });
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

  const { sent, waiting } = sendOnce(ctx, mails, () => `monthly/${month.label}`);
  const leads = new Set(leadEmails(ctx.settings));
  const toLeads = sent.filter((m) => leads.has(m.to)).length;
  const toLeaders = sent.length - toLeads;
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

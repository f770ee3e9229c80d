/**
 * The weekly top-causes report (docs/product.md, KPIs), for the ISO week that ended before the
 * run: the cases read once, the figures computed once (domain/kpi.ts), the `Top causes YYYY-Www`
 * tab written (or rewritten) under the document lock, then one summary email to the leaders.
 */
import { tServer } from '../../domain/i18n/server';
import { weekEndedBefore } from '../../domain/iso-week';
import { renderEmail } from '../../domain/email-render';
import type { Lang } from '../../domain/i18n';
import { isEmail, languageOf, leadEmails, normalizeEmail, type Settings } from '../../domain/settings';
import { weeklyEmail, weeklyLayout, weeklyReport } from '../../domain/weekly-report';
import { inBatches, MAX_RECIPIENTS_PER_MESSAGE } from '../../domain/limits';
import { withDocumentLock } from '../../services/lock';
import { mailQuotaLeft, sendMail } from '../../services/mail';
import { readOrders } from '../../sheets/orders-tab';
import { readKpiCases, writeWeeklyTab } from '../../sheets/weekly-tab';
import type { JobContext, JobOutcome } from './job';

/**
 * Who reads the weekly summary: the CS leads, then the COO and the CEO of Settings, once each,
 * grouped by the language their emails are in (domain/settings.ts, languageOf).
 */
export function weeklyRecipients(settings: Settings): Map<Lang, string[]> {
  const emails = [...leadEmails(settings), settings.escalation.coo, settings.escalation.ceo].map(normalizeEmail);
  const groups = new Map<Lang, string[]>();
  for (const email of new Set(emails.filter(isEmail))) {
    const lang = languageOf(settings, email);
    groups.set(lang, [...(groups.get(lang) ?? []), email]);
  }
  return groups;
}

export function runWeeklyJob(ctx: JobContext): JobOutcome {
  // The week in the business calendar's zone, the one the dispatcher's schedule uses to decide
  // that Monday has come (set from the spreadsheet's zone at setup).
  const timeZone = ctx.settings.calendar.timeZone;
  const week = weekEndedBefore(ctx.now, timeZone);
  const { cases, problems } = readKpiCases(ctx.wb);
  const report = weeklyReport(cases, week, ctx.settings, ctx.now, timeZone, readOrders(ctx.wb).orders);
  const tab = withDocumentLock(() => writeWeeklyTab(ctx.wb, week.label, weeklyLayout(report, ctx.wb.lang)));

  // One message per language to its leaders (the quota counts recipients, a call costs a
  // second); what the quota does not allow is not sent later: the tab is there, and the summary
  // says how many missed it.
  const url = `${ctx.spreadsheetUrl}#gid=${tab.sheetId}`;
  let quota = mailQuotaLeft();
  let sent = 0;
  let recipients = 0;
  for (const [lang, group] of weeklyRecipients(ctx.settings)) {
    recipients += group.length;
    const fit = group.slice(0, Math.max(0, quota));
    if (fit.length === 0) continue;
    // At most 50 recipients a message, as Apps Script allows: a larger group gets several.
    const email = renderEmail(weeklyEmail(report, lang, { name: tab.name, url }));
    for (const batch of inBatches(fit, MAX_RECIPIENTS_PER_MESSAGE)) sendMail({ to: batch.join(','), ...email });
    quota -= fit.length;
    sent += fit.length;
  }
  const params = { tab: tab.name, sent, recipients };
  const summary = [
    tServer(ctx.lang, sent < recipients ? 'weekly.summary.quota' : 'weekly.summary', params),
    ...(problems.length > 0 ? [tServer(ctx.lang, 'weekly.summary.broken', { count: problems.length })] : []),
  ].join('; ');
  return { complete: true, summary };
}

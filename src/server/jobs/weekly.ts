/**
 * The weekly top-causes report (docs/product.md, KPIs), for the ISO week that ended before the
 * run: the cases read once, the figures computed once (domain/kpi.ts), the `Top causes YYYY-Www`
 * tab written (or rewritten) under the document lock, then one summary email to the leaders.
 */
import { tServer } from '../../domain/i18n/server';
import { weekEndedBefore } from '../../domain/iso-week';
import { renderEmail } from '../../domain/email-render';
import { isEmail, normalizeEmail, type Settings } from '../../domain/settings';
import { weeklyEmail, weeklyLayout, weeklyReport } from '../../domain/weekly-report';
import { now } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { mailQuotaLeft, sendMail } from '../../services/mail';
import { readKpiCases, writeWeeklyTab } from '../../sheets/weekly-tab';
import { handleRequest, LEADS } from '../context';
import type { JobContext, JobOutcome } from './job';

/** Who reads the weekly summary: the CS leads, then the COO and the CEO of Settings, once each. */
export function weeklyRecipients(settings: Settings): string[] {
  const emails = [
    ...settings.team.filter((member) => member.role === 'lead').map((member) => member.email),
    settings.escalation.coo,
    settings.escalation.ceo,
  ].map(normalizeEmail);
  return [...new Set(emails.filter(isEmail))];
}

export function runWeeklyJob(ctx: JobContext): JobOutcome {
  // The week in the business calendar's zone, the one the dispatcher's schedule uses to decide
  // that Monday has come (set from the spreadsheet's zone at setup).
  const timeZone = ctx.settings.calendar.timeZone;
  const week = weekEndedBefore(ctx.now, timeZone);
  const { cases, problems } = readKpiCases(ctx.wb);
  const report = weeklyReport(cases, week, ctx.settings, ctx.now, timeZone);
  const tab = withDocumentLock(() => writeWeeklyTab(ctx.wb, week.label, weeklyLayout(report, ctx.wb.lang)));

  // One message to every leader (the quota counts recipients, a call costs a second); what the
  // quota does not allow is not sent later: the tab is there, and the summary says who missed it.
  const recipients = weeklyRecipients(ctx.settings);
  const fit = recipients.slice(0, Math.max(0, mailQuotaLeft()));
  if (fit.length > 0) {
    const url = `${ctx.spreadsheetUrl}#gid=${tab.sheetId}`;
    const mail = renderEmail(weeklyEmail(report, ctx.lang, { name: tab.name, url }));
    sendMail({ to: fit.join(','), ...mail });
  }
  const params = { tab: tab.name, sent: fit.length, recipients: recipients.length };
  const summary = [
    tServer(ctx.lang, fit.length < recipients.length ? 'weekly.summary.quota' : 'weekly.summary', params),
    ...(problems.length > 0 ? [tServer(ctx.lang, 'weekly.summary.broken', { count: problems.length })] : []),
  ].join('; ');
  return { complete: true, summary };
}

/** Apps Script stops an execution at 6 minutes; the job leaves itself a margin. */
const RUN_BUDGET_MS = 5 * 60_000;

/**
 * A lead runs the weekly report now, in the active spreadsheet, for the week that ended (the
 * menu's "Run now", the tests and the benchmark). The trigger's dispatcher builds the same
 * context (jobs/job.ts) and, with its once-per-period bookkeeping, takes this entry's place.
 */
export function runWeekly(): JobOutcome {
  return handleRequest(LEADS, (request) => {
    const started = now();
    return runWeeklyJob({
      wb: request.wb,
      settings: request.settings,
      lang: request.lang,
      now: started,
      deadline: started + RUN_BUDGET_MS,
      runAs: request.email,
      spreadsheetUrl: request.wb.ss.getUrl(),
    });
  });
}

import type { JobContext, JobOutcome } from './job';

/** The daily plan-fact digest (being built: issue 8). */
export function runDailyJob(_ctx: JobContext): JobOutcome {
  throw new Error('runDailyJob is not built yet');
}

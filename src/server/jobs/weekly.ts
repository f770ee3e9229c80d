import type { JobContext, JobOutcome } from './job';

/** The weekly top-causes tab for the ISO week that ended (being built: issue 8). */
export function runWeeklyJob(_ctx: JobContext): JobOutcome {
  throw new Error('runWeeklyJob is not built yet');
}

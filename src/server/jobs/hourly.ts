import type { JobContext, JobOutcome } from './job';

/** Flags, escalation and notices for every open case (being built: issue 8). */
export function runHourlyJob(_ctx: JobContext): JobOutcome {
  throw new Error('runHourlyJob is not built yet');
}

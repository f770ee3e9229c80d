// The hourly job stops cleanly when its deadline has passed: it touches nothing and says so.
import { runHourlyJob } from '../../src/server/jobs/hourly';
import type { JobContext } from '../../src/server/jobs/job';
import { defaultSettings } from '../../src/domain/settings';

test('past its deadline, runHourlyJob reads and writes nothing and reports the run incomplete', () => {
  const untouchable = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the workbook was touched');
      },
    },
  );
  const started = Date.now();
  const ctx: JobContext = {
    wb: untouchable as JobContext['wb'],
    settings: defaultSettings('ru', 'Europe/Moscow'),
    lang: 'ru',
    now: started,
    deadline: started - 1,
    runAs: 'lead@example.com',
    spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x',
  };
  expect(runHourlyJob(ctx)).toEqual({ complete: false, summary: expect.stringMatching(/next run/) });
});

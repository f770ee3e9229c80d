/**
 * The daily digest through a bundle built like build/Code.js, in the emulator: to the lead and to
 * each owner with something in it, nobody else, once a day even when run again.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/api';
import type { JobOutcome } from '../../src/server/jobs/job';
import { activeContent } from '../support/html';
import { jobBundleDir } from '../support/job-bundle';
import { AGENT, LEAD, OWNER, registrationInput, setUpWorkbook } from '../support/workbook';

const HOUR = 3_600_000;

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

const daily = (emulator: Emulator) => emulator.run<JobOutcome>('testRunDaily', [], { user: LEAD }).value;

describe('the daily digest, through the bundle', () => {
  test('the lead gets the plan-fact, the owner their list, nobody else anything; once a day', () => {
    const emulator = setUpWorkbook({ buildDir: jobBundleDir() });
    // Monday 10:00. A: resolution due Monday 18:00; B: Wednesday 10:00.
    const a = register(emulator, { criticality: 'A', client: '<script>alert(1)</script>' });
    const b = register(emulator, { criticality: 'B', stopShipment: true });
    emulator.scriptRun('apiRecordFirstResponse', [b.id, { version: b.version }], { user: AGENT });
    emulator.advanceClock(47 * HOUR); // Wednesday 09:00

    expect(daily(emulator)).toMatchObject({ complete: true });
    const mails = emulator.state.mail.sent;
    expect(mails.map((m) => m.to[0])).toEqual([LEAD, OWNER]);
    const [lead, owner] = mails;
    expect(lead?.subject).toBe('Арбитр: план-факт по проблемным заказам, 2026-11-25');
    expect(lead?.body).toContain('Срок сегодня (1)');
    expect(lead?.body).toContain('Просрочено: Производство (1)');
    expect(lead?.body).toContain('Стоп отгрузки (1)');
    expect(lead?.body).toContain('Первый ответ с опозданием (1)');
    expect(lead?.body).toContain('Просрочено на 22 ч 30 мин');
    expect(owner?.body).toContain(a.id);
    expect(owner?.body).toContain(b.id);
    expect(owner?.body).not.toContain('Стоп отгрузки');
    for (const mail of mails) expect(activeContent(mail.htmlBody ?? '')).toEqual([]);

    // Run again the same day: nothing new.
    emulator.advanceClock(HOUR);
    daily(emulator);
    expect(emulator.state.mail.sent).toHaveLength(2);
  });

  test('what the quota leaves out goes at the next run, and only that', () => {
    const emulator = setUpWorkbook({ buildDir: jobBundleDir() });
    register(emulator, { criticality: 'A' });
    emulator.advanceClock(23 * HOUR); // Tuesday 09:00
    emulator.setMailQuotaUsed(LEAD, 99);
    expect(daily(emulator)).toMatchObject({ complete: false });
    expect(emulator.state.mail.sent.map((m) => m.to[0])).toEqual([LEAD]);
    emulator.setMailQuotaUsed(LEAD, 0);
    expect(daily(emulator)).toMatchObject({ complete: true });
    expect(emulator.state.mail.sent.map((m) => m.to[0])).toEqual([LEAD, OWNER]);
  });

  test('an empty workbook: no email at all', () => {
    const emulator = setUpWorkbook({ buildDir: jobBundleDir() });
    expect(daily(emulator)).toMatchObject({ complete: true });
    expect(emulator.state.mail.sent).toEqual([]);
  });
});

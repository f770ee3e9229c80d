/**
 * A job's email never names more than 50 recipients, the most Apps Script lets one message take
 * (docs/architecture.md, The emulator): the weekly summary to 60 leads goes out in batches.
 */
import type { Emulator } from '../../emulator/runtime';
import { LEAD, setUpWorkbook } from '../support/workbook';

const yes = () => ({ button: 'YES' });

function addLeads(emulator: Emulator, count: number): string[] {
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  const emails = Array.from({ length: count }, (_, i) => `lead${i + 1}@example.com`);
  for (const email of emails) settings.team.push({ email, name: `Руководитель ${email}`, role: 'lead', team: 'КС' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  return emails;
}

describe('a job writing to more than 50 people', () => {
  test('the weekly summary to 60 more leads goes in messages of at most 50, each lead once', () => {
    const emulator = setUpWorkbook();
    const leads = addLeads(emulator, 60);
    const run = emulator.execute('runWeekly', [], { user: LEAD, respond: yes });
    expect(run.error).toBeUndefined();
    const mails = emulator.state.mail.sent;
    expect(mails.length).toBeGreaterThanOrEqual(2);
    expect(mails.every((m) => m.to.length + m.cc.length + m.bcc.length <= 50)).toBe(true);
    const recipients = mails.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(new Set(recipients)).toEqual(new Set([LEAD, ...leads]));
  });
});

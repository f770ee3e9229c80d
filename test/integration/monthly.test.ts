/**
 * The monthly summary through the built bundle, on the emulator's virtual clock (Moscow): zones of
 * growth and CSI comments logged through the API over October and November 2026, the schedule
 * (off since setup on 1 October) installed again on 30 November, and the hourly trigger left to
 * fire until 1 December at the digest hour. The recheck that fell due moves with its Events row; each team leader and the lead get one
 * email with their part; a second run sends nothing; a run cut short by the mail quota, or killed
 * mid-way, sends the rest at the next firing and no duplicate.
 */
import type { Emulator } from '../../emulator/runtime';
import type { SentMail } from '../../emulator/core/state';
import { DAILY_RECIPIENT_QUOTA } from '../../emulator/services/mail';
import { activeContent } from '../support/html';
import { AGENT, asPerson, LEAD, setUpWorkbook } from '../support/workbook';

const HOUR = 3_600_000;
const NORTH = 'north@example.com';
const SOUTH = 'south@example.com';
const IDLE = 'idle@example.com';

const msk = (local: string) => Date.parse(`${local}+03:00`);
const yes = () => ({ button: 'YES' });

interface ZoneView {
  id: string;
  version: number;
  status: string;
}

/** A workbook with two team leaders (one reads English) and one whose team has nothing. */
function workbook(): Emulator {
  const emulator = setUpWorkbook({ now: new Date(msk('2026-10-01T10:00')) });
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  settings.team.push(
    { email: NORTH, name: 'Нина Север', role: 'team_leader', team: 'Север' },
    { email: SOUTH, name: 'Sam South', role: 'team_leader', team: 'Юг', language: 'en' },
    { email: IDLE, name: 'Илья Восток', role: 'team_leader', team: 'Восток' },
  );
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  return emulator;
}

/** Logs and moves entries at Moscow wall times, in order. */
function actor(emulator: Emulator) {
  const versions = new Map<string, number>();
  const at = (local: string) => emulator.advanceTo(msk(local));
  const keep = (z: ZoneView) => (versions.set(z.id, z.version), z.id);
  return {
    log: (local: string, fields: Record<string, unknown>) => {
      at(local);
      return keep(
        emulator.scriptRun<ZoneView>(
          'apiLogGrowthZone',
          [
            {
              manager: 'Иванов',
              team: 'Север',
              teamLeaderEmail: NORTH,
              source: 'online_meeting',
              category: 'communication',
              standard: 'Приветствие по стандарту',
              description: `Не представился клиенту (${local})`,
              ...fields,
            },
          ],
          { user: AGENT },
        ),
      );
    },
    step: (local: string, id: string, body: Record<string, unknown>, user = AGENT) => {
      at(local);
      keep(emulator.scriptRun<ZoneView>('apiMoveGrowthZone', [id, { ...body, version: versions.get(id) }], { user }));
    },
    csi: (local: string, fields: Record<string, unknown>) => {
      at(local);
      return emulator.scriptRun<{ id: string }>(
        'apiLogCsi',
        [
          {
            at: new Date(msk(local)).toISOString(),
            role: 'sales',
            score: 2,
            comment: 'Менеджер не перезвонил',
            ...fields,
          },
        ],
        { user: AGENT },
      ).id;
    },
  };
}

interface Month {
  emulator: Emulator;
  /**
   * Briefing held 31 October at 14:00: its recheck falls due on 30 November at 14:00, after
   * October's catch-up run, and the run of 1 December moves it.
   */
  falling: string;
  /** Briefing held 14 October, found repeated on 20 November. */
  repeated: string;
  /** Logged in November: counts. */
  logged: string;
  /** Logged in October, still open: not this month's. */
  older: string;
  /** South, logged in November, its appeal accepted: does not count. */
  accepted: string;
  /** South, logged in November: counts. */
  south: string;
  csi: string;
}

function twoMonths(): Month {
  const emulator = workbook();
  const { log, step, csi } = actor(emulator);
  const falling = log('2026-10-12T10:00', { manager: 'Петров' });
  step('2026-10-12T11:00', falling, { to: 'briefing_scheduled', date: '2026-10-31' });
  const repeated = log('2026-10-13T10:00', { manager: 'Сидоров' });
  step('2026-10-13T11:00', repeated, { to: 'briefing_scheduled', date: '2026-10-14' });
  step('2026-10-14T12:00', repeated, { to: 'briefing_held' });
  const older = log('2026-10-20T10:00', {});
  step('2026-10-31T14:00', falling, { to: 'briefing_held' });
  const logged = log('2026-11-10T10:00', {});
  const accepted = log('2026-11-11T10:00', { manager: 'Smith', team: 'Юг', teamLeaderEmail: SOUTH });
  step('2026-11-11T12:00', accepted, { to: 'appealed', reason: 'Клиент сам прервал звонок' }, LEAD);
  step('2026-11-12T12:00', accepted, { to: 'accepted', reason: 'Запись подтверждает' }, LEAD);
  const south = log('2026-11-12T10:00', {
    manager: 'Jones',
    team: 'Юг',
    teamLeaderEmail: SOUTH,
    category: 'process',
    standard: 'Выпуск ЭЦП',
  });
  const c = csi('2026-11-15T10:00', { manager: 'Smith', team: 'Юг', comment: 'Never called back' });
  step('2026-11-20T10:00', repeated, { to: 'repeated' });
  // The schedule from 30 November: the months before it are not replayed.
  emulator.advanceTo(msk('2026-11-30T10:00'));
  emulator.run('installTriggers', [], { user: LEAD, respond: yes });
  return { emulator, falling, repeated, logged, older, accepted, south, csi: c };
}

/** The monthly emails about November (October's are the catch-up at the first firing). */
const monthlyMails = (emulator: Emulator, month = /ноябрь 2026|November 2026/): SentMail[] =>
  emulator.state.mail.sent.filter((m) => /итоги|зоны роста|zones of growth/i.test(m.subject) && month.test(m.subject));
const recipients = (emulator: Emulator) => monthlyMails(emulator).map((m) => m.to[0]);
const mailTo = (emulator: Emulator, to: string) => monthlyMails(emulator).find((m) => m.to[0] === to);

/** Events rows as [type, case, from, to, actor, note]. */
function events(emulator: Emulator): string[][] {
  const rows = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getDataRange().getValues() ?? []);
  const header = rows[0]!.map(String);
  const col = (name: string) => header.indexOf(name);
  return rows
    .slice(1)
    .map((r) => ['Событие', 'Кейс', 'Было', 'Стало', 'Кто', 'Комментарий'].map((name) => String(r[col(name)])));
}

describe('the monthly summary, dispatched by the hourly trigger on day 1', () => {
  test('the recheck moves, each team leader and the lead get one email with their part; once', () => {
    const m = twoMonths();
    const { emulator } = m;
    emulator.advanceTo(msk('2026-12-01T08:30'));
    // The schedule was off since 1 October: the first firing caught up the one month missed, once,
    // with October's entries (to its leader and the lead; the South logged nothing in October).
    const october = monthlyMails(emulator, /октябрь 2026|October 2026/).map((mail) => mail.to[0]);
    expect([...october].sort()).toEqual([LEAD, NORTH]);
    expect(monthlyMails(emulator)).toEqual([]);
    emulator.advanceTo(msk('2026-12-01T10:30'));

    // The recheck of 30 November is due now, with its Events row, written as the installer.
    const moved = events(emulator).filter((e) => e[0] === 'zone' && e[1] === m.falling && e[3] === 'recheck_due');
    expect(moved).toHaveLength(1);
    expect(moved[0]!.slice(2, 5)).toEqual(['briefing_held', 'recheck_due', LEAD]);

    expect([...recipients(emulator)].sort()).toEqual([LEAD, NORTH, SOUTH]);
    for (const mail of monthlyMails(emulator)) expect(activeContent(mail.htmlBody ?? '')).toEqual([]);

    const north = mailTo(emulator, NORTH)!;
    expect(north.subject).toBe('Арбитр: зоны роста вашей команды, итоги за ноябрь 2026');
    expect(north.body).toContain('По менеджерам');
    expect(north.body).toContain(m.falling);
    expect(north.body).toContain('Срок перепроверки наступил');
    expect(north.body).toContain(m.repeated);
    expect(north.body).toContain(m.logged);
    expect(north.body).not.toContain(m.older);
    expect(north.body).not.toContain(m.south);
    // Its link opens the Zones of growth tab.
    const zonesGid = asPerson(emulator, (ss) => ss.getSheetByName('Зоны роста')!.getSheetId());
    expect(north.body).toContain(`/edit#gid=${zonesGid}`);

    const south = mailTo(emulator, SOUTH)!;
    expect(south.subject).toBe("Arbiter: your team's zones of growth, November 2026");
    expect(south.body).toContain(m.south);
    expect(south.body).toContain('Process error');
    expect(south.body).toContain('Never called back');
    expect(south.body).not.toContain(m.accepted);

    const lead = mailTo(emulator, LEAD)!;
    expect(lead.subject).toBe('Арбитр: итоги месяца по зонам роста, ноябрь 2026');
    expect(lead.body).toContain('Команды с повторяющимися ошибками');
    expect(lead.body).toContain('Предложите встречу');
    expect(lead.body).toContain(NORTH);
    expect(lead.body).toContain(SOUTH);

    // The job's row in Events says what it did.
    const job = events(emulator).filter((e) => e[0] === 'job' && e[5]!.startsWith('Итоги месяца 2026-12'));
    expect(job).toHaveLength(1);
    expect(job[0]![5]).toContain('перепроверок наступило 1');

    // More firings, and Run now for the same month: nothing more is sent or moved.
    emulator.advanceClock(3 * HOUR);
    emulator.run('runMonthly', [], { user: LEAD, respond: yes });
    expect(monthlyMails(emulator)).toHaveLength(3);
    expect(events(emulator).filter((e) => e[0] === 'zone' && e[3] === 'recheck_due')).toHaveLength(1);
  });

  test('a run cut short by the mail quota sends the rest at the next firing, no duplicate', () => {
    const { emulator } = twoMonths();
    emulator.advanceTo(msk('2026-12-01T08:30'));
    // One recipient left of the installer's quota when the monthly job starts.
    emulator.setMailQuotaUsed(LEAD, DAILY_RECIPIENT_QUOTA.consumer - 1);
    emulator.advanceTo(msk('2026-12-01T09:30'));
    expect(monthlyMails(emulator)).toHaveLength(1);
    const incomplete = events(emulator).filter((e) => e[0] === 'job' && e[5]!.startsWith('Итоги месяца'));
    expect(incomplete.at(-1)![5]).toContain('Продолжится при следующем запуске');

    emulator.setMailQuotaUsed(LEAD, 0);
    emulator.advanceTo(msk('2026-12-01T11:30'));
    expect([...recipients(emulator)].sort()).toEqual([LEAD, NORTH, SOUTH]);
  });

  test('a run killed after one email, run again, sends the rest and no duplicate', () => {
    const { emulator } = twoMonths();
    emulator.advanceTo(msk('2026-12-01T08:30'));
    emulator.state.mail.killAfterSent = emulator.state.mail.sent.length + 1;
    emulator.advanceTo(msk('2026-12-01T09:30'));
    expect(monthlyMails(emulator)).toHaveLength(1);
    delete emulator.state.mail.killAfterSent;
    emulator.advanceTo(msk('2026-12-01T10:30'));
    expect([...recipients(emulator)].sort()).toEqual([LEAD, NORTH, SOUTH]);
  });

  test('a month with nothing logged sends no monthly email', () => {
    const emulator = workbook();
    emulator.advanceTo(msk('2026-11-30T10:00'));
    emulator.run('installTriggers', [], { user: LEAD, respond: yes });
    emulator.advanceTo(msk('2026-12-01T10:30'));
    expect(monthlyMails(emulator)).toEqual([]);
    const job = events(emulator).filter((e) => e[0] === 'job' && e[5]!.startsWith('Итоги месяца 2026-12'));
    expect(job).toHaveLength(1);
  });

  test('Run now is for leads only', () => {
    const emulator = workbook();
    expect(emulator.execute('runMonthly', [], { user: AGENT }).error).toMatch(/^\[forbidden\]/);
  });
});

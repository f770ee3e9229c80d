/**
 * The monthly review's content (src/domain/monthly-report.ts) on hand-built entries, counted by
 * hand: the run is on 1 December 2026 at 09:00 in Moscow, so the month reviewed is November.
 */
import { renderEmail } from '../../src/domain/email-render';
import type { CsiEntry, GrowthZone } from '../../src/domain/growth-zones';
import {
  lowestResultTeams,
  monthEndedBefore,
  monthlyEmails,
  monthlyTeams,
  type MonthlyMail,
  type TeamMonth,
} from '../../src/domain/monthly-report';
import { defaultSettings, type Settings } from '../../src/domain/settings';

const at = (iso: string) => Date.parse(`${iso}+03:00`);
const NOW = at('2026-12-01T09:00:00');
const TZ = 'Europe/Moscow';
const NOVEMBER = monthEndedBefore(NOW, TZ);
const LEAD = 'lead@example.com';
const NORTH = 'north@example.com';
const SOUTH = 'south@example.com';
/** Named only by entries, not on the team list. */
const WEST = 'west@example.com';
const IDLE = 'idle@example.com';
const URL = 'https://docs.google.com/spreadsheets/d/abc/edit#gid=7';

function settings(): Settings {
  const s = defaultSettings('ru', TZ);
  s.team = [
    { email: LEAD, name: 'Лид', role: 'lead', team: 'КС' },
    { email: NORTH, name: 'Север', role: 'team_leader', team: 'Север' },
    { email: SOUTH, name: 'South', role: 'team_leader', team: 'Юг', language: 'en' },
    { email: IDLE, name: 'Тихий', role: 'team_leader', team: 'Восток' },
  ];
  return s;
}

let seq = 0;
function zone(overrides: Partial<GrowthZone>): GrowthZone {
  seq++;
  return {
    id: `GZ-2026-${String(seq).padStart(5, '0')}`,
    version: 1,
    status: 'logged',
    manager: 'Иванов',
    team: 'Север',
    teamLeaderEmail: NORTH,
    source: 'online_meeting',
    category: 'communication',
    standard: 'Приветствие по стандарту',
    link: '',
    description: `Что случилось ${seq}`,
    loggedAt: at('2026-11-10T12:00:00'),
    loggedBy: LEAD,
    updatedAt: at('2026-11-10T12:00:00'),
    updatedBy: LEAD,
    briefingAt: null,
    briefingHeldAt: null,
    recheckAt: null,
    processAnswer: '',
    appealedFrom: null,
    appealReason: '',
    decisionReason: '',
    closedAt: null,
    ...overrides,
  };
}

function csi(overrides: Partial<CsiEntry>): CsiEntry {
  seq++;
  return {
    id: `CSI-2026-${String(seq).padStart(5, '0')}`,
    at: at('2026-11-15T12:00:00'),
    manager: 'Иванов',
    role: 'sales',
    team: 'Север',
    comment: `Комментарий ${seq}`,
    score: 2,
    caseId: '',
    orderNo: '',
    client: '',
    loggedAt: at('2026-11-15T13:00:00'),
    loggedBy: LEAD,
    ...overrides,
  };
}

/** North: two entries in November (one an accepted appeal), a repeat, a recheck due, CSI. */
const ZONES: GrowthZone[] = [
  zone({}),
  zone({ manager: 'иванов ', status: 'accepted', closedAt: at('2026-11-20T10:00:00') }),
  zone({
    manager: 'Петров',
    status: 'repeated',
    loggedAt: at('2026-09-01T10:00:00'),
    briefingHeldAt: at('2026-09-10T10:00:00'),
    recheckAt: at('2026-10-10T10:00:00'),
    closedAt: at('2026-11-12T10:00:00'),
  }),
  zone({
    manager: 'Петров',
    status: 'recheck_due',
    loggedAt: at('2026-10-01T10:00:00'),
    briefingHeldAt: at('2026-10-05T10:00:00'),
    recheckAt: at('2026-11-05T10:00:00'),
  }),
  // South: one entry in November, one logged in October (not this month's), one in December.
  zone({ manager: 'Smith', team: 'Юг', teamLeaderEmail: SOUTH, category: 'process' }),
  zone({ manager: 'Smith', team: 'Юг', teamLeaderEmail: SOUTH, loggedAt: at('2026-10-31T23:59:00') }),
  zone({ manager: 'Jones', team: 'Юг', teamLeaderEmail: SOUTH, loggedAt: at('2026-12-01T00:00:00') }),
  // West: its leader is named only by its entries; three entries this month.
  zone({ manager: 'Сидоров', team: 'Запад', teamLeaderEmail: WEST }),
  zone({ manager: 'Сидоров', team: 'Запад', teamLeaderEmail: WEST }),
  zone({ manager: 'Кузнецов', team: 'Запад', teamLeaderEmail: WEST }),
];
const CSI: CsiEntry[] = [csi({}), csi({ at: at('2026-10-31T20:00:00') }), csi({ manager: 'Smith', team: 'юг' })];

function mails(newlyDue: string[] = [], zones = ZONES, csiEntries = CSI, s = settings()): MonthlyMail[] {
  return monthlyEmails({
    zones,
    csi: csiEntries,
    settings: s,
    month: NOVEMBER,
    newlyDue: new Set(newlyDue),
    zonesUrl: URL,
  });
}
const mailTo = (list: MonthlyMail[], to: string) => list.find((m) => m.to === to);
const team = (teams: TeamMonth[], name: string) => teams.find((t) => t.team === name);

describe('the month reviewed', () => {
  test('on 1 December it is November, local midnight to local midnight', () => {
    expect(NOVEMBER.label).toBe('2026-11');
    expect(NOVEMBER.start).toBe(at('2026-11-01T00:00:00'));
    expect(NOVEMBER.end).toBe(at('2026-12-01T00:00:00'));
  });

  test('on 1 January it is the December before', () => {
    const december = monthEndedBefore(at('2027-01-01T09:00:00'), TZ);
    expect(december.label).toBe('2026-12');
    expect(december.end).toBe(at('2027-01-01T00:00:00'));
  });
});

describe('each team’s month', () => {
  const teams = monthlyTeams(ZONES, CSI, settings(), NOVEMBER);

  test('counts what counts: an accepted appeal, last month’s and next month’s entries do not', () => {
    const north = team(teams, 'Север')!;
    expect({ logged: north.logged, repeats: north.repeats, rechecks: north.rechecksDue, csi: north.csi }).toEqual({
      logged: 1,
      repeats: 1,
      rechecks: 1,
      csi: 1,
    });
    expect(north.problems).toBe(3);
    // Spelling and case of a manager's name do not make another manager.
    expect(north.managers.map((m) => m.manager)).toEqual(['Иванов', 'Петров']);
    const south = team(teams, 'Юг')!;
    expect({ logged: south.logged, csi: south.csi, problems: south.problems }).toEqual({
      logged: 1,
      csi: 1,
      problems: 2,
    });
  });

  test('the entries listed are the ones the per-manager figures count', () => {
    for (const t of teams)
      for (const m of t.managers) {
        expect([m.loggedEntries.length, m.repeatEntries.length, m.csiEntries.length]).toEqual([
          m.logged,
          m.repeats,
          m.csi,
        ]);
      }
  });

  test('an entry whose appeal was rejected while its recheck was due still waits for it', () => {
    const rejected = zone({ status: 'rejected', appealedFrom: 'recheck_due', loggedAt: at('2026-09-01T10:00:00') });
    const [north] = monthlyTeams([rejected], [], settings(), NOVEMBER).filter((t) => t.team === 'Север');
    expect(north!.rechecksDue).toBe(1);
    expect(north!.problems).toBe(0);
  });

  test('a team’s leaders: the team list’s team leader and every leader its entries name', () => {
    expect(team(teams, 'Север')!.leaders).toEqual([NORTH]);
    expect(team(teams, 'Запад')!.leaders).toEqual([WEST]);
    expect(team(teams, 'Восток')).toMatchObject({ leaders: [IDLE], problems: 0, managers: [] });
  });
});

describe('the lowest results', () => {
  const t = (name: string, problems: number) => ({ team: name, problems }) as TeamMonth;

  test('the three teams with the most problems, most first; a team with none never', () => {
    const ranked = lowestResultTeams([t('A', 1), t('B', 5), t('C', 0), t('D', 3), t('E', 2)]);
    expect(ranked.map((x) => x.team)).toEqual(['B', 'D', 'E']);
    expect(lowestResultTeams([t('A', 0), t('B', 0)])).toEqual([]);
  });

  test('teams tied with the third are named too', () => {
    const ranked = lowestResultTeams([t('A', 4), t('B', 2), t('C', 2), t('D', 2), t('E', 1)]);
    expect(ranked.map((x) => x.team)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('who gets what', () => {
  const all = mails([ZONES[3]!.id]);

  test('one email per leader with something in the month and per lead; nobody with nothing', () => {
    expect(all.map((m) => m.to)).toEqual([LEAD, NORTH, SOUTH, WEST]);
    expect(mailTo(all, IDLE)).toBeUndefined();
  });

  test('a team leader reads their team’s month per manager, in their language', () => {
    const north = renderEmail(mailTo(all, NORTH)!.doc);
    expect(north.subject).toContain('ноябрь 2026');
    expect(north.text).toContain('По менеджерам');
    expect(north.text).toContain('записей за месяц 1, повторов 0, ждут перепроверки 0, CSI 1');
    expect(north.text).toContain('записей за месяц 0, повторов 1, ждут перепроверки 1, CSI 0');
    expect(north.text).toContain(ZONES[0]!.id);
    expect(north.text).toContain(ZONES[2]!.id);
    // The recheck that fell due in this run says so.
    expect(north.text).toContain(ZONES[3]!.id);
    expect(north.text).toContain('Срок перепроверки наступил');
    expect(north.text).toContain('Комментарий');
    // Not the accepted appeal, nor another team's entries.
    expect(north.text).not.toContain(ZONES[1]!.id);
    expect(north.text).not.toContain('Smith');
    expect(north.text).toContain(URL);

    const south = renderEmail(mailTo(all, SOUTH)!.doc);
    expect(south.subject).toBe("Arbiter: your team's zones of growth, November 2026");
    expect(south.text).toContain('Process error');
    expect(south.text).toContain(ZONES[4]!.id);
    expect(south.text).not.toContain(ZONES[5]!.id);
    expect(south.text).not.toContain(ZONES[6]!.id);
  });

  test('a leader named only by entries gets their team’s month too', () => {
    const west = renderEmail(mailTo(all, WEST)!.doc);
    expect(west.text).toContain('Сидоров');
    expect(west.text).toContain('Кузнецов');
  });

  test('the leads read the teams with repeated errors and the lowest results, with their leaders, and a meeting to propose', () => {
    const doc = mailTo(all, LEAD)!.doc;
    const [repeated, lowest] = doc.sections;
    expect(repeated!.items.map((i) => i.title)).toEqual(['Север']);
    // Запад 3, Север 3 (an entry, a repeat, a CSI comment), Юг 2; Восток had nothing.
    expect(lowest!.items.map((i) => i.title)).toEqual(['Запад', 'Север', 'Юг']);
    expect(lowest!.items[0]!.facts).toContain(`Лидеры: ${WEST}`);
    expect(doc.intro).toContain('Предложите встречу');
    expect(doc.intro).toContain(NORTH);
    expect(doc.intro).toContain(WEST);
  });

  test('a month with nothing sends nothing', () => {
    expect(mails([], [], [])).toEqual([]);
    // Only open entries from before the month, no recheck due: still nothing to say.
    expect(mails([], [zone({ loggedAt: at('2026-10-01T10:00:00'), status: 'briefing_scheduled' })], [])).toEqual([]);
  });

  test('a recheck due alone is worth an email to its leader, and the leads hear of no team', () => {
    const due = zone({
      status: 'recheck_due',
      loggedAt: at('2026-09-01T10:00:00'),
      recheckAt: at('2026-11-30T10:00:00'),
    });
    const list = mails([due.id], [due], []);
    expect(list.map((m) => m.to)).toEqual([NORTH]);
  });

  test('a lead who is also named as a team leader gets one email with both', () => {
    const own = zone({ team: 'КС', teamLeaderEmail: LEAD, manager: 'Орлов' });
    const list = mails([], [...ZONES, own]);
    const toLead = list.filter((m) => m.to === LEAD);
    expect(toLead).toHaveLength(1);
    const text = renderEmail(toLead[0]!.doc).text;
    expect(text).toContain('Орлов');
    expect(text).toContain('Команды с повторяющимися ошибками');
  });
});

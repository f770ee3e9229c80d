/**
 * The daily plan-fact digest's content on a fixed data set, counted by hand: Tuesday 2026-11-24
 * 09:00 in Moscow, so "yesterday" is Monday the 23rd.
 */
import { dailyDigest, digestLists, type DigestCase } from '../../src/domain/digest';
import { renderEmail } from '../../src/domain/email-render';
import { defaultSettings, type Settings } from '../../src/domain/settings';

const at = (iso: string) => Date.parse(`${iso}+03:00`);
const NOW = at('2026-11-24T09:00:00');
const LEAD = 'lead@example.com';
const PROD = 'prod@example.com';
const LOG = 'log@example.com';

function settings(): Settings {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.team = [
    { email: LEAD, name: 'Лид', role: 'lead', team: 'КС' },
    { email: LOG, name: 'Logistics', role: 'owner', team: '', language: 'en' },
  ];
  return s;
}

function mk(id: string, overrides: Partial<DigestCase> = {}): DigestCase {
  return {
    id,
    status: 'in_progress',
    criticality: 'B',
    client: `Клиент ${id}`,
    summary: `Суть ${id}`,
    ownerDept: 'Производство',
    ownerEmail: PROD,
    stopShipment: false,
    createdAt: at('2026-11-23T10:00:00'),
    dueFirstResponseAt: at('2026-11-23T12:00:00'),
    firstResponseAt: at('2026-11-23T10:30:00'),
    dueAt: at('2026-11-25T10:00:00'),
    resolvedAt: null,
    closedAt: null,
    resolutionStartAt: at('2026-11-23T10:00:00'),
    pausedMinutes: 0,
    waitingSince: null,
    row: Number(id.slice(1)) + 1,
    ...overrides,
  };
}

const CASES: DigestCase[] = [
  mk('C1', { dueAt: at('2026-11-23T15:00:00') }),
  mk('C2', { dueAt: at('2026-11-23T12:00:00'), ownerDept: 'Логистика', ownerEmail: LOG }),
  mk('C3', { dueAt: at('2026-11-24T08:00:00') }),
  mk('C4', { dueAt: at('2026-11-24T18:00:00') }),
  // A: 480 business minutes, 660 used since Monday 10:00: at risk, due tomorrow.
  mk('C5', { criticality: 'A', ownerEmail: LOG, ownerDept: 'Логистика' }),
  mk('C6', {
    status: 'closed',
    dueAt: at('2026-11-23T18:00:00'),
    resolvedAt: at('2026-11-23T14:00:00'),
    closedAt: at('2026-11-23T16:00:00'),
  }),
  mk('C7', {
    status: 'closed',
    dueAt: at('2026-11-23T12:00:00'),
    resolvedAt: at('2026-11-23T15:00:00'),
    closedAt: at('2026-11-23T15:30:00'),
  }),
  mk('C8', { firstResponseAt: null, status: 'new' }),
  mk('C9', { firstResponseAt: at('2026-11-23T13:00:00') }),
  mk('C10', { stopShipment: true }),
  mk('C11', {
    status: 'closed',
    resolvedAt: at('2026-11-22T12:00:00'),
    closedAt: at('2026-11-22T13:00:00'),
  }),
  mk('C12', { status: 'cancelled', dueAt: at('2026-11-23T11:00:00'), stopShipment: true }),
];

const ids = (cases: Array<{ id: string }>) => cases.map((c) => c.id);

describe('the daily digest', () => {
  test('the lists, counted by hand', () => {
    const lists = digestLists(CASES, settings(), NOW);
    expect(lists.today).toBe('2026-11-24');
    expect(ids(lists.dueToday)).toEqual(['C4']);
    // Logistics holds the oldest overdue case, so it comes first; oldest first within each.
    // C8 is overdue by its first response, due Monday 12:00 (its resolution is due tomorrow).
    expect(lists.overdueByDept.map(({ dept, cases }) => [dept, ids(cases)])).toEqual([
      ['Логистика', ['C2']],
      ['Производство', ['C8', 'C1', 'C3']],
    ]);
    expect(lists.closedYesterday.map(({ case: c, minutesLate }) => [c.id, minutesLate])).toEqual([
      ['C7', 180],
      ['C6', 0],
    ]);
    expect(ids(lists.firstResponseBreaches)).toEqual(['C8', 'C9']);
    expect(ids(lists.stopShipment)).toEqual(['C10']);
    expect([...lists.owners.keys()].sort()).toEqual([LOG, PROD]);
    expect(lists.owners.get(PROD)).toMatchObject({ overdue: [{ id: 'C8' }, { id: 'C1' }, { id: 'C3' }] });
    expect(ids(lists.owners.get(PROD)!.dueToday)).toEqual(['C4']);
    expect(ids(lists.owners.get(LOG)!.atRisk)).toEqual(['C5']);
    expect(ids(lists.owners.get(LOG)!.overdue)).toEqual(['C2']);
  });

  test('one email to the lead and one to each owner, in their language', () => {
    const mails = dailyDigest({
      cases: CASES,
      settings: settings(),
      now: NOW,
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit',
      rowUrl: (row) => `https://docs.google.com/spreadsheets/d/x/edit#gid=7&range=A${row}`,
    });
    expect(mails.map((m) => [m.to, m.kind, m.doc.lang])).toEqual([
      [LEAD, 'lead', 'ru'],
      [LOG, 'owner', 'en'],
      [PROD, 'owner', 'ru'],
    ]);
    const lead = renderEmail(mails[0]!.doc);
    expect(lead.subject).toBe('Арбитр: план-факт по проблемным заказам, 2026-11-24');
    for (const part of [
      'Срок сегодня (1)',
      'Просрочено: Логистика (1)',
      'Просрочено: Производство (3)',
      'Закрыто вчера (2)',
      'Решено с опозданием на 3 ч 00 мин (рабочих)',
      'В срок',
      'Первый ответ с опозданием (2)',
      'Стоп отгрузки (1)',
    ])
      expect(lead.text).toContain(part);
    expect(lead.text.indexOf('Логистика (1)')).toBeLessThan(lead.text.indexOf('Производство (3)'));
    const log = renderEmail(mails[1]!.doc);
    expect(log.subject).toBe('Arbiter: your cases, 2026-11-24');
    expect(log.text).toContain('Overdue (1)');
    expect(log.text).toContain('At risk: 75 % of the time used (1)');
    expect(log.text).not.toContain('C1 ');
    expect(log.text).toContain('#gid=7&range=A6');
  });

  test('nobody gets an email with nothing in it', () => {
    const input = {
      settings: settings(),
      now: NOW,
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit',
      rowUrl: () => 'https://docs.google.com/spreadsheets/d/x/edit',
    };
    expect(dailyDigest({ ...input, cases: [] })).toEqual([]);
    // Closed two days ago and cancelled: nothing for anyone.
    expect(dailyDigest({ ...input, cases: [CASES[10]!, CASES[11]!] })).toEqual([]);
    // Closed yesterday: the lead hears of it; the owner has nothing open, so no email.
    expect(dailyDigest({ ...input, cases: [CASES[5]!] }).map((m) => m.to)).toEqual([LEAD]);
  });
});

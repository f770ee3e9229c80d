/** What an escalation email lists: most urgent level first, latest first, at most 60 cases. */
import { renderEmail } from '../../src/domain/email-render';
import { MAX_ITEMS_PER_EMAIL, noticeEmail } from '../../src/domain/notice-mail';
import type { DueNotice, NoticeKind } from '../../src/domain/notices';

function notice(i: number, kind: NoticeKind, minutesLate: number): DueNotice {
  const id = `ARB-2026-${String(i).padStart(5, '0')}`;
  return {
    key: `${id}/0/${kind}`,
    caseId: id,
    cycle: 0,
    kind,
    recipients: ['o@example.com'],
    minutesLate,
    dueAt: Date.parse('2026-11-23T12:00:00Z'),
    clock: 'resolution',
    case: {
      id,
      orderNo: 'K-1',
      client: `Client ${i}`,
      summary: 'Summary',
      criticality: 'B',
      status: 'in_progress',
      ownerDept: 'Logistics',
      ownerEmail: 'o@example.com',
      agent: 'a@example.com',
      dueAt: Date.parse('2026-11-23T12:00:00Z'),
    },
    row: i + 1,
  };
}

const input = (notices: DueNotice[]) => ({
  lang: 'en' as const,
  timeZone: 'Europe/Moscow',
  notices,
  unroutable: [],
  heldBack: 0,
  rowUrl: (n: DueNotice) => `https://docs.google.com/spreadsheets/d/x/edit#gid=1&range=A${n.row}`,
  spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit',
});

describe('noticeEmail', () => {
  test('the most urgent level first, the latest case first within it', () => {
    const doc = noticeEmail(input([notice(1, 'overdue', 30), notice(2, 'head', 10), notice(3, 'overdue', 300)]))!;
    expect(doc.sections.filter((s) => s.items.length).map((s) => s.items.map((i) => i.title.split(' · ')[0]))).toEqual([
      ['ARB-2026-00002'],
      ['ARB-2026-00003', 'ARB-2026-00001'],
    ]);
    expect(renderEmail(doc).text).toContain('Resolution late by 5 h 00 min (business)');
  });

  test('at most 60 cases, the most urgent, and how many more there are', () => {
    const notices = Array.from({ length: 70 }, (_, i) => notice(i + 1, i < 5 ? 'executive' : 'overdue', i));
    const doc = noticeEmail(input(notices))!;
    const items = doc.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(MAX_ITEMS_PER_EMAIL);
    expect(doc.sections[0]?.items).toHaveLength(5);
    expect(doc.intro).toBe('And 10 more cases: all of them are in the workbook.');
    expect(doc.subject).toBe('Arbiter: cases that need you — 70');
  });

  test('nothing to say: no email', () => {
    expect(noticeEmail(input([]))).toBeNull();
  });
});

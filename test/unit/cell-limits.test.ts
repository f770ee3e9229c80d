/**
 * The limits keep every valid case inside Sheets' 50,000-character cell (issue 10, defect 4): the
 * largest case the field limits allow — every text at its longest, every evidence link at its
 * longest — writes a case row and an Events row (whose `changes` JSON holds the whole case, the
 * most any event holds) with every cell under the limit. Escaping that JSON multiplies is caught
 * by the check before writing (test/integration/cell-limit.test.ts).
 */
import fc from 'fast-check';
import { newCase, validateRegistration } from '../../src/domain/case-input';
import { caseEvent } from '../../src/domain/events';
import { MAX_CELL_TEXT, MAX_EVIDENCE, MAX_LINK, MAX_LONG_TEXT, MAX_TEXT } from '../../src/domain/limits';
import type { Case } from '../../src/domain/model';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { slaState } from '../../src/domain/sla';
import { caseToCells } from '../../src/sheets/case-row';
import { changesOfCell, checkCellsFit, eventToCells } from '../../src/sheets/cases-repo';
import { toCell } from '../../src/sheets/table';

const NOW = Date.parse('2026-11-23T10:00:00+03:00');

function settings(): Settings {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.team = [{ email: 'agent@example.com', name: 'Agent', role: 'agent', team: '' }];
  s.departments[0]!.owners = ['prod@example.com'];
  return s;
}

const longest = (list: readonly string[]) => list.reduce((a, b) => (b.length > a.length ? b : a), list[0] ?? '');

/** A link of exactly `length` characters. */
const link = (i: number, length = MAX_LINK) => {
  const head = `https://drive.example.com/${i}/`;
  return head + 'x'.repeat(length - head.length);
};

function largestCase(char: string): Case {
  const s = settings();
  const pick = longest;
  const email = `${'a'.repeat(MAX_TEXT - '@example.com'.length)}@example.com`;
  const fields = validateRegistration(
    {
      orderNo: char.repeat(MAX_TEXT),
      client: char.repeat(MAX_TEXT),
      contact: char.repeat(MAX_TEXT),
      channel: pick(s.channels),
      source: pick(s.sources),
      kind: pick(s.kinds),
      summary: char.repeat(MAX_LONG_TEXT),
      evidence: Array.from({ length: MAX_EVIDENCE }, (_, i) => link(i)),
      criticality: 'A',
      ownerDept: s.departments[0]!.name,
      ownerEmail: email,
      agent: email,
      manager: char.repeat(MAX_TEXT),
      team: char.repeat(MAX_TEXT),
      bypass: true,
      stopShipment: true,
    },
    s,
    email,
  );
  const created = newCase('ARB-2026-99999', fields, s, email, NOW);
  // Every text a step adds, at its longest too.
  return {
    ...created,
    resolution: char.repeat(MAX_LONG_TEXT),
    prevention: char.repeat(MAX_LONG_TEXT),
    cancelReason: char.repeat(MAX_LONG_TEXT),
    rootCause: pick(s.rootCauses),
  };
}

function longestCell(c: Case): number {
  const sla = slaState(c, settings(), NOW);
  const cells = [caseToCells(c, 'ru', sla), eventToCells(caseEvent('created', null, c, c.createdBy))];
  return Math.max(...cells.flatMap((row) => Object.values(row).map((v) => String(toCell(v)).length)));
}

describe('the largest valid case fits in every cell', () => {
  test('with ordinary text (Cyrillic or Latin), the longest cell is under 50,000 characters', () => {
    for (const char of ['x', 'щ']) expect(longestCell(largestCase(char))).toBeLessThan(MAX_CELL_TEXT);
  });

  test('the check before writing accepts it', () => {
    const c = largestCase('x');
    const sla = slaState(c, settings(), NOW);
    expect(() =>
      checkCellsFit([caseToCells(c, 'ru', sla), eventToCells(caseEvent('created', null, c, c.createdBy))]),
    ).not.toThrow();
  });

  test('any registration whose text needs no JSON escaping fits (property)', () => {
    const s = settings();
    const plain = (max: number) =>
      fc.string({ minLength: 1, maxLength: max }).map(
        (t) =>
          [...t]
            .map((ch) => (ch === '"' || ch === '\\' || ch < ' ' ? 'x' : ch))
            .join('')
            .trim() || 'x',
      );
    fc.assert(
      fc.property(
        plain(MAX_TEXT),
        plain(MAX_LONG_TEXT),
        fc.integer({ min: 0, max: MAX_EVIDENCE }),
        (text, summary, n) => {
          const fields = validateRegistration(
            {
              orderNo: text,
              client: text,
              contact: text,
              channel: s.channels[0],
              source: s.sources[0],
              kind: s.kinds[0],
              summary,
              evidence: Array.from({ length: n }, (_, i) => link(i)),
              criticality: 'B',
              ownerDept: s.departments[0]!.name,
            },
            s,
            'agent@example.com',
          );
          expect(longestCell(newCase('ARB-2026-00001', fields, s, 'agent@example.com', NOW))).toBeLessThan(
            MAX_CELL_TEXT,
          );
        },
      ),
      { seed: 10, numRuns: 50 },
    );
  });
});

describe('an Events row’s changes', () => {
  test('moments read back to the same instant, whether written as local times or, before, as milliseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.constantFrom('Europe/Moscow', 'Asia/Almaty', 'America/New_York', 'UTC', 'Asia/Kolkata'),
        (ms, zone) => {
          const event = {
            ...caseEvent('created', null, largestCase('a'), 'a@example.com'),
            changes: { dueAt: ms, summary: 'x' },
          };
          const cell = String(eventToCells(event, zone).changes);
          expect(changesOfCell(cell, 'created')).toEqual({ dueAt: ms, summary: 'x' });
          expect(changesOfCell(JSON.stringify({ dueAt: ms }), 'updated')).toEqual({ dueAt: ms });
        },
      ),
    );
    expect(changesOfCell('{"addressee":"2026-01-01"}', 'question')).toEqual({ addressee: '2026-01-01' });
    expect(changesOfCell('not json', 'updated')).toBeNull();
  });
});

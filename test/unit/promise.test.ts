/**
 * A message never promises a time that has passed (docs/product.md, Notes and messages:
 * promises): when a deadline counts as passed, who must approve a new one, what a proposal may be,
 * and which proposal is waiting.
 */
import fc from 'fast-check';
import { DomainError } from '../../src/domain/errors';
import type { CaseEvent } from '../../src/domain/events';
import { STATUSES } from '../../src/domain/model';
import { MAX_PROMISE_DAYS, needsApproval, parsePromise, pendingPromise, promisePassed } from '../../src/domain/promise';

const NOW = Date.parse('2026-11-24T10:00:00+03:00');

const keys = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.problems.map((p) => p.key);
    throw e;
  }
  return [];
};

test('a deadline has passed for an open case once now reaches it; a finished case promises nothing', () => {
  fc.assert(
    fc.property(fc.constantFrom(...STATUSES), fc.integer({ min: -1e9, max: 1e9 }), (status, offset) => {
      const open = !['resolved', 'closed', 'cancelled'].includes(status);
      expect(promisePassed({ status, dueAt: NOW + offset }, NOW)).toBe(open && offset <= 0);
    }),
  );
});

test('A and B need a lead’s approval unless a lead sets it; C never does', () => {
  expect(needsApproval({ criticality: 'A' }, { email: 'a@x.kz', role: 'agent' })).toBe(true);
  expect(needsApproval({ criticality: 'B' }, { email: 'a@x.kz', role: 'agent' })).toBe(true);
  expect(needsApproval({ criticality: 'C' }, { email: 'a@x.kz', role: 'agent' })).toBe(false);
  expect(needsApproval({ criticality: 'A' }, { email: 'l@x.kz', role: 'lead' })).toBe(false);
});

test('a proposal is a moment in the future, at most 90 days ahead, at a version', () => {
  expect(parsePromise({ at: '2026-11-25T19:00:00+03:00', version: 3 }, NOW)).toEqual({
    at: Date.parse('2026-11-25T19:00:00+03:00'),
    version: 3,
  });
  expect(keys(() => parsePromise({ at: '2026-11-24T10:00:00+03:00', version: 3 }, NOW))).toEqual(['promise.past']);
  expect(
    keys(() => parsePromise({ at: new Date(NOW + (MAX_PROMISE_DAYS + 1) * 864e5).toISOString(), version: 1 }, NOW)),
  ).toEqual(['promise.tooFar']);
  expect(keys(() => parsePromise({ at: 5, version: 0 }, NOW))).toEqual(['input.versionNumber', 'promise.at']);
  expect(keys(() => parsePromise(null, NOW))).toEqual(['input.object']);
});

test('the waiting proposal is the last one not followed by a new deadline or a decision', () => {
  const row = (type: CaseEvent['type'], promisedAt?: string): CaseEvent => ({
    at: NOW,
    caseId: 'ARB-2026-00001',
    type,
    actor: 'agent@x.kz',
    from: '',
    to: '',
    note: '',
    version: 1,
    changes: promisedAt ? ({ promisedAt } as CaseEvent['changes']) : null,
  });
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('promise_proposed', 'promise', 'promise_declined', 'note', 'updated'), {
        maxLength: 10,
      }),
      (types) => {
        const events = types.map((type, i) =>
          row(
            type as CaseEvent['type'],
            type === 'promise_proposed' ? `2026-12-0${(i % 9) + 1}T10:00:00+03:00` : undefined,
          ),
        );
        const decisive = types.filter((t) => t === 'promise_proposed' || t === 'promise' || t === 'promise_declined');
        const last = decisive[decisive.length - 1];
        const pending = pendingPromise(events);
        expect(pending !== null).toBe(last === 'promise_proposed');
        if (pending) {
          const i = types.lastIndexOf('promise_proposed');
          expect(pending.at).toBe(Date.parse(`2026-12-0${(i % 9) + 1}T10:00:00+03:00`));
        }
      },
    ),
  );
});

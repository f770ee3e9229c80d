import fc from 'fast-check';
import { findMatches, foldText, matchesSearch, searchQuery, type SearchedFields } from '../../src/domain/search';

const kase: SearchedFields = {
  id: 'ARB-2026-00007',
  orderNo: 'К-24872',
  client: 'Айгерим  Сапарова',
  contact: '+77015550102',
  summary: 'Царапина на фасаде, не хватает фурнитуры; ёлочная ручка',
};

describe('search over a case’s fields', () => {
  test.each([
    ['the id, any case', 'arb-2026-00007'],
    ['the order number', 'к-24872'],
    ['part of the client’s name, spaces collapsed', 'айгерим сапарова'],
    ['the contact', '+7701555'],
    ['summary text, ё as е', 'елочная'],
    ['nothing typed', '   '],
  ])('finds a case by %s', (_, text) => {
    expect(matchesSearch(kase, searchQuery(text))).toBe(true);
  });

  test('does not find what is not there', () => {
    expect(matchesSearch(kase, searchQuery('ARB-2026-00008'))).toBe(false);
    expect(matchesSearch(kase, searchQuery('Иванов'))).toBe(false);
  });

  test('every substring of a field finds the case, whatever its letter case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(['id', 'orderNo', 'client', 'summary'] as const)),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (field, a, b, upper) => {
          const value = foldText(kase[field]);
          const [from, to] = [a % value.length, b % value.length].sort((x, y) => x - y) as [number, number];
          const part = value.slice(from, to + 1).trim();
          const typed = upper ? part.toUpperCase() : part;
          return matchesSearch(kase, searchQuery(typed));
        },
      ),
    );
  });
});

test('an order number typed with Cyrillic look-alikes finds the Latin one, and back', () => {
  expect(matchesSearch({ ...kase, orderNo: 'K-500' }, searchQuery('к-500'))).toBe(true);
  expect(matchesSearch({ ...kase, orderNo: 'К-500' }, searchQuery('k-500'))).toBe(true);
});

describe('matches: the same order or the same contact', () => {
  const at = (n: number) => Date.UTC(2026, 10, 23, 10, n);
  const base = { status: 'new' as const, criticality: 'B' as const, client: 'К', summary: '' };
  const cases = [
    { ...base, id: 'ARB-2026-00001', orderNo: 'K-24872', contact: '+77015550102', createdAt: at(1) },
    { ...base, id: 'ARB-2026-00002', orderNo: 'K-1', contact: '8 701 555 01 02', createdAt: at(2) },
    { ...base, id: 'ARB-2026-00003', orderNo: 'К 24872', contact: 'client@example.com', createdAt: at(3) },
    { ...base, id: 'ARB-2026-00004', orderNo: '', contact: '', createdAt: at(4) },
  ];
  const found = (orderNo: string, contact: string) =>
    findMatches(cases, { orderNo, contact }, 'KZ').map((m) => [m.case.id, m.by.join('+')]);

  test('newest first, each with what it shares', () => {
    expect(found('k-24872', '+7 701 555 01 02')).toEqual([
      ['ARB-2026-00003', 'order'],
      ['ARB-2026-00002', 'contact'],
      ['ARB-2026-00001', 'order+contact'],
    ]);
  });
  test('an email matches in any letter case; empty keys match nothing', () => {
    expect(found('', 'Client@Example.com ')).toEqual([['ARB-2026-00003', 'contact']]);
    expect(found('', '')).toEqual([]);
  });
  test('any spelling of a phone finds the same cases as its E.164 form', () => {
    fc.assert(
      fc.property(fc.constantFrom('+7 701 555 01 02', '87015550102', '8 (701) 555-01-02', '7015550102'), (typed) => {
        expect(found('', typed)).toEqual(found('', '+77015550102'));
      }),
    );
  });
});

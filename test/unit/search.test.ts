import fc from 'fast-check';
import { foldText, matchesSearch, searchQuery, type SearchedFields } from '../../src/domain/search';

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

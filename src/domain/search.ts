/**
 * Finding cases (docs/product.md, Finding cases): a search covers every case, open or not, by id,
 * order number, client, contact and summary text; a phone matches whatever way it is written.
 */
import type { Case } from './model';

/** The fields a search looks in. */
export type SearchedFields = Pick<Case, 'id' | 'orderNo' | 'client' | 'contact' | 'summary'>;

export const SEARCHED_FIELDS = ['id', 'orderNo', 'client', 'contact', 'summary'] as const satisfies ReadonlyArray<
  keyof SearchedFields
>;

/** What a person typed into the search box, prepared once for every case it is compared with. */
export interface SearchQuery {
  /** Lower case, spaces collapsed; '' matches everything. */
  text: string;
}

/** Cyrillic letters that look like Latin ones (in either case): `К-24872` and `K-24872` are one order. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
};

/**
 * What two spellings of the same thing share: lower case, Cyrillic look-alikes as Latin, runs of
 * white space as one space. Both sides of a comparison are folded, so Russian text still matches.
 */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replace(/[авеёкмнорстух]/g, (letter) => LOOK_ALIKES[letter] ?? letter)
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchQuery(text: string): SearchQuery {
  return { text: foldText(text) };
}

/** Whether a case's fields hold what the query asks for. */
export function matchesSearch(fields: SearchedFields, query: SearchQuery): boolean {
  if (!query.text) return true;
  return SEARCHED_FIELDS.some((field) => foldText(fields[field]).includes(query.text));
}

/**
 * Finding cases (docs/product.md, Finding cases): a search covers every case, open or not, by id,
 * order number, client, contact and summary text; a phone matches whatever way it is written.
 */
import type { Case } from './model';
import { normalizePhone, type PhoneCountry } from './phone';

/** The fields a search looks in. */
export type SearchedFields = Pick<Case, 'id' | 'orderNo' | 'client' | 'contact' | 'summary'>;

export const SEARCHED_FIELDS = ['id', 'orderNo', 'client', 'contact', 'summary'] as const satisfies ReadonlyArray<
  keyof SearchedFields
>;

/** What a person typed into the search box, prepared once for every case it is compared with. */
export interface SearchQuery {
  /** Folded (foldText); '' matches everything. */
  text: string;
  /** The digits of a phone number or part of one (`701 555`, `8 701 555 01 02`), else null. */
  digits: string | null;
  country: PhoneCountry;
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

/** Fewer digits than this are not looked for in phone numbers (a house number, a year). */
const MIN_PHONE_DIGITS = 5;

export function searchQuery(text: string, country: PhoneCountry = ''): SearchQuery {
  const typed = text.trim();
  const whole = normalizePhone(typed, country);
  const partial = /^\+?[\d\s().-]+$/.test(typed) ? typed.replace(/\D/g, '') : '';
  const digits = whole ? whole.slice(1) : partial.length >= MIN_PHONE_DIGITS ? partial : null;
  return { text: foldText(typed), digits, country };
}

/** The digits a contact is dialled with, in E.164 when it is a phone number. */
function contactDigits(contact: string, country: PhoneCountry): string {
  return (normalizePhone(contact, country) ?? contact).replace(/\D/g, '');
}

/** Whether a case's fields hold what the query asks for; a phone matches however it is written. */
export function matchesSearch(fields: SearchedFields, query: SearchQuery): boolean {
  if (!query.text) return true;
  if (SEARCHED_FIELDS.some((field) => foldText(fields[field]).includes(query.text))) return true;
  return query.digits !== null && contactDigits(fields.contact, query.country).includes(query.digits);
}

/** The key one client's cases share: the contact's E.164 number, or null when it is not a phone. */
export function phoneKey(contact: string, country: PhoneCountry): string | null {
  return normalizePhone(contact, country);
}

/** What a case is matched by: the same order number, or the same contact (a phone however written). */
export type MatchReason = 'order' | 'contact';

/** The fields a match is shown with (and found by). */
export const MATCH_FIELDS = [
  'id',
  'status',
  'criticality',
  'orderNo',
  'client',
  'contact',
  'summary',
  'createdAt',
] as const satisfies ReadonlyArray<keyof Case>;
export type MatchFields = Pick<Case, (typeof MATCH_FIELDS)[number]>;

/** An order number as its spellings share: folded, without spaces and dashes (`К 24872` is `K-24872`). */
export function orderKey(orderNo: string): string {
  return foldText(orderNo).replace(/[\s\-‐‑–—_./]+/g, '');
}

/** A contact as one client is known by: its E.164 number, else the folded text (an email). */
export function contactKey(contact: string, country: PhoneCountry): string {
  return phoneKey(contact, country) ?? foldText(contact);
}

/** What a new registration (or a case) is compared by. */
export interface MatchProbe {
  orderNo: string;
  contact: string;
}

/**
 * The cases that share the probe's order number or contact, each with what it shares, the
 * newest first (docs/product.md, Finding cases). Empty keys match nothing.
 */
export function findMatches<C extends MatchFields>(
  cases: readonly C[],
  probe: MatchProbe,
  country: PhoneCountry,
): Array<{ case: C; by: MatchReason[] }> {
  const order = orderKey(probe.orderNo);
  const contact = contactKey(probe.contact, country);
  return cases
    .map((c) => {
      const by: MatchReason[] = [];
      if (order && orderKey(c.orderNo) === order) by.push('order');
      if (contact && contactKey(c.contact, country) === contact) by.push('contact');
      return { case: c, by };
    })
    .filter((m) => m.by.length > 0)
    .sort((a, b) => b.case.createdAt - a.case.createdAt || b.case.id.localeCompare(a.case.id));
}

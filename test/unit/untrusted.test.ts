/**
 * Reading what arrives from outside without trusting its type, and quoting it back short and
 * clean (src/domain/untrusted.ts); naming a field in the person's language (field-label.ts).
 */
import fc from 'fast-check';
import { fieldLabel } from '../../src/domain/field-label';
import { excerpt, EXCERPT_LENGTH, recordOf, shown } from '../../src/domain/untrusted';

const SEED = 20261202;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom<unknown>(
    { toString: 1 },
    { valueOf: 1, toString: 1 },
    JSON.parse('{"__proto__":{"polluted":true}}'),
    Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    }),
    NaN,
    -0,
    Infinity,
    1e308,
    Symbol('s'),
    10n,
    () => 1,
  ),
);

describe('a value of any type, quoted', () => {
  test('never throws, is at most 60 characters, shows no invisible character and no "[object"', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const text = shown(value);
        expect(text.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
        expect(text).not.toMatch(INVISIBLE);
        expect(text).not.toContain('[object');
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('long text is cut with an ellipsis, never through an emoji', () => {
    expect(excerpt('x'.repeat(50_000))).toBe(`${'x'.repeat(59)}…`);
    expect(excerpt(`${'x'.repeat(58)}😀😀`)).toBe(`${'x'.repeat(58)}…`);
    expect(excerpt('a\u202Eb\u200Bc\nd')).toBe('a b c d');
    expect(shown(-0)).toBe('0');
    expect(shown({})).toBe('');
  });
});

describe('a payload as a record', () => {
  test('never throws; a plain object keeps its own fields and nothing from a prototype', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const record = recordOf(value);
        if (record === null) return;
        expect(Object.getPrototypeOf(record)).toBeNull();
        expect(Object.keys(record)).toEqual(Object.keys(value as object));
      }),
      { seed: SEED, numRuns: 500 },
    );
    const polluted = recordOf(JSON.parse('{"__proto__":{"polluted":true},"a":1}'));
    expect(polluted?.a).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(recordOf([1])).toBeNull();
    expect(
      recordOf(
        Object.defineProperty({}, 'x', {
          enumerable: true,
          get: () => {
            throw new Error('boom');
          },
        }),
      ),
    ).toBeNull();
  });
});

describe('a field’s name', () => {
  test('comes from the catalogs in both languages, or there is none', () => {
    expect(fieldLabel('orderNo', 'en')).toBe('Order number');
    expect(fieldLabel('to', 'ru')).toBe('Новый статус');
    expect(fieldLabel('team.2.email', 'ru')).toBe('Команда и роли › 3 › Email');
    expect(fieldLabel('sla.firstResponse.A', 'en')).toBe('Targets, business minutes › First response › A');
    expect(fieldLabel('templates.0.text', 'en')).toMatch(/ › 1 › /);
    for (const unknown of ['objectx', '__proto__', 'constructor', 'team.0.constructor', 'a] [conflict', '']) {
      expect(fieldLabel(unknown, 'ru')).toBeNull();
    }
  });
});

import fc from 'fast-check';
import { normalizePhone, phoneCountryOfZone, type PhoneCountry } from '../../src/domain/phone';
import { matchesSearch, searchQuery } from '../../src/domain/search';

const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
/** A national number as its country writes it after the trunk prefix: never starting with 0. */
const national = (n: number) =>
  fc.tuple(fc.constantFrom(...'123456789'.split('')), digits(n - 1)).map(([first, rest]) => first + rest);

/** `digits` with spaces, dashes, dots or brackets put in between, as people type them. */
function spaced(text: string, cuts: number[], separators: string[]): string {
  let out = '';
  [...text].forEach((ch, i) => {
    out += ch;
    if (i < text.length - 1 && cuts.includes(i)) out += separators[i % separators.length] ?? ' ';
  });
  return out;
}
const layout = fc.tuple(
  fc.array(fc.nat({ max: 14 }), { maxLength: 6 }),
  fc.array(fc.constantFrom(' ', '-', '.', ' - '), { minLength: 1, maxLength: 3 }),
);

describe('phones in E.164', () => {
  test.each([
    ['+7 701 555 01 02', 'KZ', '+77015550102'],
    ['+77015550102', 'KZ', '+77015550102'],
    ['8 701 555 0102', 'KZ', '+77015550102'],
    ['8 (701) 555-01-02', 'RU', '+77015550102'],
    ['7 701 555 01 02', 'KZ', '+77015550102'],
    ['701 555 01 02', 'KZ', '+77015550102'],
    ['8 812 555 12 34', 'RU', '+78125551234'],
    ['812 555 12 34', 'RU', '+78125551234'],
    ['067 123 45 67', 'UA', '+380671234567'],
    ['+380 67 123 45 67', 'UA', '+380671234567'],
    ['380671234567', 'UA', '+380671234567'],
    ['00 49 30 1234567', 'KZ', '+49301234567'],
    ['+49 30 1234567', '', '+49301234567'],
  ] as const)('%s (%s) is %s', (typed, country, e164) => {
    expect(normalizePhone(typed, country)).toBe(e164);
  });

  test.each([
    ['a national number with no country', '8 701 555 0102', ''],
    ['too few digits', '555-01-02', 'KZ'],
    ['+7 with a digit missing', '+7 701 555 010', 'KZ'],
    ['+380 with a digit too many', '+380 67 123 45 678', 'UA'],
    ['an email', 'client@example.com', 'KZ'],
    ['a Telegram name', '@saparova', 'KZ'],
    ['letters among the digits', '8 701 ABC 0102', 'KZ'],
    ['a Russian trunk prefix in Ukraine', '8 701 555 0102', 'UA'],
    ['nothing', '', 'KZ'],
  ] as const)('%s is not a phone: %s', (_, typed, country) => {
    expect(normalizePhone(typed, country)).toBeNull();
  });

  test('a +7 number is the same whichever way it is written, with whatever separators', () => {
    fc.assert(
      fc.property(national(10), fc.constantFrom<PhoneCountry>('KZ', 'RU'), layout, (n, country, [cuts, seps]) => {
        const e164 = `+7${n}`;
        for (const typed of [`+7${n}`, `8${n}`, `7${n}`, n, `+7 ${n}`, `8 (${n.slice(0, 3)}) ${n.slice(3)}`]) {
          expect(normalizePhone(spaced(typed, cuts, seps), country)).toBe(e164);
        }
      }),
    );
  });

  test('a Ukrainian number is the same with +380, 380, the trunk 0 or none', () => {
    fc.assert(
      fc.property(national(9), layout, (n, [cuts, seps]) => {
        for (const typed of [`+380${n}`, `380${n}`, `0${n}`, n]) {
          expect(normalizePhone(spaced(typed, cuts, seps), 'UA')).toBe(`+380${n}`);
        }
      }),
    );
  });

  test('the result is E.164, and normalising it again changes nothing, in any country', () => {
    const typed = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom('', '+', '00', '8', '0'), fc.nat({ max: 10 ** 15 })).map(([p, n]) => `${p}${n}`),
    );
    fc.assert(
      fc.property(typed, fc.constantFrom<PhoneCountry>('KZ', 'RU', 'UA', ''), (text, country) => {
        const once = normalizePhone(text, country);
        if (once === null) return;
        expect(once).toMatch(/^\+[1-9]\d{7,14}$/);
        for (const other of ['KZ', 'RU', 'UA', ''] as const) expect(normalizePhone(once, other)).toBe(once);
      }),
    );
  });

  test('text with a letter or an @ is never a phone', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a', 'Я', '@', '_'), fc.string(), (a, mark, b) => {
        expect(normalizePhone(`${a}${mark}${b}`, 'KZ')).toBeNull();
      }),
    );
  });

  test("a workbook's country follows its time zone", () => {
    expect(phoneCountryOfZone('Asia/Almaty')).toBe('KZ');
    expect(phoneCountryOfZone('Europe/Moscow')).toBe('RU');
    expect(phoneCountryOfZone('Europe/Kyiv')).toBe('UA');
    expect(phoneCountryOfZone('Europe/Berlin')).toBe('');
  });
});

describe('a search finds a phone however it is written', () => {
  const kase = { id: 'ARB-2026-00001', orderNo: 'K-1', client: 'А', contact: '+77015550102', summary: '' };
  test.each(['+7 701 555 01 02', '8 701 555 0102', '+77015550102', '701 555 01', '555-01-02'])('%s', (typed) => {
    expect(matchesSearch(kase, searchQuery(typed, 'KZ'))).toBe(true);
  });
  test('and a contact typed by hand in the sheet, too', () => {
    expect(matchesSearch({ ...kase, contact: '8 (701) 555-01-02' }, searchQuery('+77015550102', 'KZ'))).toBe(true);
  });
  test('not another number', () => {
    expect(matchesSearch(kase, searchQuery('+7 701 555 01 03', 'KZ'))).toBe(false);
  });
});

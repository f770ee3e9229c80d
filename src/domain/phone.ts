/**
 * Phone numbers as one client is known by (docs/product.md, Finding cases): `+7 701 555 01 02`,
 * `+77015550102` and `8 701 555 0102` are one number, written E.164 (`+77015550102`).
 *
 * A few rules for the countries we serve rather than a phone library: Kazakhstan and Russia
 * (+7, trunk prefix 8, ten national digits), Ukraine (+380, trunk prefix 0, nine national digits)
 * and any number written internationally (`+` or `00`, 8 to 15 digits). libphonenumber-js with its
 * smallest metadata would add about a third to the server bundle that every execution loads, to
 * know countries our clients do not call from.
 */

/** The countries whose national numbers are understood; '' understands international ones only. */
export const PHONE_COUNTRIES = ['KZ', 'RU', 'UA'] as const;
export type PhoneCountry = (typeof PHONE_COUNTRIES)[number] | '';

interface CountryRule {
  /** The country calling code. */
  code: string;
  /** The trunk prefix a national number is dialled with. */
  trunk: string;
  /** Digits of a national number without the trunk prefix. */
  national: number;
}

const RULES: Record<Exclude<PhoneCountry, ''>, CountryRule> = {
  KZ: { code: '7', trunk: '8', national: 10 },
  RU: { code: '7', trunk: '8', national: 10 },
  UA: { code: '380', trunk: '0', national: 9 },
};

/** Digits after a calling code whose national length we know. */
const NATIONAL_BY_CODE: ReadonlyArray<readonly [string, number]> = [
  ['380', 9],
  ['7', 10],
];

/** What a phone may be written with besides digits: spaces, dashes, dots, brackets. */
const PHONE_TEXT = /^\+?[\d\s().-]+$/;

/**
 * The number in E.164, or null when `text` is not a phone number we can read (an email, a
 * Telegram name, too few or too many digits, a national number with no country to place it in).
 */
export function normalizePhone(text: string, country: PhoneCountry): string | null {
  const typed = text.trim();
  if (!PHONE_TEXT.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  if (typed.startsWith('+')) return international(digits);
  if (digits.startsWith('00')) return international(digits.slice(2));
  if (!country) return null;
  const rule = RULES[country];
  if (digits.length === rule.national + rule.trunk.length && digits.startsWith(rule.trunk))
    return `+${rule.code}${digits.slice(rule.trunk.length)}`;
  if (digits.length === rule.national + rule.code.length && digits.startsWith(rule.code)) return `+${digits}`;
  if (digits.length === rule.national && !digits.startsWith('0')) return `+${rule.code}${digits}`;
  return null;
}

/** `digits` after a `+`: a known calling code must have its national length; any other 8–15 digits. */
function international(digits: string): string | null {
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
  const known = NATIONAL_BY_CODE.find(([code]) => digits.startsWith(code));
  if (known && digits.length !== known[0].length + known[1]) return null;
  return `+${digits}`;
}

/** Time zones of the countries whose numbers are understood: the default of a new workbook. */
const COUNTRY_OF_ZONE: ReadonlyArray<readonly [PhoneCountry, RegExp]> = [
  ['KZ', /^Asia\/(Almaty|Qyzylorda|Qostanay|Aqtobe|Aqtau|Atyrau|Oral)$/],
  ['UA', /^Europe\/(Kiev|Kyiv|Uzhgorod|Zaporozhye)$/],
  [
    'RU',
    /^(Europe\/(Moscow|Kaliningrad|Samara|Volgograd|Saratov|Ulyanovsk|Astrakhan|Kirov)|Asia\/(Yekaterinburg|Omsk|Novosibirsk|Barnaul|Tomsk|Novokuznetsk|Krasnoyarsk|Irkutsk|Chita|Yakutsk|Khandyga|Vladivostok|Ust-Nera|Magadan|Sakhalin|Srednekolymsk|Kamchatka|Anadyr))$/,
  ],
];

/** The default country of a workbook in `timeZone`: its country when we serve it, else none. */
export function phoneCountryOfZone(timeZone: string): PhoneCountry {
  return COUNTRY_OF_ZONE.find(([, zone]) => zone.test(timeZone))?.[0] ?? '';
}

export function isPhoneCountry(value: unknown): value is PhoneCountry {
  return value === '' || (PHONE_COUNTRIES as readonly unknown[]).includes(value);
}

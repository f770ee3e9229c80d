/**
 * What a spreadsheet locale changes in how Sheets reads typed text and shows values: the decimal
 * and grouping separators, the order of a short date, and the automatic date formats. Only the
 * locales the product is used in are listed; others fall back to their language, then en_US.
 */

export interface LocaleConventions {
  decimalSeparator: string;
  groupSeparator: string;
  /** How a short date is typed: day-month-year or month-day-year, and with which separator. */
  dateOrder: 'DMY' | 'MDY';
  dateSeparator: string;
  /** Sheets patterns of the automatic formats for a date and a date with a time of day. */
  dateFormat: string;
  dateTimeFormat: string;
  /** BCP 47 tag for month names. */
  language: string;
}

const NBSP = '\u00a0';

const RU: LocaleConventions = {
  decimalSeparator: ',',
  groupSeparator: NBSP,
  dateOrder: 'DMY',
  dateSeparator: '.',
  dateFormat: 'dd.mm.yyyy',
  dateTimeFormat: 'dd.mm.yyyy h:mm:ss',
  language: 'ru',
};

const EN_US: LocaleConventions = {
  decimalSeparator: '.',
  groupSeparator: ',',
  dateOrder: 'MDY',
  dateSeparator: '/',
  dateFormat: 'm/d/yyyy',
  dateTimeFormat: 'm/d/yyyy h:mm:ss',
  language: 'en',
};

const LOCALES: Record<string, LocaleConventions> = {
  ru_RU: RU,
  uk_UA: { ...RU, language: 'uk' },
  kk_KZ: { ...RU, language: 'kk' },
  de_DE: { ...RU, groupSeparator: '.', language: 'de' },
  en_US: EN_US,
  en_GB: {
    ...EN_US,
    dateOrder: 'DMY',
    dateFormat: 'dd/mm/yyyy',
    dateTimeFormat: 'dd/mm/yyyy h:mm:ss',
  },
};

export function localeConventions(locale: string): LocaleConventions {
  const exact = LOCALES[locale];
  if (exact) return exact;
  const language = locale.split(/[_-]/)[0];
  const sameLanguage = Object.entries(LOCALES).find(([name]) => name.split('_')[0] === language);
  return sameLanguage ? sameLanguage[1] : EN_US;
}

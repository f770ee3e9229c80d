/**
 * The interface speaks Russian and English. Catalogs are plain objects keyed by message id; the
 * English one is typed against the Russian one, so a missing translation is a compile error.
 */
import { en } from './en';
import { ru } from './ru';
import type { ZoneMessageKey } from './zones';

export type Lang = 'ru' | 'en';
/**
 * A message a DomainError may name: the catalogs' keys, and the zones of growth's server-only
 * refusals (zones.ts, rendered by the server's error text; the sidebar never bundles them).
 */
export type MessageKey = keyof typeof ru | ZoneMessageKey;
export type Catalog = Record<keyof typeof ru, string>;

const CATALOGS: Record<Lang, Catalog> = { ru, en };

/**
 * Languages whose speakers in our markets read Russian at work (Russia, Kazakhstan, Ukraine,
 * Belarus, Central Asia) get Russian; every other locale gets English.
 */
const RUSSIAN_READING = ['ru', 'uk', 'kk', 'be', 'ky', 'uz', 'tg', 'tk', 'hy', 'az', 'ka'];

/** 'ru_RU', 'ru-KZ', 'kk', 'en_US', '' → the interface language. */
export function languageOfLocale(locale: string | null | undefined): Lang {
  const primary = String(locale ?? '')
    .trim()
    .toLowerCase()
    .split(/[_-]/)[0];
  if (primary === 'en') return 'en';
  if (primary && RUSSIAN_READING.includes(primary)) return 'ru';
  return primary ? 'en' : 'ru';
}

/** The message in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return interpolate((CATALOGS[lang] as Record<string, string>)[key] ?? key, params);
}

/** `text` with its `{name}` placeholders filled from `params`; unknown ones stay as they are. */
export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** For keys built at run time (e.g. `field.${name}`): is there such a message? */
export function isMessageKey(key: string): key is keyof typeof ru {
  return Object.prototype.hasOwnProperty.call(CATALOGS.ru, key);
}

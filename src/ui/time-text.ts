/**
 * Times as the sidebar shows them: due times relative to now ("in 2 h 10 min", "overdue by
 * 1 day", "через 2 ч 10 мин", "просрочено на 2 дня") and moments in the workbook's time zone.
 * Pure (Intl only), so it is unit-tested in Node.
 */
import { t, type Lang } from '../domain/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type PluralForm = 'one' | 'few' | 'many';

/** Russian has three forms (1 день, 2 дня, 5 дней; 21 день, 22 дня, 11–14 дней); English two. */
export function pluralForm(n: number, lang: Lang): PluralForm {
  const abs = Math.abs(Math.trunc(n));
  if (lang === 'en') return abs === 1 ? 'one' : 'many';
  const last = abs % 10;
  const lastTwo = abs % 100;
  if (last === 1 && lastTwo !== 11) return 'one';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

/**
 * A span of time, as precise as a person needs it: minutes under an hour, hours and minutes
 * under a day, days and hours under a week, whole days after that.
 */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.abs(ms);
  const minutes = Math.round(total / MINUTE);
  const unit = (key: 'ui.unit.min' | 'ui.unit.h') => t(lang, key);
  if (minutes < 60) return `${Math.max(minutes, 1)} ${unit('ui.unit.min')}`;
  if (total < DAY) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m > 0 ? `${h} ${unit('ui.unit.h')} ${m} ${unit('ui.unit.min')}` : `${h} ${unit('ui.unit.h')}`;
  }
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const dayText = `${days} ${t(lang, `ui.unit.day.${pluralForm(days, lang)}`)}`;
  return days < 7 && hours > 0 ? `${dayText} ${hours} ${unit('ui.unit.h')}` : dayText;
}

export interface DueText {
  text: string;
  overdue: boolean;
}

/** "in 2 h 10 min" before the due time, "overdue by 1 day" after it, "now" within a minute. */
export function formatDue(dueIso: string, nowMs: number, lang: Lang): DueText {
  const diff = Date.parse(dueIso) - nowMs;
  if (!Number.isFinite(diff)) return { text: '', overdue: false };
  if (Math.abs(diff) < MINUTE) return { text: t(lang, 'ui.time.now'), overdue: false };
  const time = formatDuration(diff, lang);
  return diff > 0
    ? { text: t(lang, 'ui.time.in', { time }), overdue: false }
    : { text: t(lang, 'ui.time.overdueBy', { time }), overdue: true };
}

const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

/** "23 нояб., 12:00" / "23 Nov, 12:00" in the workbook's zone (the team's, not the browser's). */
export function formatMoment(iso: string, lang: Lang, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/** "25 нояб. 2026 г." / "25 Nov 2026" in the workbook's zone: a day, when the time does not matter. */
export function formatDay(iso: string, lang: Lang, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(
    date,
  );
}

/** The calendar date (YYYY-MM-DD) of a moment in a zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
    .formatToParts(new Date(ms))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Short weekday names, Sunday first (index 0, as in the business calendar). */
export function weekdayNames(lang: Lang): string[] {
  const format = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2023, 0, 1 + i))));
}

/**
 * Reading a moment as a clock on the wall in a time zone, with Intl formatters of the tests' own,
 * so the domain's zoned-time arithmetic is checked against something it does not share.
 */
const texts = new Map<string, Intl.DateTimeFormat>();
const weekdays = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** 'YYYY-MM-DD HH:mm:ss' in the zone (sv-SE formats ISO-like). */
export function localText(ms: number, timeZone: string): string {
  const format = cached(
    texts,
    timeZone,
    () =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  );
  return format.format(new Date(ms));
}

/** 'Mon' … 'Sun' in the zone. */
export function localWeekday(ms: number, timeZone: string): string {
  const format = cached(weekdays, timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }));
  return format.format(new Date(ms));
}

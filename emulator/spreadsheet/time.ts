/**
 * Dates as Sheets keeps them: serial numbers of days since 1899-12-30 on the wall clock of the
 * spreadsheet's time zone (Apps Script hands them to scripts as instants). Zone arithmetic is the
 * emulator's one helper (../core/timezone); this adds the serial numbers and a cache of zone
 * offsets, because formatting a column of dates asks for thousands of them.
 */
import { instantOf as zonedInstant, wallClock } from '../core/timezone';

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Sheets' day zero, 1899-12-30, as a UTC wall time. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Zone offsets change on quarter-hour boundaries at most, so one offset holds for a bucket. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
/** Enough for years of distinct timestamps; cleared wholesale past that to bound memory. */
const MAX_CACHED_OFFSETS = 100_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC (ms) at an instant. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const bucket = Math.floor(instantMs / OFFSET_BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = wallClock(bucket * OFFSET_BUCKET_MS, timeZone).offsetMinutes * MINUTE_MS;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function utcFields(ms: number): WallTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

export function wallTime(instantMs: number, timeZone: string): WallTime {
  return utcFields(instantMs + zoneOffsetMs(instantMs, timeZone));
}

/** The instant a wall-clock time in the zone denotes (zones shift by whole minutes). */
export function instantOf(wall: WallTime, timeZone: string): number {
  return zonedInstant(wall, timeZone) + wall.second * 1000 + wall.millisecond;
}

/** Sheets' serial number (days since 1899-12-30, fraction = time of day) of an instant. */
export function toSerial(instantMs: number, timeZone: string): number {
  return (instantMs + zoneOffsetMs(instantMs, timeZone) - SERIAL_EPOCH_MS) / DAY_MS;
}

export function fromSerial(serial: number, timeZone: string): number {
  return instantOf(serialWallTime(serial), timeZone);
}

/** The wall time a serial number stands for, with no zone involved (a number shown as a date). */
export function serialWallTime(serial: number): WallTime {
  return utcFields(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Java SimpleDateFormat patterns, as Utilities.formatDate takes them (Apps Script formats with
 * Java underneath, English names). https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 * and https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
 */
import { gasError, notModeled } from '../core/errors';
import { epochDay, wallClock, type WallClock } from '../core/timezone';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Every letter Java gives a meaning; any other ASCII letter outside quotes is an error there. */
const JAVA_PATTERN_LETTERS = new Set('GyYMLwWDdFEuaHkKhmsSzZX');

function pad(value: number, width: number): string {
  const digits = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${digits}` : digits;
}

/** Text fields: 4 or more letters is the full form, fewer the short one (Java's rule). */
function text(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

function offset(minutes: number, withColon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${withColon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/**
 * Java's `z`: the zone's short name. Intl knows names such as EST/EDT; where it only knows an
 * offset (it has none for Europe/Moscow, where Java says MSK) Java's own fallback form GMT+03:00
 * is used.
 */
function zoneName(ms: number, timeZone: string, minutes: number): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  } catch {
    // A GMT±hh:mm id: Intl does not know it, the offset form below is what Java prints.
  }
  return minutes === 0 ? 'GMT' : `GMT${offset(minutes, true)}`;
}

function field(letter: string, count: number, wall: WallClock, ms: number, timeZone: string): string {
  switch (letter) {
    case 'y':
      return count === 2 ? pad(wall.year % 100, 2) : pad(wall.year, count);
    case 'M':
    case 'L':
      return count >= 3 ? text(MONTHS[wall.month - 1]!, count) : pad(wall.month, count);
    case 'd':
      return pad(wall.day, count);
    case 'D':
      return pad(epochDay(wall.year, wall.month, wall.day) - epochDay(wall.year, 1, 1) + 1, count);
    case 'E':
      return text(WEEKDAYS[wall.weekday]!, count);
    case 'u':
      return pad(wall.weekday === 0 ? 7 : wall.weekday, count);
    case 'a':
      return wall.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(wall.hour, count);
    case 'k':
      return pad(wall.hour === 0 ? 24 : wall.hour, count);
    case 'K':
      return pad(wall.hour % 12, count);
    case 'h':
      return pad(wall.hour % 12 === 0 ? 12 : wall.hour % 12, count);
    case 'm':
      return pad(wall.minute, count);
    case 's':
      return pad(wall.second, count);
    case 'S':
      return pad(wall.millisecond, count);
    case 'Z':
      return offset(wall.offsetMinutes, false);
    case 'X':
      if (wall.offsetMinutes === 0) return 'Z';
      if (count === 1) return offset(wall.offsetMinutes, false).slice(0, 3);
      return offset(wall.offsetMinutes, count >= 3);
    case 'z':
      return zoneName(ms, timeZone, wall.offsetMinutes);
    default:
      // G, Y, w, W, F: valid in Java, not needed by Arbiter.
      return notModeled(`Utilities.formatDate pattern letter '${letter}'`);
  }
}

export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const wall = wallClock(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      // '' is a literal quote; 'text' is literal text, with '' inside it a quote as well.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i += 1;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] !== "'") break;
          out += "'";
          i += 2;
        } else {
          out += pattern[i];
          i += 1;
        }
      }
      if (i >= pattern.length) throw gasError(`Unterminated quote in date pattern: ${pattern}`);
      i += 1;
    } else if (/[A-Za-z]/.test(ch)) {
      if (!JAVA_PATTERN_LETTERS.has(ch)) throw gasError(`Illegal pattern character '${ch}'`);
      let count = 1;
      while (pattern[i + count] === ch) count += 1;
      out += field(ch, count, wall, ms, timeZone);
      i += count;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

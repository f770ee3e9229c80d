/**
 * Everything the emulated Apps Script project remembers between executions: the spreadsheet, the
 * property stores, the caches, the installed triggers, the mail sent, the add-on menu. It is plain
 * data (JSON plus `Date`s, see persist.ts) so it can be saved to and loaded from a file, copied,
 * and compared. Each section is read and written only by the fake that owns it.
 */
import { createSpreadsheetState, type NewSpreadsheetOptions, type SpreadsheetState } from './spreadsheet-state';

export type PropertyMap = Record<string, string>;

export interface PropertiesState {
  script: PropertyMap;
  document: PropertyMap;
  /** Per user email. */
  user: Record<string, PropertyMap>;
}

export interface CacheEntry {
  value: string;
  expiresAt: number;
}

export interface CacheState {
  script: Record<string, CacheEntry>;
  document: Record<string, CacheEntry>;
  user: Record<string, Record<string, CacheEntry>>;
}

export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

export interface TriggerState {
  id: string;
  handlerFunction: string;
  eventType: TriggerEventType;
  /** 'SPREADSHEETS' for spreadsheet triggers, 'CLOCK' for time-driven ones. */
  source: 'SPREADSHEETS' | 'CLOCK';
  /** The spreadsheet id for spreadsheet triggers (and add-on time triggers: one per document). */
  sourceId: string;
  /** Who installed it; the trigger runs as this user. */
  owner: string;
  /** Time-driven: the schedule. */
  clock?: ClockSchedule;
  /** Time-driven: the zone the schedule is read in (inTimezone, else the script's zone). */
  timeZone?: string;
  /** Time-driven: the next time it fires (ms since epoch). */
  nextRunAt?: number;
  createdAt: number;
}

export type ClockSchedule =
  | { kind: 'everyMinutes'; minutes: number }
  | { kind: 'everyHours'; hours: number }
  | { kind: 'everyDays'; days: number; atHour?: number; nearMinute?: number }
  | { kind: 'everyWeeks'; weeks: number; onWeekDay?: string; atHour?: number; nearMinute?: number }
  | { kind: 'onMonthDay'; day: number; atHour?: number; nearMinute?: number }
  | { kind: 'at'; at: number }
  | { kind: 'after'; ms: number };

export interface SentMail {
  id: string;
  sentAt: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  name?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  noReply?: boolean;
  /** Path of the .eml file written to the outbox folder, when the emulator keeps one. */
  emlFile?: string;
}

/**
 * A daily quota as Apps Script counts it: per user, from the first request, for 24 hours
 * ("Quotas are per user and reset 24 hours after the first request", the quotas page).
 */
export interface QuotaWindow {
  /** When the first request of the window was made (virtual ms). */
  startedAt: number;
  /** What the window has used: recipients for mail, milliseconds for trigger runtime. */
  used: number;
}

export interface MailState {
  sent: SentMail[];
  /** Recipients counted against the daily quota, per sending user. */
  quota: Record<string, QuotaWindow>;
  /** Fault injection for tests: once this many mails are sent, sendEmail ends the execution. */
  killAfterSent?: number;
}

export interface MenuItemSpec {
  caption: string;
  functionName?: string;
  separator?: boolean;
  subMenu?: MenuSpec;
}

export interface MenuSpec {
  caption: string;
  items: MenuItemSpec[];
}

export interface UiState {
  /** The add-on menu as last added to the UI (Extensions → Arbiter). */
  addonMenu: MenuSpec | null;
  /** Top-level custom menus added with Ui.createMenu(...).addToUi(). */
  menus: MenuSpec[];
}

/** A file or folder of the emulated Drive; read and written only by services/drive.ts. */
export interface DriveItem {
  id: string;
  kind: 'folder' | 'file';
  name: string;
  mimeType: string;
  /** null for an item in the owner's My Drive root. */
  parentId: string | null;
  owner: string;
  viewers: string[];
  editors: string[];
  /** Users for whom the script created the item: what drive.file lets it reach. */
  scriptUsers: string[];
  createdAt: number;
  updatedAt: number;
  trashed: boolean;
  size: number;
  /** The contents, base64, when the emulator keeps no driveDir. */
  base64?: string;
}

export interface DriveState {
  items: Record<string, DriveItem>;
}

export interface EmulatorState {
  format: 'arbiter-emulator/1';
  spreadsheet: SpreadsheetState;
  properties: PropertiesState;
  cache: CacheState;
  triggers: TriggerState[];
  mail: MailState;
  ui: UiState;
  /** DriveApp's files and folders; absent until something is stored (and in older saved states). */
  drive?: DriveState;
  /** Virtual time (ms since epoch) when the state was last saved, so a sandbox resumes there. */
  clockMs: number;
  /** Counter for ids the runtime hands out (triggers, mails, uuids are random-looking but seeded). */
  nextSerial: number;
  /** Installed triggers' total runtime counted against the daily quota, per trigger owner. */
  triggerRuntime?: Record<string, QuotaWindow>;
}

export const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The window in force at `now` for `user`: a new one when there is none or it ran out. */
export function quotaWindow(windows: Record<string, QuotaWindow>, user: string, now: number): QuotaWindow {
  const current = windows[user];
  if (current && now < current.startedAt + QUOTA_WINDOW_MS) return current;
  return { startedAt: now, used: 0 };
}

/** Counts `amount` against `user`'s window (opening one at `now` if none is in force). */
export function useQuota(windows: Record<string, QuotaWindow>, user: string, now: number, amount: number): void {
  const window = quotaWindow(windows, user, now);
  windows[user] = { startedAt: window.startedAt, used: window.used + amount };
}

export function createEmulatorState(options: NewSpreadsheetOptions & { now: number }): EmulatorState {
  return {
    format: 'arbiter-emulator/1',
    spreadsheet: createSpreadsheetState(options),
    properties: { script: {}, document: {}, user: {} },
    cache: { script: {}, document: {}, user: {} },
    triggers: [],
    mail: { sent: [], quota: {} },
    ui: { addonMenu: null, menus: [] },
    clockMs: options.now,
    nextSerial: 1,
  };
}

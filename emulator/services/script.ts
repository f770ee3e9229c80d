/**
 * ScriptApp: installable triggers kept in env.state.triggers, their builders and enums.
 * https://developers.google.com/apps-script/reference/script/script-app
 * Add-on rules (https://developers.google.com/workspace/add-ons/concepts/editor-triggers,
 * "Restrictions"): an add-on has at most one trigger of each type per user per document, and its
 * time-driven triggers run at most once an hour. Every project: 20 triggers per user
 * (https://developers.google.com/apps-script/guides/services/quotas).
 */
import { SCOPES, type ExecutionEnv, type Need } from '../core/env';
import { gasError } from '../core/errors';
import type { ClockSchedule, TriggerEventType, TriggerState } from '../core/state';
import {
  AuthorizationInfoStub,
  ClockTriggerBuilderStub,
  ScriptAppStub,
  SpreadsheetTriggerBuilderStub,
  TriggerBuilderStub,
  TriggerStub,
} from '../generated/stubs';
import {
  asEnum,
  AUTH_MODE,
  AUTHORIZATION_STATUS,
  EVENT_TYPE,
  isMember,
  TRIGGER_SOURCE,
  WEEKDAY,
  type WeekdayName,
} from '../core/enums';
import { scriptTimeZone } from './session';
import { NEEDS_NOTHING, signatureMismatch } from '../core/shared';
import { assertTimeZone, instantOf } from '../core/timezone';
import { firstRunAt } from './triggers';

const NEEDS_SCRIPT_APP: Need = { mode: 'FULL', scopes: SCOPES.scriptApp };
export const TRIGGERS_PER_USER_LIMIT = 20;
/** The emulated project's id (the real one is in .clasp.json, which the emulator does not read). */
export const EMULATOR_SCRIPT_ID = '1ArbiterEmulatorScriptId000000000000000000000000000000000';

const EVERY_MINUTES_VALUES = [1, 5, 10, 15, 30];
const EVERY_HOURS_VALUES = [1, 2, 4, 6, 8, 12];

/** A clock trigger also remembers the zone its hours are read in (inTimezone, else the script's). */
export type StoredTrigger = TriggerState;

/** How Apps Script names a trigger type in its add-on limit error. */
const TYPE_WORDING: Record<TriggerEventType, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form submit',
};

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Stores a new trigger after the per-user and add-on limits; the builders' common last step. */
function installTrigger(env: ExecutionEnv, trigger: Omit<StoredTrigger, 'id' | 'owner' | 'createdAt'>): FakeTrigger {
  const owner = env.effectiveUser;
  const mine = env.state.triggers.filter((t) => t.owner === owner);
  if (mine.length >= TRIGGERS_PER_USER_LIMIT) {
    throw gasError(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  if (env.config.isAddon && mine.some((t) => t.eventType === trigger.eventType && t.sourceId === trigger.sourceId)) {
    // The wording for time-based triggers is the real one; for the other types it follows it.
    throw gasError(
      `This add-on has created too many ${TYPE_WORDING[trigger.eventType]} triggers in this document for this Google user account.`,
    );
  }
  const stored: StoredTrigger = { ...trigger, id: String(env.serial()), owner, createdAt: env.clock.now() };
  env.state.triggers.push(stored);
  return new FakeTrigger(env, stored);
}

class FakeTrigger extends TriggerStub implements GoogleAppsScript.Script.Trigger {
  constructor(
    private readonly env: ExecutionEnv,
    readonly stored: TriggerState,
  ) {
    super();
  }

  override getHandlerFunction(): string {
    this.env.call('Trigger.getHandlerFunction', 'local', NEEDS_NOTHING);
    return this.stored.handlerFunction;
  }

  override getUniqueId(): string {
    this.env.call('Trigger.getUniqueId', 'local', NEEDS_NOTHING);
    return this.stored.id;
  }

  override getEventType(): GoogleAppsScript.Script.EventType {
    this.env.call('Trigger.getEventType', 'local', NEEDS_NOTHING);
    return asEnum(this.stored.eventType);
  }

  override getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.env.call('Trigger.getTriggerSource', 'local', NEEDS_NOTHING);
    return asEnum(this.stored.source);
  }

  /**
   * The spreadsheet id; "for clock events this returns null" (reference page of
   * getTriggerSourceId), which the typings' `string` does not admit.
   */
  override getTriggerSourceId(): string {
    this.env.call('Trigger.getTriggerSourceId', 'local', NEEDS_NOTHING);
    return (this.stored.source === 'CLOCK' ? null : this.stored.sourceId) as string;
  }
}

/** What a clock builder has been told; atDate becomes an `at` once the zone is known. */
type Frequency = ClockSchedule | { kind: 'atDate'; year: number; month: number; day: number };

class FakeClockTriggerBuilder extends ClockTriggerBuilderStub implements GoogleAppsScript.Script.ClockTriggerBuilder {
  /** The frequency or one-shot time chosen so far; the last call wins, as each call re-chooses it. */
  private frequency: Frequency | null = null;
  private hour: number | undefined;
  private minute: number | undefined;
  private weekDay: WeekdayName | undefined;
  private timeZone: string | undefined;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly handlerFunction: string,
  ) {
    super();
  }

  private local(member: string): this {
    this.env.call(`ClockTriggerBuilder.${member}`, 'local', NEEDS_NOTHING);
    return this;
  }

  override everyMinutes(n: unknown): this {
    this.local('everyMinutes');
    if (!EVERY_MINUTES_VALUES.includes(n as number)) {
      throw gasError('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
    }
    this.frequency = { kind: 'everyMinutes', minutes: n as number };
    return this;
  }

  override everyHours(n: unknown): this {
    this.local('everyHours');
    if (!EVERY_HOURS_VALUES.includes(n as number)) {
      // Worded after the everyMinutes error, whose text is the real one.
      throw gasError('The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.');
    }
    this.frequency = { kind: 'everyHours', hours: n as number };
    return this;
  }

  override everyDays(n: unknown): this {
    this.local('everyDays');
    if (!isInteger(n, 1, Infinity)) throw signatureMismatch('ClockTriggerBuilder.everyDays', [n]);
    this.frequency = { kind: 'everyDays', days: n };
    return this;
  }

  override everyWeeks(n: unknown): this {
    this.local('everyWeeks');
    if (!isInteger(n, 1, Infinity)) throw signatureMismatch('ClockTriggerBuilder.everyWeeks', [n]);
    this.frequency = { kind: 'everyWeeks', weeks: n };
    return this;
  }

  override onWeekDay(day: unknown): this {
    this.local('onWeekDay');
    if (!isMember(WEEKDAY, day)) throw signatureMismatch('ClockTriggerBuilder.onWeekDay', [day]);
    this.weekDay = day;
    return this;
  }

  override onMonthDay(day: unknown): this {
    this.local('onMonthDay');
    if (!isInteger(day, 1, 31)) throw gasError('The value you passed to onMonthDay was invalid. It must be 1 to 31.');
    this.frequency = { kind: 'onMonthDay', day };
    return this;
  }

  override atHour(hour: unknown): this {
    this.local('atHour');
    if (!isInteger(hour, 0, 23)) throw gasError('The value you passed to atHour was invalid. It must be 0 to 23.');
    this.hour = hour;
    return this;
  }

  override nearMinute(minute: unknown): this {
    this.local('nearMinute');
    if (!isInteger(minute, 0, 59))
      throw gasError('The value you passed to nearMinute was invalid. It must be 0 to 59.');
    this.minute = minute;
    return this;
  }

  override at(date: unknown): this {
    this.local('at');
    if (!(date instanceof Date) || Number.isNaN(date.getTime()))
      throw signatureMismatch('ClockTriggerBuilder.at', [date]);
    this.frequency = { kind: 'at', at: date.getTime() };
    return this;
  }

  /** "Fires on the given date, by default near midnight" — at midnight in the trigger's zone. */
  override atDate(year: unknown, month: unknown, day: unknown): this {
    this.local('atDate');
    if (!isInteger(year, 1970, 9999) || !isInteger(month, 1, 12) || !isInteger(day, 1, 31)) {
      throw signatureMismatch('ClockTriggerBuilder.atDate', [year, month, day]);
    }
    this.frequency = { kind: 'atDate', year, month, day };
    return this;
  }

  override after(durationMilliseconds: unknown): this {
    this.local('after');
    if (!isInteger(durationMilliseconds, 0, Number.MAX_SAFE_INTEGER)) {
      throw signatureMismatch('ClockTriggerBuilder.after', [durationMilliseconds]);
    }
    this.frequency = { kind: 'after', ms: durationMilliseconds };
    return this;
  }

  override inTimezone(timeZone: unknown): this {
    this.local('inTimezone');
    assertTimeZone(String(timeZone));
    this.timeZone = String(timeZone);
    return this;
  }

  /** The schedule the builder calls describe, in `timeZone`. */
  private schedule(timeZone: string): ClockSchedule {
    const frequency: Frequency | null = this.frequency ?? (this.weekDay ? { kind: 'everyWeeks', weeks: 1 } : null);
    if (!frequency) {
      throw gasError(
        'The trigger has no frequency: call everyMinutes, everyHours, everyDays, everyWeeks, ' +
          'onWeekDay, onMonthDay, at, atDate or after before create().',
      );
    }
    const timeOfDay = { atHour: this.hour, nearMinute: this.minute };
    switch (frequency.kind) {
      case 'everyDays':
      case 'onMonthDay':
        return { ...frequency, ...timeOfDay };
      case 'everyWeeks':
        return { ...frequency, ...timeOfDay, onWeekDay: this.weekDay };
      case 'atDate':
        return { kind: 'at', at: instantOf({ ...frequency, hour: 0, minute: 0 }, timeZone) };
      default:
        if (this.hour !== undefined || this.minute !== undefined || this.weekDay !== undefined) {
          throw gasError('atHour, nearMinute and onWeekDay need a daily, weekly or monthly frequency.');
        }
        return frequency;
    }
  }

  override create(): FakeTrigger {
    const { env } = this;
    env.call('ClockTriggerBuilder.create', 'local', NEEDS_SCRIPT_APP);
    const timeZone = this.timeZone ?? scriptTimeZone(env);
    const clock = this.schedule(timeZone);
    if (env.config.isAddon && clock.kind === 'everyMinutes') {
      throw gasError('Add-ons may not create time-based triggers to run more frequently than once per hour.');
    }
    const now = env.clock.now();
    return installTrigger(env, {
      handlerFunction: this.handlerFunction,
      eventType: 'CLOCK',
      source: 'CLOCK',
      // An add-on's clock trigger belongs to the document it was created in (one per document).
      sourceId: env.config.isAddon ? env.state.spreadsheet.id : '',
      clock,
      nextRunAt: firstRunAt(clock, now, timeZone),
      timeZone,
    });
  }
}

class FakeSpreadsheetTriggerBuilder
  extends SpreadsheetTriggerBuilderStub
  implements GoogleAppsScript.Script.SpreadsheetTriggerBuilder
{
  private eventType: Exclude<TriggerEventType, 'CLOCK'> | null = null;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly handlerFunction: string,
    private readonly spreadsheetId: string,
  ) {
    super();
  }

  private on(member: string, eventType: Exclude<TriggerEventType, 'CLOCK'>): this {
    this.env.call(`SpreadsheetTriggerBuilder.${member}`, 'local', NEEDS_NOTHING);
    this.eventType = eventType;
    return this;
  }

  override onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }

  override onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }

  override onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }

  override onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  override create(): FakeTrigger {
    const { env } = this;
    env.call('SpreadsheetTriggerBuilder.create', 'local', NEEDS_SCRIPT_APP);
    if (!this.eventType) {
      throw gasError('The trigger has no event: call onOpen, onEdit, onChange or onFormSubmit before create().');
    }
    if (env.config.isAddon && this.spreadsheetId !== env.state.spreadsheet.id) {
      throw gasError('Add-ons can only create triggers for the file in which the add-on is used.');
    }
    return installTrigger(env, {
      handlerFunction: this.handlerFunction,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
    });
  }
}

class FakeTriggerBuilder extends TriggerBuilderStub implements GoogleAppsScript.Script.TriggerBuilder {
  constructor(
    private readonly env: ExecutionEnv,
    private readonly handlerFunction: string,
  ) {
    super();
  }

  override timeBased(): FakeClockTriggerBuilder {
    this.env.call('TriggerBuilder.timeBased', 'local', NEEDS_NOTHING);
    return new FakeClockTriggerBuilder(this.env, this.handlerFunction);
  }

  /** Takes the Spreadsheet object or its id, as the real overloads do. */
  override forSpreadsheet(spreadsheet: unknown): FakeSpreadsheetTriggerBuilder {
    this.env.call('TriggerBuilder.forSpreadsheet', 'local', NEEDS_NOTHING);
    const id =
      typeof spreadsheet === 'string'
        ? spreadsheet
        : typeof (spreadsheet as { getId?: unknown } | null)?.getId === 'function'
          ? String((spreadsheet as { getId(): unknown }).getId())
          : null;
    if (!id) throw signatureMismatch('TriggerBuilder.forSpreadsheet', [spreadsheet]);
    return new FakeSpreadsheetTriggerBuilder(this.env, this.handlerFunction, id);
  }
}

class FakeAuthorizationInfo extends AuthorizationInfoStub implements GoogleAppsScript.Script.AuthorizationInfo {
  /**
   * The emulator does not model a user who has not yet granted the manifest's scopes: whoever
   * runs the script has authorized it, so no authorization is required and there is no URL.
   */
  override getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return asEnum(AUTHORIZATION_STATUS.NOT_REQUIRED);
  }

  /** "Returns null if no authorization is required" (the typings say `string`). */
  override getAuthorizationUrl(): string {
    return null as unknown as string;
  }
}

class FakeScriptApp extends ScriptAppStub implements GoogleAppsScript.Script.ScriptApp {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override get AuthMode(): typeof GoogleAppsScript.Script.AuthMode {
    return asEnum(AUTH_MODE);
  }

  override get AuthorizationStatus(): typeof GoogleAppsScript.Script.AuthorizationStatus {
    return asEnum(AUTHORIZATION_STATUS);
  }

  override get EventType(): typeof GoogleAppsScript.Script.EventType {
    return asEnum(EVENT_TYPE);
  }

  override get TriggerSource(): typeof GoogleAppsScript.Script.TriggerSource {
    return asEnum(TRIGGER_SOURCE);
  }

  override get WeekDay(): typeof GoogleAppsScript.Base.Weekday {
    return asEnum(WEEKDAY);
  }

  override newTrigger(functionName: unknown): FakeTriggerBuilder {
    this.env.call('ScriptApp.newTrigger', 'local', NEEDS_SCRIPT_APP);
    if (typeof functionName !== 'string' || functionName === '') {
      throw signatureMismatch('ScriptApp.newTrigger', [functionName]);
    }
    return new FakeTriggerBuilder(this.env, functionName);
  }

  /** "All installable triggers associated with the current project and current user." */
  override getProjectTriggers(): FakeTrigger[] {
    const { env } = this;
    env.call('ScriptApp.getProjectTriggers', 'local', NEEDS_SCRIPT_APP);
    return env.state.triggers.filter((t) => t.owner === env.effectiveUser).map((t) => new FakeTrigger(env, t));
  }

  /** This user's triggers in the given spreadsheet (an add-on's clock triggers included). */
  override getUserTriggers(spreadsheet: unknown): FakeTrigger[] {
    const { env } = this;
    env.call('ScriptApp.getUserTriggers', 'local', NEEDS_SCRIPT_APP);
    const getId = (spreadsheet as { getId?: unknown } | null)?.getId;
    if (typeof getId !== 'function') throw signatureMismatch('ScriptApp.getUserTriggers', [spreadsheet]);
    const id = String(getId.call(spreadsheet));
    return env.state.triggers
      .filter((t) => t.owner === env.effectiveUser && t.sourceId === id)
      .map((t) => new FakeTrigger(env, t));
  }

  /** Deleting a trigger that is already gone does nothing. */
  override deleteTrigger(trigger: unknown): void {
    const { env } = this;
    env.call('ScriptApp.deleteTrigger', 'local', NEEDS_SCRIPT_APP);
    if (!(trigger instanceof FakeTrigger)) throw signatureMismatch('ScriptApp.deleteTrigger', [trigger]);
    env.state.triggers = env.state.triggers.filter(
      (t) => !(t.id === trigger.stored.id && t.owner === env.effectiveUser),
    );
  }

  override getScriptId(): string {
    this.env.call('ScriptApp.getScriptId', 'local', NEEDS_NOTHING);
    return EMULATOR_SCRIPT_ID;
  }

  override getAuthorizationInfo(authMode: unknown): FakeAuthorizationInfo {
    this.env.call('ScriptApp.getAuthorizationInfo', 'local', NEEDS_NOTHING);
    if (!isMember(AUTH_MODE, authMode)) throw signatureMismatch('ScriptApp.getAuthorizationInfo', [authMode]);
    return new FakeAuthorizationInfo();
  }
}

export function createScriptApp(env: ExecutionEnv): GoogleAppsScript.Script.ScriptApp {
  return new FakeScriptApp(env);
}

/**
 * The emulated Apps Script project: one spreadsheet with its bound (add-on) script. It owns the
 * stored state, the virtual clock and the locks, runs executions of the built bundle, fires
 * installed triggers as the clock passes them, and turns a person's cell edit into onEdit.
 * Tests, the benchmark and the sandbox server all drive Arbiter through this class.
 */
import { existsSync } from 'node:fs';
import { VirtualClock } from './core/clock';
import {
  SCOPES,
  type AuthModeName,
  type ExecutionEnv,
  type ExecutionOutput,
  type LockTable,
  type UiResponder,
} from './core/env';
import { createExecutionEnv, createLockTable, firstButton } from './core/execution';
import type { MeterSnapshot } from './core/meter';
import { loadStateFile, saveStateFile } from './core/persist';
import { createEmulatorState, quotaWindow, useQuota, type EmulatorState, type TriggerState } from './core/state';
import { createGlobals } from './globals';
import { createScriptContext, ExecutionError, invoke, loadBundle, type Bundle } from './loader';
import { runInWorkers } from './parallel/owner';
import { SharedWallClock } from './parallel/protocol';
import { checkCallable, transportArguments, transportResult } from './script-run';
import { nextRunAfter, releaseExecutionLocks } from './services';
import { FakeUser } from './services/session';
import { columnToLetters, parseA1 } from './spreadsheet/a1';
import { deleteRowsAsUser, editCellAsUser } from './spreadsheet/view';
import type { NewSpreadsheetOptions } from './core/spreadsheet-state';

export interface EmulatorOptions {
  buildDir: string;
  /** Start from this state (a copy is not made: the emulator mutates it). */
  state?: EmulatorState;
  /** Load from / save to this file. When it does not exist, a new state is created. */
  stateFile?: string;
  /** Virtual time to start at, for a new state (default: 2026-11-23 10:00 Moscow, a Monday). */
  now?: Date;
  spreadsheet?: NewSpreadsheetOptions;
  outboxDir?: string;
  driveDir?: string;
  accountKind?: 'consumer' | 'workspace';
  /** The real-time limit of one execution, to stop runaway loops (not Apps Script's 6 minutes). */
  realTimeoutMs?: number;
  /**
   * How the script is deployed, which decides what an installed time-driven trigger sees.
   * 'bound' (default): a script bound to the spreadsheet (or a test deployment): the trigger runs
   * in the document's context, as every other execution does. 'addon': a published editor
   * add-on, where a time trigger has no containing document: getActiveSpreadsheet() is null,
   * and the document lock, document properties and document cache are null (docs/architecture.md,
   * The emulator). The add-on's rules on triggers (one of each type per user and document, at
   * most hourly) apply in both.
   */
  deployment?: 'bound' | 'addon';
}

/** What happens to the firings a clock move passes over. */
export interface AdvanceOptions {
  /**
   * 'each' (default): time passes with the scheduler running, and every firing happens at its
   * own moment (an hourly trigger fires once per hour passed). 'once': the clock jumps, as when
   * Apps Script's scheduler could not run the trigger: Apps Script does not replay the firings it
   * missed, so each trigger that came due fires once, at the moment the clock lands on.
   */
  missed?: 'each' | 'once';
}

export interface RunOptions {
  /** The active user's email ('' when Apps Script would not reveal it). */
  user?: string;
  locale?: string;
  authMode?: AuthModeName;
  /** Whose authority the script has (default: the user). */
  effectiveUser?: string;
  /** Builds the event object (the first argument) inside the execution, e.g. with a Range. */
  event?: (globals: Record<string, unknown>) => unknown;
  respond?: UiResponder;
  /** What started it, for the execution log. */
  trigger?: string;
  /** False: no containing document (a published add-on's time trigger). Default true. */
  documentContext?: boolean;
  /** False: the user lost edit access to the spreadsheet; every spreadsheet call fails. */
  editAccess?: boolean;
  /** The execution fails with this message before the function runs (a quota used up). */
  refusedWith?: string;
}

export interface ExecutionRecord {
  id: number;
  functionName: string;
  trigger: string;
  user: string;
  startedAt: number;
  ok: boolean;
  error?: string;
  meter: MeterSnapshot;
  /**
   * What a trigger's handler returned. Apps Script discards it; the emulator keeps it for a
   * trigger's executions so the sandbox's drawer can show what each firing did.
   */
  returned?: unknown;
}

export interface ExecutionResult<T = unknown> extends ExecutionRecord {
  value: T;
  output: ExecutionOutput;
}

/** Thrown by `run` when the function throws; carries what the execution showed and counted. */
export class FailedExecution extends ExecutionError {
  constructor(
    error: ExecutionError,
    readonly result: ExecutionResult<undefined>,
  ) {
    super(error.message, error.functionName, error.cause);
    this.name = 'FailedExecution';
  }
}

/** One execution of a parallel run: a function of the bundle, its arguments, who runs it. */
export interface ParallelCall {
  functionName: string;
  args?: unknown[];
  options?: RunOptions;
}

export interface ParallelOptions {
  /** Worker threads (default 4); each runs the next execution as soon as its last one ends. */
  workers?: number;
  /** Virtual milliseconds per real millisecond while the run lasts (default 1). */
  timeScale?: number;
  /**
   * False, for a test that must show it can see a race: LockService grants every lock at once
   * and excludes nobody. Default true.
   */
  lock?: boolean;
}

interface BegunExecution {
  id: number;
  functionName: string;
  email: string;
  env: ExecutionEnv;
  globals: Record<string, unknown>;
  startedAt: number;
}

export const DEFAULT_START = new Date('2026-11-23T07:00:00Z');

/** "Triggers total runtime": 90 minutes a day on a consumer account, 6 hours on Workspace (quotas page). */
export const DAILY_TRIGGER_RUNTIME_MS = { consumer: 90 * 60_000, workspace: 6 * 3_600_000 } as const;
export const TRIGGER_RUNTIME_EXCEEDED = 'Service using too much computer time for one day.';
const MAX_LOG = 500;

export class Emulator {
  readonly state: EmulatorState;
  readonly clock: VirtualClock;
  readonly locks: LockTable = createLockTable();
  readonly executions: ExecutionRecord[] = [];
  private bundle: Bundle;
  private nextExecutionId = 1;

  constructor(private readonly options: EmulatorOptions) {
    this.bundle = loadBundle(options.buildDir);
    if (options.state) this.state = options.state;
    else if (options.stateFile && existsSync(options.stateFile)) this.state = loadStateFile(options.stateFile);
    else this.state = createEmulatorState({ ...options.spreadsheet, now: (options.now ?? DEFAULT_START).getTime() });
    this.clock = new VirtualClock(this.state.clockMs);
  }

  /** Sets what `user`'s daily mail quota has used, in a window opening now (tests of a short quota). */
  setMailQuotaUsed(user: string, recipients: number): void {
    this.state.mail.quota[user] = { startedAt: this.clock.now(), used: recipients };
  }

  /** Reads the bundle again (after a rebuild); state is untouched. */
  reload(): void {
    this.bundle = loadBundle(this.options.buildDir);
  }

  get functionNames(): readonly string[] {
    return this.bundle.functionNames;
  }

  get manifest() {
    return this.bundle.manifest;
  }

  /** The manifest's time zone (Apps Script's default for triggers), else the spreadsheet's. */
  get scriptTimeZone(): string {
    return this.bundle.manifest.timeZone ?? this.state.spreadsheet.timeZone;
  }

  save(file = this.options.stateFile): void {
    if (!file) throw new Error('Emulator.save: no state file');
    this.state.clockMs = this.clock.now();
    saveStateFile(file, this.state);
  }

  /** Runs one execution; throws FailedExecution when the function throws. */
  run<T = unknown>(functionName: string, args: unknown[] = [], options: RunOptions = {}): ExecutionResult<T> {
    const result = this.execute(functionName, args, options);
    if (!result.ok) {
      throw new FailedExecution(new ExecutionError(result.error ?? 'failed', functionName), {
        ...result,
        value: undefined,
      });
    }
    return result as ExecutionResult<T>;
  }

  /** Runs one execution and reports failure in the result instead of throwing. */
  execute(functionName: string, args: unknown[] = [], options: RunOptions = {}): ExecutionResult {
    const begun = this.begin(functionName, options, this.clock);
    let value: unknown;
    let error: string | undefined;
    try {
      const callArgs = this.callArguments(begun, args, options);
      const context = createScriptContext({ clock: this.clock, globals: begun.globals });
      value = invoke(this.bundle, context, functionName, callArgs, this.options.realTimeoutMs);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    return this.finish(begun, options, value, error);
  }

  /** An execution's env and globals (the fakes), over `clock`. */
  private begin(functionName: string, options: RunOptions, clock: VirtualClock): BegunExecution {
    const id = this.nextExecutionId++;
    const email = options.user ?? this.state.spreadsheet.owner;
    const env = createExecutionEnv({
      id,
      functionName,
      state: this.state,
      clock,
      config: {
        buildDir: this.options.buildDir,
        outboxDir: this.options.outboxDir,
        driveDir: this.options.driveDir,
        accountKind: this.options.accountKind ?? 'consumer',
        isAddon: true,
      },
      user: { email, locale: options.locale ?? 'ru' },
      effectiveUser: options.effectiveUser ?? email,
      authMode: options.authMode ?? 'FULL',
      // A manifest without oauthScopes lets Apps Script infer them: then nothing is refused.
      scopes: this.bundle.manifest.oauthScopes ?? ALL_SCOPES,
      locks: this.locks,
      respond: options.respond ?? firstButton,
      documentContext: options.documentContext ?? true,
      editAccess: options.editAccess ?? true,
    });
    return { id, functionName, email, env, globals: createGlobals(env), startedAt: clock.now() };
  }

  /** The arguments of the call: the event object first when there is one; the meter starts here. */
  private callArguments(begun: BegunExecution, args: unknown[], options: RunOptions): unknown[] {
    const callArgs = options.event ? [options.event(begun.globals), ...args] : args;
    begun.env.meter.reset();
    if (options.refusedWith !== undefined) throw new Error(options.refusedWith);
    return callArgs;
  }

  /** Releases the execution's locks and records it. */
  private finish(begun: BegunExecution, options: RunOptions, value: unknown, error: string | undefined) {
    const { id, env } = begun;
    releaseExecutionLocks(this.locks, id);
    const record: ExecutionRecord = {
      id,
      functionName: begun.functionName,
      trigger: options.trigger ?? 'direct',
      user: begun.email,
      startedAt: begun.startedAt,
      ok: error === undefined,
      meter: env.meter.snapshot(),
      ...(error === undefined ? {} : { error }),
      ...(value !== undefined && /^[A-Z_]+ trigger /.test(options.trigger ?? '') ? { returned: value } : {}),
    };
    this.executions.push(record);
    if (this.executions.length > MAX_LOG) this.executions.splice(0, this.executions.length - MAX_LOG);
    return { ...record, value, output: env.output };
  }

  /**
   * The parallel mode (docs/architecture.md, The emulator): runs `calls` at the same time on up
   * to `workers` worker threads over this emulator's one state, each a full execution as `execute`
   * runs it (results in the order of `calls`, failures reported, not thrown). Service calls are
   * answered one at a time by this thread; LockService excludes for real and a wait for a lock is
   * a real wait. The virtual clock follows the wall clock during the run (scaled by `timeScale`)
   * and stays where the run ended. Time-driven triggers do not fire during it.
   */
  async runParallel(calls: readonly ParallelCall[], options: ParallelOptions = {}): Promise<ExecutionResult[]> {
    const clock = new SharedWallClock({
      virtualBase: this.clock.now(),
      realBase: Date.now(),
      scale: options.timeScale ?? 1,
    });
    const results: ExecutionResult[] = [];
    const begun = new Map<number, BegunExecution>();
    this.locks.off = options.lock === false;
    try {
      await runInWorkers({
        buildDir: this.options.buildDir,
        workers: options.workers ?? 4,
        clock: clock.spec,
        ...(this.options.realTimeoutMs === undefined ? {} : { timeoutMs: this.options.realTimeoutMs }),
        count: calls.length,
        start: (index) => {
          const call = calls[index] as ParallelCall;
          const execution = this.begin(call.functionName, call.options ?? {}, clock);
          begun.set(index, execution);
          try {
            const args = this.callArguments(execution, call.args ?? [], call.options ?? {});
            return { env: execution.env, globals: execution.globals, functionName: call.functionName, args };
          } catch (caught) {
            return { env: execution.env, error: caught instanceof Error ? caught.message : String(caught) };
          }
        },
        finish: (index, _env, outcome) => {
          const call = calls[index] as ParallelCall;
          results[index] = this.finish(
            begun.get(index) as BegunExecution,
            call.options ?? {},
            outcome.value,
            outcome.ok ? undefined : (outcome.error ?? 'failed'),
          );
        },
      });
    } finally {
      this.locks.off = false;
      this.clock.set(Math.max(this.clock.now(), clock.now()));
    }
    return results;
  }

  /**
   * A call from the sidebar through google.script.run: plain data in, plain data out (a result
   * holding a Date arrives as null), private names refused. Returns what the client's success
   * handler gets; throws what its failure handler gets.
   */
  scriptRun<T = unknown>(functionName: string, args: unknown[] = [], options: RunOptions = {}): T {
    checkCallable(functionName, this.bundle.functionNames);
    const result = this.run(functionName, transportArguments(args), { trigger: 'google.script.run', ...options });
    return transportResult(result.value) as T;
  }

  /**
   * Moves the virtual clock forward, firing every installed time-driven trigger whose time comes,
   * in time order, each at its own moment. Returns the executions it ran.
   */
  advanceClock(ms: number, options: AdvanceOptions = {}): ExecutionResult[] {
    return this.advanceTo(this.clock.now() + ms, options);
  }

  advanceTo(targetMs: number, options: AdvanceOptions = {}): ExecutionResult[] {
    if (options.missed === 'once') return this.jumpTo(targetMs);
    const ran: ExecutionResult[] = [];
    for (;;) {
      const due = this.state.triggers
        .filter((t) => t.eventType === 'CLOCK' && t.nextRunAt !== undefined && t.nextRunAt <= targetMs)
        .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0))[0];
      if (!due || due.nextRunAt === undefined) break;
      if (due.nextRunAt > this.clock.now()) this.clock.set(due.nextRunAt);
      ran.push(this.fireTrigger(due));
    }
    if (targetMs > this.clock.now()) this.clock.set(targetMs);
    return ran;
  }

  /** The clock jumps to `targetMs`; each time trigger that came due on the way fires once, there. */
  private jumpTo(targetMs: number): ExecutionResult[] {
    if (targetMs > this.clock.now()) this.clock.set(targetMs);
    return this.state.triggers
      .filter((t) => t.eventType === 'CLOCK' && t.nextRunAt !== undefined && t.nextRunAt <= targetMs)
      .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0))
      .map((t) => this.fireTrigger(t));
  }

  /** Runs an installed trigger now, with the event object Apps Script would pass. */
  fireTrigger(trigger: TriggerState, eventExtras: Record<string, unknown> = {}): ExecutionResult {
    if (trigger.eventType === 'CLOCK') {
      const firedAt = this.clock.now();
      trigger.nextRunAt =
        trigger.clock === undefined
          ? undefined
          : (nextRunAfter(trigger.clock, firedAt, trigger.timeZone ?? this.scriptTimeZone) ?? undefined);
      if (trigger.nextRunAt === undefined) this.state.triggers = this.state.triggers.filter((t) => t !== trigger);
    }
    // A time trigger runs with nobody looking: a sheet it inserts or activates does not change the
    // tab the people at the spreadsheet see (the active sheet is theirs, per session).
    const activeSheetId = this.state.spreadsheet.activeSheetId;
    const result = this.runInstalled(trigger, {
      trigger: `${trigger.eventType} trigger ${trigger.id}`,
      // A published add-on's time trigger runs outside its document (see EmulatorOptions.deployment).
      documentContext: !(trigger.eventType === 'CLOCK' && this.options.deployment === 'addon'),
      event: () => ({
        authMode: 'FULL',
        triggerUid: trigger.id,
        ...timeEvent(this.clock.date(), trigger),
        ...eventExtras,
      }),
    });
    if (this.state.spreadsheet.sheets.some((sheet) => sheet.id === activeSheetId)) {
      this.state.spreadsheet.activeSheetId = activeSheetId;
    }
    return result;
  }

  /**
   * An installed trigger's execution, as its creator, under what binds it: the creator's daily
   * "Triggers total runtime" quota (a firing once it is used up fails with Apps Script's message
   * and runs nothing; the emulator counts each run's modelled time, and a run that starts under
   * the quota finishes), and the creator's access to the spreadsheet (a creator who lost edit
   * access still has the trigger fire, and every spreadsheet call of it fails).
   */
  private runInstalled(trigger: TriggerState, options: RunOptions): ExecutionResult {
    const windows = (this.state.triggerRuntime ??= {});
    const startedAt = this.clock.now();
    const limit = DAILY_TRIGGER_RUNTIME_MS[this.options.accountKind ?? 'consumer'];
    const overQuota = quotaWindow(windows, trigger.owner, startedAt).used >= limit;
    const { owner, editors } = this.state.spreadsheet;
    const creator = trigger.owner.toLowerCase();
    const editAccess = [owner, ...editors].some((email) => email.toLowerCase() === creator);
    const result = this.execute(trigger.handlerFunction, [], {
      ...options,
      user: trigger.owner,
      authMode: 'FULL',
      editAccess,
      ...(overQuota && { refusedWith: TRIGGER_RUNTIME_EXCEEDED }),
    });
    if (!overQuota) useQuota(windows, trigger.owner, startedAt, result.meter.estimatedMs);
    return result;
  }

  /** Runs onOpen as Apps Script does when someone opens the spreadsheet (a simple trigger). */
  openDocument(user = this.state.spreadsheet.owner, authMode: AuthModeName = 'LIMITED'): ExecutionResult | null {
    if (!this.bundle.functionNames.includes('onOpen')) return null;
    return this.execute('onOpen', [], {
      user,
      authMode,
      trigger: 'onOpen (simple)',
      event: (globals) => ({ authMode, source: spreadsheetOf(globals), user: new FakeUser(user) }),
    });
  }

  /**
   * A person types `input` into a cell: the edit is applied as the Sheets UI would (validation
   * and protections apply to people), then every installed onEdit trigger of the document runs.
   */
  editCell(
    sheetName: string,
    a1: string,
    input: string,
    user = this.state.spreadsheet.owner,
  ): { edit: ReturnType<typeof editCellAsUser>; executions: ExecutionResult[] } {
    const edit = editCellAsUser(this.state, sheetName, a1, input, user, this.clock.now());
    const executions = this.fireEdit(sheetName, a1, user, { value: edit.value, oldValue: edit.oldValue });
    return { edit, executions };
  }

  /**
   * A person pastes a block of values starting at `topLeft` (one edit, as Sheets reports a
   * paste): each cell is applied as a person's edit, then onEdit runs once for the whole range,
   * without value or oldValue (Apps Script gives those for a single cell only).
   */
  pasteValues(
    sheetName: string,
    topLeft: string,
    values: string[][],
    user = this.state.spreadsheet.owner,
  ): ExecutionResult[] {
    const start = parseA1(topLeft)?.start;
    if (!start?.row || !start.column) throw new Error(`pasteValues: "${topLeft}" is not one cell`);
    const { row, column } = start;
    values.forEach((cells, i) =>
      cells.forEach((input, j) =>
        editCellAsUser(
          this.state,
          sheetName,
          `${columnToLetters(column + j)}${row + i}`,
          input,
          user,
          this.clock.now(),
        ),
      ),
    );
    const width = Math.max(...values.map((r) => r.length));
    const a1 = `${topLeft}:${columnToLetters(column + width - 1)}${row + values.length - 1}`;
    return this.fireEdit(sheetName, a1, user, {});
  }

  /**
   * A person deletes `count` rows from `row` on: the rows go, then every installed onChange
   * trigger of the document runs with changeType REMOVE_ROW (a change event has no range:
   * authMode, changeType, source, triggerUid, user). Edits' own change events (changeType EDIT)
   * are not fired by editCell and pasteValues.
   */
  deleteRows(sheetName: string, row: number, count = 1, user = this.state.spreadsheet.owner): ExecutionResult[] {
    deleteRowsAsUser(this.state, sheetName, row, count, user, this.clock.now());
    return this.state.triggers
      .filter((t) => t.eventType === 'ON_CHANGE' && t.sourceId === this.state.spreadsheet.id)
      .map((t) =>
        this.runInstalled(t, {
          trigger: `ON_CHANGE trigger ${t.id}`,
          event: (globals) => ({
            authMode: 'FULL',
            changeType: 'REMOVE_ROW',
            triggerUid: t.id,
            source: spreadsheetOf(globals),
            user: new FakeUser(user),
          }),
        }),
      );
  }

  /** Runs every installed onEdit trigger of the document for an edit of `a1`. */
  private fireEdit(
    sheetName: string,
    a1: string,
    user: string,
    values: { value?: string; oldValue?: string },
  ): ExecutionResult[] {
    return this.state.triggers
      .filter((t) => t.eventType === 'ON_EDIT' && t.sourceId === this.state.spreadsheet.id)
      .map((t) =>
        this.runInstalled(t, {
          trigger: `ON_EDIT trigger ${t.id}`,
          event: (globals) => {
            const source = spreadsheetOf(globals);
            const range = source.getSheetByName(sheetName)?.getRange(a1);
            return { authMode: 'FULL', triggerUid: t.id, source, range, user: new FakeUser(user), ...values };
          },
        }),
      );
  }
}

const ALL_SCOPES: string[] = Object.values(SCOPES).flat();

function spreadsheetOf(globals: Record<string, unknown>): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return (globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
}

/** The fields of a time-driven event object (Apps Script's "Time-driven events"). */
function timeEvent(at: Date, trigger: TriggerState): Record<string, unknown> {
  if (trigger.eventType !== 'CLOCK') return {};
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    'day-of-month': at.getUTCDate(),
    'day-of-week': at.getUTCDay() === 0 ? 7 : at.getUTCDay(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
    timezone: 'UTC',
  };
}

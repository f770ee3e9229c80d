/**
 * The sandbox behind `npm start`, without HTTP: one emulated spreadsheet with Arbiter bound to it,
 * kept in a folder (`.arbiter/` by default: workbook.json, outbox/, drive/), and everything a
 * person can do to it from the sandbox page — pick who they are, select and edit cells, open the
 * sidebar and call the server from it, move the clock, fire triggers — each saved at once. The
 * page's whole model comes from `snapshot`. server.ts puts this on the network.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createExecutionEnv } from '../core/execution';
import { Emulator, type ExecutionRecord } from '../runtime';
import { createSpreadsheetApp } from '../spreadsheet';
import { columnToLetters } from '../spreadsheet/a1';
import { listSheets, sheetView, type CellView } from '../spreadsheet/view';
import type { ClockSchedule, SentMail, TriggerState } from '../core/state';
import { DEMO_SPREADSHEET, DEMO_START, seedDemo } from './demo';
import {
  decodeArguments,
  type ActionResponse,
  type EditResponse,
  type ExecutionView,
  type GridCell,
  type GridView,
  type MenuResponse,
  type MailView,
  type SandboxSnapshot,
  type ScriptRunRequest,
  type ScriptRunResponse,
  type ToastView,
  type TriggerView,
  type UserOption,
} from './protocol';

export interface SandboxOptions {
  /** The built add-on (build/). */
  buildDir: string;
  /** Where the sandbox keeps its workbook, outbox and Drive files (`.arbiter/`). */
  dataDir: string;
  /** Forget the saved workbook and start over with the demo. */
  fresh?: boolean;
  /**
   * How fast virtual time follows the wall clock: 1 = in step with it (the default for `npm
   * start`), 0 = it moves only when someone advances it (tests).
   */
  clockRate?: number;
  /** Builds a new workbook (default: the demo, which the page then labels as demo data). */
  seed?: (emulator: Emulator) => void;
  /** For a custom seed: the new spreadsheet and the time the workbook starts at. */
  spreadsheet?: typeof DEMO_SPREADSHEET;
  start?: number;
}

interface SandboxMeta {
  demo: boolean;
  createdAt: string;
}

interface RenderedHtml {
  html: string;
  title: string;
  user: string;
}

/** Executions the sandbox itself runs to read the team; they are not shown in the log. */
const INTERNAL_TRIGGER = 'sandbox (team list)';
const MAX_ROWS_SHOWN = 2000;
const MAX_EXECUTIONS_SHOWN = 200;
const MAX_SIDEBARS_KEPT = 20;
const MAX_TOASTS_KEPT = 5;

export class Sandbox {
  readonly emulator: Emulator;
  readonly meta: SandboxMeta;
  readonly stateFile: string;
  readonly outboxDir: string;
  readonly driveDir: string;
  /** Goes up on every change a page should redraw for. */
  revision = 1;
  private readonly listeners = new Set<(revision: number) => void>();
  private readonly rendered = new Map<string, RenderedHtml>();
  private readonly toasts: ToastView[] = [];
  private nextToastId = 1;
  private readonly clockRate: number;
  private lastTickWallMs = Date.now();
  private teamCache: { revision: number; users: UserOption[] } | null = null;

  constructor(private readonly options: SandboxOptions) {
    const { dataDir } = options;
    this.stateFile = path.join(dataDir, 'workbook.json');
    this.outboxDir = path.join(dataDir, 'outbox');
    this.driveDir = path.join(dataDir, 'drive');
    const metaFile = path.join(dataDir, 'sandbox.json');
    this.clockRate = options.clockRate ?? 1;
    if (options.fresh) {
      // Only what the sandbox itself writes; anything else a person put in the folder stays.
      for (const target of [this.stateFile, metaFile, this.outboxDir, this.driveDir]) {
        rmSync(target, { recursive: true, force: true });
      }
    }
    mkdirSync(dataDir, { recursive: true });
    const resuming = existsSync(this.stateFile);
    this.emulator = new Emulator({
      buildDir: options.buildDir,
      stateFile: this.stateFile,
      outboxDir: this.outboxDir,
      driveDir: this.driveDir,
      spreadsheet: options.spreadsheet ?? DEMO_SPREADSHEET,
      now: new Date(options.start ?? DEMO_START),
    });
    if (resuming) {
      this.meta = existsSync(metaFile)
        ? (JSON.parse(readFileSync(metaFile, 'utf8')) as SandboxMeta)
        : { demo: false, createdAt: '' };
      // Sheets runs onOpen whenever someone opens the spreadsheet: the add-on menu comes from it.
      this.emulator.openDocument();
    } else {
      const seed = options.seed ?? ((emulator: Emulator) => void seedDemo(emulator));
      try {
        seed(this.emulator);
      } catch (error) {
        // The demo goes through the add-on's API: when the API changes, this is where it shows.
        throw new Error(
          `Could not build the ${options.seed ? '' : 'demo '}workbook (emulator/sandbox/demo.ts): ${errorMessage(error)}`,
          { cause: error },
        );
      }
      this.meta = { demo: options.seed === undefined, createdAt: new Date().toISOString() };
      writeFileSync(metaFile, JSON.stringify(this.meta, null, 1));
    }
    this.emulator.save();
  }

  get owner(): string {
    return this.emulator.state.spreadsheet.owner;
  }

  get lang(): 'ru' | 'en' {
    return this.emulator.state.spreadsheet.locale.toLowerCase().startsWith('en') ? 'en' : 'ru';
  }

  /** Called with the new revision after every change. Returns the unsubscribe function. */
  onChange(listener: (revision: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the workbook and tells the pages. */
  private changed(): void {
    this.emulator.save();
    this.revision += 1;
    for (const listener of this.listeners) listener(this.revision);
  }

  // ----- What a person does -------------------------------------------------------------------

  /** A google.script.run call from the sidebar, as `user`: the result or the error the client sees. */
  scriptRun(request: ScriptRunRequest): ScriptRunResponse {
    try {
      const args = decodeArguments(request.args);
      const value = this.emulator.scriptRun(request.functionName, args, {
        user: request.user,
        locale: this.lang,
      });
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      // Apps Script hands the failure handler an Error named ScriptError with the server's message.
      return { ok: false, error: { name: 'ScriptError', message: errorMessage(error) } };
    } finally {
      this.changed();
    }
  }

  /**
   * A menu item (Extensions → Arbiter → …) as `user`. What the function shows — a sidebar, a
   * dialog — is kept to be served at the returned path; its toasts go to the page.
   */
  runMenuItem(user: string, functionName: string): MenuResponse {
    if (!this.emulator.functionNames.includes(functionName) || functionName.endsWith('_')) {
      return { ok: false, error: `Script function not found: ${functionName}` };
    }
    const result = this.emulator.execute(functionName, [], { user, locale: this.lang, trigger: 'menu' });
    for (const toast of result.output.toasts) this.pushToast(toast.title, toast.message);
    for (const alert of result.output.alerts) this.pushToast(alert.title, alert.prompt);
    const page = result.output.shown[result.output.shown.length - 1];
    let shown: MenuResponse['shown'];
    if (page) {
      const token = randomUUID();
      this.rendered.set(token, { html: page.html, title: page.title, user });
      while (this.rendered.size > MAX_SIDEBARS_KEPT) this.rendered.delete(this.rendered.keys().next().value as string);
      shown = { kind: page.kind, path: `/ui/${token}`, title: page.title, width: page.width, height: page.height };
    }
    this.changed();
    return result.ok ? { ok: true, ...(shown && { shown }) } : { ok: false, error: result.error };
  }

  /** The HTML a menu item showed, by the token in its path. */
  renderedHtml(token: string): RenderedHtml | undefined {
    return this.rendered.get(token);
  }

  /** The person clicks a tab, or a cell (or selects a range) on it. */
  select(user: string, sheetName: string, a1?: string): ActionResponse {
    try {
      const env = createExecutionEnv({
        state: this.emulator.state,
        clock: this.emulator.clock,
        user: { email: user },
      });
      const ss = createSpreadsheetApp(env).getActiveSpreadsheet();
      const sheet = ss.getSheetByName(sheetName);
      if (!sheet) return { ok: false, error: `There is no sheet named "${sheetName}".` };
      if (a1) sheet.getRange(a1).activate();
      else ss.setActiveSheet(sheet);
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
    // A selection changes nothing a page draws from the server, so no new revision; it is saved
    // because apiBootstrap reads it (the sidebar opens the selected case).
    this.emulator.save();
    return { ok: true };
  }

  /** The person types into a cell; installed onEdit triggers run. */
  editCell(user: string, sheetName: string, a1: string, input: string): EditResponse {
    try {
      const { edit, executions } = this.emulator.editCell(sheetName, a1, input, user);
      const failures = executions.filter((e) => !e.ok).map((e) => `${e.functionName}: ${e.error ?? ''}`);
      return {
        ok: true,
        ...(edit.warning && { warning: edit.warning }),
        ...(failures.length > 0 && { failures }),
      };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    } finally {
      this.changed();
    }
  }

  /**
   * Jumps the virtual clock forward (the page's "+1 hour" / "+1 day"): as when Apps Script's
   * scheduler missed firings, each time trigger that came due fires once, where the clock lands.
   */
  advanceClock(ms: number): ActionResponse {
    if (!Number.isFinite(ms) || ms < 0 || ms > 366 * 86_400_000) {
      return { ok: false, error: 'The clock moves forward by up to a year at a time.' };
    }
    const ran = this.emulator.advanceClock(ms, { missed: 'once' });
    this.lastTickWallMs = Date.now();
    this.changed();
    return { ok: true, ran: ran.length };
  }

  fireTrigger(id: string): ActionResponse {
    const trigger = this.emulator.state.triggers.find((t) => t.id === id);
    if (!trigger) return { ok: false, error: `No installed trigger ${id}` };
    if (trigger.eventType !== 'CLOCK') return { ok: false, error: 'Only time-driven triggers can be fired by hand.' };
    const result = this.emulator.fireTrigger(trigger);
    this.changed();
    return result.ok ? { ok: true, ran: 1 } : { ok: false, ran: 1, error: result.error };
  }

  /**
   * The local scheduler's heartbeat: virtual time follows the wall clock (at `clockRate`), and
   * installed time triggers fire as it passes them. A page is told when a trigger ran or the
   * minute it shows changed.
   */
  tick(wallNow = Date.now()): number {
    const elapsed = Math.max(0, wallNow - this.lastTickWallMs);
    this.lastTickWallMs = wallNow;
    if (this.clockRate <= 0 || elapsed === 0) return 0;
    const before = Math.floor(this.emulator.clock.now() / 60_000);
    const ran = this.emulator.advanceClock(elapsed * this.clockRate);
    if (ran.length > 0) this.changed();
    else if (Math.floor(this.emulator.clock.now() / 60_000) !== before) {
      this.revision += 1;
      for (const listener of this.listeners) listener(this.revision);
    }
    return ran.length;
  }

  /** Saves the workbook as it is now (the clock included). */
  save(): void {
    this.emulator.save();
  }

  // ----- What the page shows ------------------------------------------------------------------

  snapshot(user: string): SandboxSnapshot {
    const state = this.emulator.state;
    const { spreadsheet } = state;
    const timeZone = spreadsheet.timeZone;
    const sheets = listSheets(state);
    const active = sheets.find((s) => s.active) ?? sheets[0];
    const activeSheet = spreadsheet.sheets.find((s) => s.id === active?.sheetId);
    const range = activeSheet?.activeRange;
    const users = this.users();
    const menu = state.ui.addonMenu;
    return {
      revision: this.revision,
      spreadsheet: { name: spreadsheet.name, locale: spreadsheet.locale, timeZone, lang: this.lang },
      demo: this.meta.demo,
      clock: {
        nowMs: this.emulator.clock.now(),
        nowText: formatTime(this.emulator.clock.now(), timeZone, this.lang, true),
        timeZone,
        running: this.clockRate > 0,
      },
      user: users.some((u) => u.email === user) ? user : (users[0]?.email ?? this.owner),
      users,
      menu: menu
        ? {
            caption: menu.caption,
            items: menu.items
              .filter((item) => item.functionName && !item.separator)
              .map((item) => ({ caption: item.caption, functionName: item.functionName as string })),
          }
        : null,
      sheets: sheets.map((s) => ({ name: s.name, active: s === active, hidden: s.hidden, tabColor: s.tabColor })),
      grid: active ? this.grid(active.name, user) : emptyGrid(),
      selection: active && range ? { sheet: active.name, a1: rectA1(range) } : null,
      triggers: state.triggers.map((t) => this.triggerView(t)),
      outbox: state.mail.sent
        .slice()
        .reverse()
        .map((m) => this.mailView(m)),
      executions: this.emulator.executions
        .filter((e) => e.trigger !== INTERNAL_TRIGGER)
        .slice(-MAX_EXECUTIONS_SHOWN)
        .reverse()
        .map((e) => this.executionView(e)),
      toasts: [...this.toasts],
    };
  }

  /** The team from Settings (read as Arbiter reads it), so the page can act as anyone in it. */
  users(): UserOption[] {
    if (this.teamCache?.revision === this.revision) return this.teamCache.users;
    let users: UserOption[] = [];
    const result = this.emulator.execute('apiBootstrap', [], { user: this.owner, trigger: INTERNAL_TRIGGER });
    if (result.ok) {
      const boot = result.value as {
        settings: { team: Array<{ email: string; name: string; role: string }> };
        enums: { roles: Array<{ code: string; label: string }> };
      };
      const label = new Map(boot.enums.roles.map((r) => [r.code, r.label]));
      users = boot.settings.team.map((m) => ({
        email: m.email,
        name: m.name,
        role: m.role,
        roleLabel: label.get(m.role) ?? m.role,
      }));
    }
    if (!users.some((u) => u.email === this.owner)) {
      users.unshift({ email: this.owner, name: '', role: 'owner-of-file', roleLabel: '' });
    }
    this.teamCache = { revision: this.revision, users };
    return users;
  }

  private grid(sheetName: string, user: string): GridView {
    const probe = sheetView(this.emulator.state, sheetName, { maxRows: 0, user, now: this.emulator.clock.now() });
    const rowsShown = Math.min(probe.lastRow + 10, MAX_ROWS_SHOWN, probe.maxRows);
    const view = sheetView(this.emulator.state, sheetName, {
      maxRows: Math.max(rowsShown, Math.min(probe.maxRows, 30)),
      user,
      now: this.emulator.clock.now(),
    });
    const columnsShown = Math.min(view.maxColumns, Math.max(view.lastColumn + 2, 26));
    const protections = this.emulator.state.spreadsheet.sheets.find((s) => s.name === sheetName)?.protections ?? [];
    const protectionAt = (row: number, column: number) =>
      protections.find((p) =>
        p.type === 'RANGE'
          ? p.rect !== undefined && inRect(p.rect, row, column)
          : !p.unprotected.some((hole) => inRect(hole, row, column)),
      );
    return {
      name: view.name,
      frozenRows: view.frozenRows,
      frozenColumns: view.frozenColumns,
      maxRows: view.maxRows,
      maxColumns: view.maxColumns,
      lastRow: view.lastRow,
      lastColumn: view.lastColumn,
      columns: view.columns.slice(0, columnsShown).map((c) => ({ letter: c.letter, width: c.width })),
      rows: view.rows.map((r) => ({
        row: r.row,
        cells: r.cells.slice(0, columnsShown).map((cell, i) => {
          const out = gridCell(cell);
          const protection = protectionAt(r.row, i + 1);
          // A protection that only warns is marked where there is content, not down 1,000 empty rows.
          if (protection && (cell.protected || r.row <= Math.max(view.lastRow, view.frozenRows))) {
            out.protected = cell.protected ? 'locked' : 'warning';
            if (protection.description) out.protection = protection.description;
          }
          return out;
        }),
      })),
      hiddenRows: Math.max(0, view.lastRow - view.rows.length),
    };
  }

  private triggerView(t: TriggerState): TriggerView {
    const zone = t.timeZone ?? this.emulator.scriptTimeZone;
    return {
      id: t.id,
      handlerFunction: t.handlerFunction,
      eventType: t.eventType,
      schedule: describeTrigger(t, this.lang, zone),
      owner: t.owner,
      nextRunText: t.nextRunAt === undefined ? null : formatTime(t.nextRunAt, zone, this.lang, true),
      canFire: t.eventType === 'CLOCK',
    };
  }

  private mailView(m: SentMail): MailView {
    const [, domain = 'localhost'] = m.from.split('@');
    const emlName = m.emlFile ? path.basename(m.emlFile) : null;
    return {
      id: m.id,
      sentAtText: formatTime(m.sentAt, this.emulator.state.spreadsheet.timeZone, this.lang, true),
      // What the recipient sees: a no-reply mail comes from the domain's no-reply address, Bcc is hidden.
      from: m.noReply ? `noreply@${domain}` : m.from,
      fromName: m.name ?? '',
      to: m.to,
      cc: m.cc,
      replyTo: m.replyTo ?? null,
      subject: m.subject,
      isHtml: m.htmlBody !== undefined,
      bodyUrl: `/mail/${encodeURIComponent(m.id)}`,
      emlUrl:
        emlName && existsSync(path.join(this.outboxDir, emlName)) ? `/outbox/${encodeURIComponent(emlName)}` : null,
    };
  }

  mail(id: string): SentMail | undefined {
    return this.emulator.state.mail.sent.find((m) => m.id === id);
  }

  private executionView(e: ExecutionRecord): ExecutionView {
    return {
      id: e.id,
      functionName: e.functionName,
      trigger: e.trigger,
      user: e.user,
      startedAtText: formatTime(e.startedAt, this.emulator.state.spreadsheet.timeZone, this.lang, true),
      ok: e.ok,
      error: e.error ?? null,
      calls: e.meter.totalCalls,
      cellsRead: e.meter.cellsRead,
      cellsWritten: e.meter.cellsWritten,
      emailsSent: e.meter.emailsSent,
      estimatedMs: e.meter.estimatedMs,
      jobs: jobLines(e.returned),
    };
  }

  private pushToast(title: string, message: string): void {
    this.toasts.push({ id: this.nextToastId++, title, message });
    if (this.toasts.length > MAX_TOASTS_KEPT) this.toasts.shift();
  }
}

/**
 * What a firing of Arbiter's schedule did, from what runScheduled returned (its DispatchReport:
 * `ran`, one entry per job, or `skipped`). Read loosely: it is the bundle's output.
 */
function jobLines(returned: unknown): string[] {
  const report = returned as { ran?: unknown; skipped?: unknown } | null | undefined;
  if (!report || typeof report !== 'object') return [];
  if (typeof report.skipped === 'string') return [`(${report.skipped})`];
  if (!Array.isArray(report.ran)) return [];
  return report.ran.map((run: { job?: unknown; period?: unknown; summary?: unknown; complete?: unknown }) => {
    const mark = run.complete === false ? '✗' : '✓';
    return `${mark} ${String(run.job)} ${String(run.period)}: ${String(run.summary)}`;
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function gridCell(cell: CellView): GridCell {
  const out: GridCell = { display: cell.display };
  if (cell.formula) out.formula = cell.formula;
  if (cell.background) out.background = cell.background;
  if (cell.fontColor) out.fontColor = cell.fontColor;
  if (cell.bold) out.bold = true;
  if (cell.italic) out.italic = true;
  if (cell.note) out.note = cell.note;
  if (cell.validationList) out.validationList = cell.validationList;
  if (cell.checkbox) {
    out.checkbox = true;
    out.checked = cell.value === true;
  }
  if (cell.error) out.error = cell.error;
  if (typeof cell.value === 'number' || cell.value instanceof Date) out.alignRight = true;
  return out;
}

function inRect(rect: { top: number; left: number; bottom: number; right: number }, row: number, column: number) {
  return row >= rect.top && row <= rect.bottom && column >= rect.left && column <= rect.right;
}

function emptyGrid(): GridView {
  return {
    name: '',
    frozenRows: 0,
    frozenColumns: 0,
    maxRows: 0,
    maxColumns: 0,
    lastRow: 0,
    lastColumn: 0,
    columns: [],
    rows: [],
    hiddenRows: 0,
  };
}

function rectA1(rect: { top: number; left: number; bottom: number; right: number }): string {
  const start = `${columnToLetters(rect.left)}${rect.top}`;
  return rect.top === rect.bottom && rect.left === rect.right
    ? start
    : `${start}:${columnToLetters(rect.right)}${rect.bottom}`;
}

/** "пн, 23 ноября 2026 г., 11:40" in the workbook's zone. */
export function formatTime(ms: number, timeZone: string, lang: 'ru' | 'en', withWeekday = false): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', {
    timeZone,
    ...(withWeekday && { weekday: 'short' }),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
}

const WEEKDAYS_RU: Record<string, string> = {
  MONDAY: 'по понедельникам',
  TUESDAY: 'по вторникам',
  WEDNESDAY: 'по средам',
  THURSDAY: 'по четвергам',
  FRIDAY: 'по пятницам',
  SATURDAY: 'по субботам',
  SUNDAY: 'по воскресеньям',
};

/** When a trigger runs, as a person would say it. */
export function describeTrigger(t: TriggerState, lang: 'ru' | 'en', timeZone: string): string {
  const ru = lang === 'ru';
  switch (t.eventType) {
    case 'ON_EDIT':
      return ru ? 'при изменении ячейки' : 'when a cell is edited';
    case 'ON_OPEN':
      return ru ? 'при открытии таблицы' : 'when the spreadsheet is opened';
    case 'ON_CHANGE':
      return ru ? 'при изменении структуры' : 'when the structure changes';
    case 'ON_FORM_SUBMIT':
      return ru ? 'при отправке формы' : 'when a form is submitted';
    case 'CLOCK':
      return t.clock ? describeSchedule(t.clock, ru, timeZone) : ru ? 'по времени' : 'time-driven';
  }
}

function describeSchedule(s: ClockSchedule, ru: boolean, timeZone: string): string {
  const at = (hour?: number, minute?: number) =>
    hour === undefined ? '' : ` ${ru ? 'около' : 'near'} ${pad(hour)}:${pad(minute ?? 0)}`;
  switch (s.kind) {
    case 'everyMinutes':
      return ru ? `каждые ${s.minutes} мин` : `every ${s.minutes} min`;
    case 'everyHours':
      return s.hours === 1 ? (ru ? 'каждый час' : 'every hour') : ru ? `каждые ${s.hours} ч` : `every ${s.hours} h`;
    case 'everyDays':
      return (
        (s.days === 1 ? (ru ? 'ежедневно' : 'daily') : ru ? `раз в ${s.days} дн.` : `every ${s.days} days`) +
        at(s.atHour, s.nearMinute)
      );
    case 'everyWeeks': {
      const day = s.onWeekDay
        ? ru
          ? (WEEKDAYS_RU[s.onWeekDay] ?? s.onWeekDay)
          : `on ${s.onWeekDay.toLowerCase()}s`
        : '';
      return `${ru ? 'еженедельно' : 'weekly'}${day ? `, ${day}` : ''}${at(s.atHour, s.nearMinute)}`;
    }
    case 'onMonthDay':
      return `${ru ? `ежемесячно, ${s.day}-го числа` : `monthly, on day ${s.day}`}${at(s.atHour, s.nearMinute)}`;
    case 'at':
      return `${ru ? 'однократно' : 'once'}, ${formatTime(s.at, timeZone, ru ? 'ru' : 'en')}`;
    case 'after':
      return ru ? `однократно, через ${Math.round(s.ms / 60_000)} мин` : `once, after ${Math.round(s.ms / 60_000)} min`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

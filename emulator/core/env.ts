/**
 * What one execution of the bundle sees: the shared state, the clock, the meter, who is running
 * it and with what authorization. Every fake is constructed with an ExecutionEnv and nothing else,
 * so a fresh set of fakes per execution is cheap and nothing leaks between executions but `state`.
 */
import type { VirtualClock } from './clock';
import type { ServiceMeter, CallKind } from './meter';
import type { EmulatorState } from './state';
import { gasError } from './errors';

/** ScriptApp.AuthMode names. */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

export interface EmulatorUser {
  /** '' when Apps Script would not reveal it (consumer account, another domain, simple trigger). */
  email: string;
  /** e.g. 'ru', 'en' as Session.getActiveUserLocale() returns it. */
  locale: string;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  at: number;
  message: string;
}

export interface ShownHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  width: number;
  height: number;
  html: string;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  /** What the emulated user answered (the button name). */
  answer: string;
  /** For Ui.prompt: what the emulated user typed. */
  text?: string;
}

export interface ToastRecord {
  title: string;
  message: string;
  timeoutSeconds: number;
}

/** What an execution showed or said, returned to the caller with its result. */
export interface ExecutionOutput {
  logs: LogEntry[];
  shown: ShownHtml[];
  alerts: AlertRecord[];
  toasts: ToastRecord[];
}

/** How the emulated person answers Ui.alert / Ui.prompt. Default: the first button, empty text. */
export type UiResponder = (dialog: { title: string; prompt: string; buttons: string; isPrompt: boolean }) => {
  button: string;
  text?: string;
};

export interface LockHold {
  /** Who holds it: an execution id, or 'other' for a simulated concurrent execution. */
  holder: number | 'other';
  /** For 'other': when it lets go (virtual ms). */
  until?: number;
}

/** Locks outlive an execution object (a simulated other execution can hold one). */
export interface LockTable {
  script: LockHold | null;
  document: LockHold | null;
  user: Record<string, LockHold | null>;
  /**
   * For one test only: the fake grants every lock at once and excludes nobody, so a test can show
   * that it sees the race the lock prevents (Emulator.runParallel's `lock: false`).
   */
  off?: boolean;
}

export interface EmulatorConfig {
  /** Folder with Code.js, *.html, appsscript.json. */
  buildDir: string;
  /** Where MailApp writes .eml files; none when undefined (tests keep mail in memory). */
  outboxDir?: string;
  /** Where DriveApp keeps file contents; none when undefined (tests keep them in memory). */
  driveDir?: string;
  /** Mail quota: 100 recipients a day (consumer) or 1,500 (Workspace). */
  accountKind: 'consumer' | 'workspace';
  /** Apps Script add-on rules apply (one trigger of each type per document, hourly at most). */
  isAddon: boolean;
}

export interface Need {
  /** The least authorization mode in which the member works. */
  mode: 'NONE' | 'LIMITED' | 'FULL';
  /** OAuth scopes, any one of which the manifest must declare. */
  scopes?: readonly string[];
}

export interface ExecutionEnv {
  readonly id: number;
  readonly functionName: string;
  readonly state: EmulatorState;
  readonly clock: VirtualClock;
  readonly meter: ServiceMeter;
  readonly config: EmulatorConfig;
  readonly user: EmulatorUser;
  /** Whose authority the script runs with (the trigger owner, or the user). */
  readonly effectiveUser: string;
  readonly authMode: AuthModeName;
  /** Scopes declared in appsscript.json. */
  readonly scopes: ReadonlySet<string>;
  readonly locks: LockTable;
  readonly output: ExecutionOutput;
  readonly respond: UiResponder;
  /**
   * Whether the execution runs in the context of its document. False for a published editor
   * add-on's time-driven trigger (the emulator's 'addon' deployment): no active spreadsheet, and
   * LockService.getDocumentLock, PropertiesService.getDocumentProperties and
   * CacheService.getDocumentCache return null, as their references say they do "outside of the
   * context of a containing document" (docs/architecture.md, The emulator).
   */
  readonly documentContext: boolean;
  /**
   * Whether the user the script runs as may still edit the spreadsheet. False for an installed
   * trigger whose creator lost edit access: it still fires (it runs as its creator) and every
   * spreadsheet call fails (docs/architecture.md, The emulator).
   */
  readonly editAccess: boolean;
  /** Records a call on the meter after checking it is authorized; throws as Apps Script would. */
  call(member: string, kind: CallKind, need: Need, cells?: number): void;
  /** A fresh serial number (ids for triggers, mails, uuids). */
  serial(): number;
}

export const SCOPES = {
  spreadsheets: [
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/spreadsheets',
  ],
  containerUi: ['https://www.googleapis.com/auth/script.container.ui'],
  sendMail: ['https://www.googleapis.com/auth/script.send_mail', 'https://mail.google.com/'],
  scriptApp: ['https://www.googleapis.com/auth/script.scriptapp'],
  userEmail: ['https://www.googleapis.com/auth/userinfo.email'],
  driveFile: ['https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/drive'],
} as const;

const MODE_RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 1, FULL: 2 };

/**
 * The authorization check every fake makes before it acts. Apps Script refuses a call whose scope
 * the manifest does not declare with "Specified permissions are not sufficient to call X.
 * Required permissions: (a || b)", and refuses services needing authorization in AuthMode.NONE.
 */
export function checkAuthorized(env: Pick<ExecutionEnv, 'authMode' | 'scopes'>, member: string, need: Need): void {
  if (MODE_RANK[env.authMode] < MODE_RANK[need.mode]) {
    throw gasError(
      `You do not have permission to call ${member} in AuthMode.${env.authMode}. ` +
        `It needs AuthMode.${need.mode} or higher.`,
    );
  }
  const scopes = need.scopes;
  if (scopes && scopes.length > 0 && !scopes.some((s) => env.scopes.has(s))) {
    const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
    throw gasError(`Specified permissions are not sufficient to call ${member}. Required permissions: ${required}`);
  }
}

/**
 * Builds the ExecutionEnv for one execution. The runtime uses it for every run of the bundle;
 * tests of a single fake use it directly (`createExecutionEnv({ state })`).
 */
import { VirtualClock } from './clock';
import { ServiceMeter } from './meter';
import { createEmulatorState, type EmulatorState } from './state';
import {
  checkAuthorized,
  type AuthModeName,
  type EmulatorConfig,
  type EmulatorUser,
  type ExecutionEnv,
  type LockTable,
  type UiResponder,
} from './env';

export const ALL_SCOPES_FOR_TESTS: readonly string[] = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/drive.file',
];

export function createLockTable(): LockTable {
  return { script: null, document: null, user: {} };
}

export const firstButton: UiResponder = (dialog) => ({ button: dialog.buttons.split('_')[0] ?? 'OK', text: '' });

export interface ExecutionEnvOptions {
  id?: number;
  functionName?: string;
  state?: EmulatorState;
  clock?: VirtualClock;
  config?: Partial<EmulatorConfig>;
  user?: Partial<EmulatorUser>;
  effectiveUser?: string;
  authMode?: AuthModeName;
  scopes?: Iterable<string>;
  locks?: LockTable;
  respond?: UiResponder;
  /** False: the execution has no containing document (an add-on's time trigger). Default true. */
  documentContext?: boolean;
  /** False: the user lost edit access to the spreadsheet (see ExecutionEnv.editAccess). */
  editAccess?: boolean;
}

export function createExecutionEnv(options: ExecutionEnvOptions = {}): ExecutionEnv {
  const clock = options.clock ?? new VirtualClock(Date.UTC(2026, 10, 23, 7, 0, 0));
  const state = options.state ?? createEmulatorState({ now: clock.now() });
  const meter = new ServiceMeter();
  const scopes = new Set(options.scopes ?? ALL_SCOPES_FOR_TESTS);
  const authMode = options.authMode ?? 'FULL';
  const user: EmulatorUser = {
    email: options.user?.email ?? state.spreadsheet.owner,
    locale: options.user?.locale ?? 'ru',
  };
  const env: ExecutionEnv = {
    id: options.id ?? 1,
    functionName: options.functionName ?? '(test)',
    state,
    clock,
    meter,
    config: {
      buildDir: options.config?.buildDir ?? 'build',
      outboxDir: options.config?.outboxDir,
      driveDir: options.config?.driveDir,
      accountKind: options.config?.accountKind ?? 'consumer',
      isAddon: options.config?.isAddon ?? true,
    },
    user,
    effectiveUser: options.effectiveUser ?? user.email,
    authMode,
    scopes,
    locks: options.locks ?? createLockTable(),
    output: { logs: [], shown: [], alerts: [], toasts: [] },
    respond: options.respond ?? firstButton,
    documentContext: options.documentContext ?? true,
    editAccess: options.editAccess ?? true,
    call(member, kind, need, cells = 0) {
      checkAuthorized(env, member, need);
      meter.record(member, kind, cells);
    },
    serial() {
      return state.nextSerial++;
    },
  };
  return env;
}

/**
 * Logger and console: both write to the execution's log (env.output.logs), as both end up in the
 * Apps Script execution log. https://developers.google.com/apps-script/guides/logging
 */
import { format } from 'node:util';
import type { ExecutionEnv, LogEntry } from '../core/env';
import { LoggerStub } from '../generated/stubs';
import { NEEDS_NOTHING } from '../core/shared';

function writeLog(env: ExecutionEnv, level: LogEntry['level'], message: string): void {
  env.output.logs.push({ level, at: env.clock.now(), message });
}

/**
 * Logger.log(format, …values): "The string can include multiple %s placeholders, which are
 * replaced with corresponding values from the list of arguments, converted to strings."
 */
function loggerMessage(args: unknown[]): string {
  const [first, ...values] = args;
  if (values.length === 0 || typeof first !== 'string') return format('%s', first);
  let next = 0;
  return first.replace(/%s/g, (placeholder) => (next < values.length ? format('%s', values[next++]) : placeholder));
}

class FakeLogger extends LoggerStub implements GoogleAppsScript.Base.Logger {
  /** getLog() covers this execution's Logger calls only; console output is not part of it. */
  private readonly messages: string[] = [];

  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override log(...args: unknown[]): this {
    this.env.call('Logger.log', 'local', NEEDS_NOTHING);
    const message = loggerMessage(args);
    this.messages.push(message);
    writeLog(this.env, 'log', message);
    return this;
  }

  override getLog(): string {
    this.env.call('Logger.getLog', 'local', NEEDS_NOTHING);
    return this.messages.join('\n');
  }

  /** Clears what getLog() returns; what was logged stays in the execution log, as in Apps Script. */
  override clear(): void {
    this.env.call('Logger.clear', 'local', NEEDS_NOTHING);
    this.messages.length = 0;
  }
}

export function createLogger(env: ExecutionEnv): GoogleAppsScript.Base.Logger {
  return new FakeLogger(env);
}

/** The Apps Script `console` (it has no stub: it is not a service interface). */
export interface EmulatedConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
}

/** console formats like a browser's (%s, %d, %o, …), which node:util.format reproduces. */
export function createConsole(env: ExecutionEnv): EmulatedConsole {
  const timers = new Map<string, number>();
  const writer =
    (level: LogEntry['level']) =>
    (...args: unknown[]) => {
      env.call(`console.${level}`, 'local', NEEDS_NOTHING);
      writeLog(env, level, format(...args));
    };
  return {
    log: writer('log'),
    info: writer('info'),
    warn: writer('warn'),
    error: writer('error'),
    time(label = 'default') {
      env.call('console.time', 'local', NEEDS_NOTHING);
      timers.set(label, env.clock.now());
    },
    /** Virtual time elapsed, so the message is the same on every run. */
    timeEnd(label = 'default') {
      env.call('console.timeEnd', 'local', NEEDS_NOTHING);
      const start = timers.get(label);
      if (start === undefined) return;
      timers.delete(label);
      writeLog(env, 'info', `${label}: ${env.clock.now() - start}ms`);
    },
  };
}

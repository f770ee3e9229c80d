/**
 * The Apps Script globals one execution sees. A fresh set per execution: Apps Script keeps nothing
 * between executions except what is stored (the EmulatorState).
 */
import type { ExecutionEnv } from './core/env';
import { createSpreadsheetApp } from './spreadsheet';
import { createServiceGlobals } from './services';

export function createGlobals(env: ExecutionEnv): Record<string, unknown> {
  return {
    SpreadsheetApp: createSpreadsheetApp(env),
    ...createServiceGlobals(env),
  };
}

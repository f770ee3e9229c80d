/**
 * The Apps Script service globals other than SpreadsheetApp (and DriveApp), one fresh set per
 * execution. Each fake extends the generated stub of its interface: what it does not model
 * throws a NotModeledError naming the member.
 */
import type { ExecutionEnv } from '../core/env';
import { createCacheService } from './cache';
import { createDriveApp } from './drive';
import { createHtmlService } from './html';
import { createLockService } from './lock';
import { createConsole, createLogger, type EmulatedConsole } from './logger';
import { createMailApp } from './mail';
import { createPropertiesService } from './properties';
import { createScriptApp } from './script';
import { createSession } from './session';
import { createUtilities } from './utilities';

export { toEml } from './eml';
export { readDriveFile } from './drive';
export type { DriveState } from '../core/state';
export { releaseExecutionLocks } from './lock';
export { scriptTimeZone } from './session';
export { firstRunAt, nextRunAfter } from './triggers';
export type { StoredTrigger } from './script';
export { createUi } from './ui';

/** The globals, typed as the bundle sees them (a type alias, so it is a Record<string, unknown>). */
export type ServiceGlobals = {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  MailApp: GoogleAppsScript.Mail.MailApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  Logger: GoogleAppsScript.Base.Logger;
  console: EmulatedConsole;
};

export function createServiceGlobals(env: ExecutionEnv): ServiceGlobals {
  return {
    PropertiesService: createPropertiesService(env),
    CacheService: createCacheService(env),
    LockService: createLockService(env),
    MailApp: createMailApp(env),
    ScriptApp: createScriptApp(env),
    HtmlService: createHtmlService(env),
    Session: createSession(env),
    Utilities: createUtilities(env),
    DriveApp: createDriveApp(env),
    Logger: createLogger(env),
    console: createConsole(env),
  };
}

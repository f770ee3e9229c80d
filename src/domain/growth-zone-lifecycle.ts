/**
 * Zones of growth and CSI, the rules (docs/product.md, Zones of growth and CSI): what logging an
 * entry or a CSI comment takes, checked all at once; which step an entry may take next, by whom,
 * with what; the rechecks that fell due; and which entries count. Pure: "now" is an argument.
 */
import { DomainError, fail, type Problem } from './errors';
import type { Ms, Role } from './model';
import { CSAT, inRange, MAX_LONG_TEXT, MAX_TEXT } from './limits';
import { isLink } from './lifecycle';
import { isEmail, normalizeEmail, type Settings } from './settings';
import { instantOf, wallTime } from './zoned-time';
import {
  CSI_ROLES,
  RECHECK_AFTER_MONTHS,
  ZONE_CATEGORIES,
  ZONE_FINAL_STATUSES,
  ZONE_SOURCES,
  ZONE_STATUSES,
  type CsiEntry,
  type CsiInput,
  type CsiRole,
  type GrowthZone,
  type GrowthZoneInput,
  type GrowthZoneStep,
  type ZoneCategory,
  type ZoneSource,
  type ZoneStatus,
} from './growth-zones';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who acts on an entry: the caller's email and role from the Settings team list. */
export interface ZoneActor {
  email: string;
  role: Role;
}

// ---------------------------------------------------------------------------------------------
// Input

type Fields = Record<string, unknown>;

function recordOf(raw: unknown): Fields {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new DomainError('validation', [{ key: 'input.object' }]);
  return raw as Fields;
}

/** A text field: trimmed; required ones must be non-empty; at most `max` characters. */
function textField(raw: Fields, field: string, problems: Problem[], required: boolean, max = MAX_TEXT): string {
  const value = raw[field];
  if (value === undefined || value === null || value === '') {
    if (required) problems.push({ key: 'input.required', field });
    return '';
  }
  if (typeof value !== 'string') {
    problems.push({ key: 'input.text', field });
    return '';
  }
  const text = value.trim();
  if (required && !text) problems.push({ key: 'input.required', field });
  if (value.length > max) problems.push({ key: 'input.tooLong', field, params: { max } });
  return text;
}

function choiceField<T extends string>(raw: Fields, field: string, options: readonly T[], problems: Problem[]): T {
  const value = raw[field];
  if (value === undefined || value === null || value === '') {
    problems.push({ key: 'input.required', field });
    return options[0] as T;
  }
  if (typeof value !== 'string' || !options.includes(value as T)) {
    problems.push({ key: 'input.choice', field, params: { value: String(value), options: options.join(', ') } });
    return options[0] as T;
  }
  return value as T;
}

/**
 * An ISO-8601 date or date-time as epoch ms; null when it does not parse or names no real day. A
 * date alone, or a time without an offset, is read on the wall clock of `timeZone` (the
 * workbook's): "2026-11-25" is that day's midnight there.
 */
export function parseIsoDate(value: unknown, timeZone = 'UTC'): Ms | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  if (m[7]) {
    const ms = Date.parse(value.trim().replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : null;
  }
  return instantOf(timeZone, year, month, day, hour, minute, second);
}

/**
 * Logging an entry (apiLogGrowthZone): every field checked, every problem reported at once. The
 * team leader's email must be an email; the link, when given, an http(s) address.
 */
export function parseGrowthZoneInput(raw: unknown, _settings?: Settings): GrowthZoneInput {
  const input = recordOf(raw);
  const problems: Problem[] = [];
  const manager = textField(input, 'manager', problems, true);
  const team = textField(input, 'team', problems, true);
  const teamLeaderEmail = normalizeEmail(textField(input, 'teamLeaderEmail', problems, true));
  if (teamLeaderEmail && !isEmail(teamLeaderEmail))
    problems.push({ key: 'input.email', field: 'teamLeaderEmail', params: { value: teamLeaderEmail } });
  const source: ZoneSource = choiceField(input, 'source', ZONE_SOURCES, problems);
  const category: ZoneCategory = choiceField(input, 'category', ZONE_CATEGORIES, problems);
  const standard = textField(input, 'standard', problems, true);
  const link = textField(input, 'link', problems, false);
  if (link && !isLink(link)) problems.push({ key: 'input.link', field: 'link', params: { value: link } });
  const description = textField(input, 'description', problems, true, MAX_LONG_TEXT);
  if (problems.length > 0) throw new DomainError('validation', problems);
  return { manager, team, teamLeaderEmail, source, category, standard, link, description };
}

/**
 * Logging a CSI comment (apiLogCsi): the date (ISO-8601, not later than a day from now: a
 * comment is about what happened), the manager and their role, the comment, the client's score
 * on the CSAT scale, and optionally the case or order it is about.
 */
export function parseCsiInput(raw: unknown, settings: Settings | undefined, now: Ms): CsiInput & { atMs: Ms } {
  const input = recordOf(raw);
  const problems: Problem[] = [];
  const atText = textField(input, 'at', problems, true);
  const atMs = atText ? parseIsoDate(atText, settings?.calendar.timeZone) : null;
  if (atText && atMs === null) problems.push({ key: 'input.date', field: 'at', params: { value: atText } });
  if (atMs !== null && atMs > now + DAY_MS) problems.push({ key: 'input.dateFuture', field: 'at' });
  const manager = textField(input, 'manager', problems, true);
  const role: CsiRole = choiceField(input, 'role', CSI_ROLES, problems);
  const team = textField(input, 'team', problems, false);
  const comment = textField(input, 'comment', problems, true, MAX_LONG_TEXT);
  const score = input.score;
  if (score === undefined || score === null || score === '') problems.push({ key: 'input.required', field: 'score' });
  else if (typeof score !== 'number' || !inRange(CSAT, score))
    problems.push({ key: 'input.score', field: 'score', params: { min: CSAT.min, max: CSAT.max } });
  const caseId = textField(input, 'caseId', problems, false).toUpperCase();
  const orderNo = textField(input, 'orderNo', problems, false);
  const client = textField(input, 'client', problems, false);
  if (problems.length > 0) throw new DomainError('validation', problems);
  return {
    at: atText,
    atMs: atMs as Ms,
    manager,
    role,
    team,
    comment,
    score: score as number,
    caseId,
    orderNo,
    client,
  };
}

/** A step's body as the API gets it: the step, at the version of the entry it was made on. */
export type ZoneStepBody = GrowthZoneStep & { version: number };

const STEP_TEXTS = ['note', 'reason', 'processAnswer'] as const;

/** Checks a step's body (apiMoveGrowthZone): its shape only; the lifecycle's guards come after. */
export function parseZoneStep(raw: unknown): ZoneStepBody {
  const input = recordOf(raw);
  const problems: Problem[] = [];
  const version = input.version;
  if (version === undefined || version === null) problems.push({ key: 'input.version', field: 'version' });
  else if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    problems.push({ key: 'input.versionNumber', field: 'version' });
  if (!ZONE_STATUSES.includes(input.to as ZoneStatus))
    problems.push({ key: 'input.status', field: 'to', params: { value: String(input.to ?? '') } });
  const step: ZoneStepBody = { to: input.to as ZoneStatus, version: version as number };
  for (const field of STEP_TEXTS) {
    const text = textField(input, field, problems, false, MAX_LONG_TEXT);
    if (text) step[field] = text;
  }
  const date = textField(input, 'date', problems, false);
  if (date) {
    if (parseIsoDate(date) === null) problems.push({ key: 'input.date', field: 'date', params: { value: date } });
    else step.date = date;
  }
  if (problems.length > 0) throw new DomainError('validation', problems);
  return step;
}

// ---------------------------------------------------------------------------------------------
// The lifecycle

/**
 * Where each status may go by a person's step (guards and roles aside). `recheck_due` is not a
 * person's step: the monthly job (or a recheck whose date has come) sets it. From `rejected` the
 * entry goes on with the steps of the status it was appealed from.
 */
export const ZONE_TRANSITIONS: Readonly<Record<ZoneStatus, readonly ZoneStatus[]>> = {
  logged: ['briefing_scheduled', 'briefing_held', 'appealed'],
  briefing_scheduled: ['briefing_scheduled', 'briefing_held', 'appealed'],
  briefing_held: ['passed', 'repeated', 'appealed'],
  recheck_due: ['passed', 'repeated', 'appealed'],
  passed: [],
  repeated: [],
  appealed: ['accepted', 'rejected'],
  accepted: [],
  rejected: [],
};

/** Statuses an entry may be appealed from: open, and not appealed before. */
export const APPEALABLE: readonly ZoneStatus[] = ['logged', 'briefing_scheduled', 'briefing_held', 'recheck_due'];

export function isFinalZone(zone: Pick<GrowthZone, 'status'>): boolean {
  return ZONE_FINAL_STATUSES.includes(zone.status);
}

/** The status whose steps the entry takes: a rejected appeal goes on from where it was appealed. */
export function effectiveStatus(zone: Pick<GrowthZone, 'status' | 'appealedFrom'>): ZoneStatus {
  return zone.status === 'rejected' && zone.appealedFrom ? zone.appealedFrom : zone.status;
}

/** The targets the table gives from where the entry stands (one appeal per entry). */
function tableTargets(zone: Pick<GrowthZone, 'status' | 'appealedFrom'>): readonly ZoneStatus[] {
  const targets = ZONE_TRANSITIONS[effectiveStatus(zone)];
  return zone.status === 'rejected' ? targets.filter((to) => to !== 'appealed') : targets;
}

function isTeamLeaderOf(zone: Pick<GrowthZone, 'teamLeaderEmail'>, actor: ZoneActor): boolean {
  return (
    actor.role === 'team_leader' &&
    !!actor.email &&
    normalizeEmail(actor.email) === normalizeEmail(zone.teamLeaderEmail)
  );
}

/**
 * May `actor` take the step to `to` at all?
 * Who may do what (docs/product.md, Zones of growth and CSI): CS agents and leads log and move entries; the entry's own team leader schedules and
 * holds the briefing, gives a process error's answer and appeals; only a CS lead decides an
 * appeal; a process error's answer comes from its team leader or a CS lead.
 */
export function mayTakeZoneStep(
  zone: Pick<GrowthZone, 'teamLeaderEmail' | 'category'>,
  to: ZoneStatus,
  actor: ZoneActor,
): boolean {
  const lead = actor.role === 'lead';
  const agent = actor.role === 'agent';
  const leader = isTeamLeaderOf(zone, actor);
  switch (to) {
    case 'briefing_scheduled':
      return lead || agent || leader;
    case 'briefing_held':
      return zone.category === 'process' ? lead || leader : lead || agent || leader;
    case 'passed':
    case 'repeated':
      return lead || agent;
    case 'appealed':
      return lead || leader;
    case 'accepted':
    case 'rejected':
      return lead;
    default:
      return false;
  }
}

/** Has the recheck's date come (the result may be recorded)? */
function recheckHasCome(zone: Pick<GrowthZone, 'recheckAt'>, now: Ms): boolean {
  return zone.recheckAt !== null && zone.recheckAt <= now;
}

/**
 * The steps `actor` may take now, guards on what the entry holds included (the recheck's date,
 * a process error's answer); what a step's body must bring (a date, a reason) is not.
 */
export function allowedZoneSteps(zone: GrowthZone, actor: ZoneActor, now: Ms): ZoneStatus[] {
  return tableTargets(zone).filter(
    (to) => mayTakeZoneStep(zone, to, actor) && entryGuardProblems(zone, to, now).length === 0,
  );
}

/** What the entry as it stands lacks for the step to `to` (not what the step's body brings). */
function entryGuardProblems(zone: GrowthZone, to: ZoneStatus, now: Ms): Problem[] {
  const from = effectiveStatus(zone);
  const problems: Problem[] = [];
  if (to === 'briefing_held' && from === 'logged' && zone.category === 'communication')
    problems.push({ key: 'zone.scheduleFirst' });
  if (to === 'passed' || to === 'repeated') {
    if (from === 'briefing_held' && !recheckHasCome(zone, now))
      problems.push({ key: 'zone.recheckNotDue', params: { date: isoDay(zone.recheckAt) } });
    if (zone.category === 'process' && !zone.processAnswer.trim())
      problems.push({ key: 'zone.processAnswerMissing', field: 'processAnswer' });
  }
  return problems;
}

function isoDay(ms: Ms | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().slice(0, 10);
}

/** `ms` moved on by `months` calendar months on the wall clock of `timeZone` (31 Jan + 1 → 28/29 Feb). */
export function addCalendarMonths(ms: Ms, months: number, timeZone = 'UTC'): Ms {
  const w = wallTime(ms, timeZone);
  const monthIndex = w.month - 1 + months;
  const year = w.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const exact = ms - instantOf(timeZone, w.year, w.month, w.day, w.hour, w.minute, w.second);
  return instantOf(timeZone, year, month, Math.min(w.day, lastDay), w.hour, w.minute, w.second) + exact;
}

/** The Events fact of a step: the entry before and after, who, and what they wrote. */
export interface ZoneStepEvent {
  id: string;
  at: Ms;
  actor: string;
  from: ZoneStatus | '';
  to: ZoneStatus;
  note: string;
  version: number;
}

/**
 * The entry after `actor` takes `step` at `now`, and the Events fact; or a DomainError and
 * nothing changes: a stale version (conflict), a finished entry, a step the table lacks, a role
 * that may not take it, then every guard at once. `timeZone` is the workbook's, for the calendar
 * month to the recheck.
 */
export function applyZoneStep(
  zone: GrowthZone,
  step: GrowthZoneStep & { version?: number },
  actor: ZoneActor,
  now: Ms,
  timeZone = 'UTC',
): { zone: GrowthZone; event: ZoneStepEvent } {
  if (step.version !== undefined && step.version !== zone.version)
    fail('conflict', 'zone.conflict', { id: zone.id, actual: zone.version, expected: step.version });
  if (isFinalZone(zone)) fail('guard', 'zone.final', { id: zone.id, zoneStatus: zone.status });
  const to = step.to;
  if (to === 'recheck_due') fail('guard', 'zone.recheckByJob');
  if (!tableTargets(zone).includes(to)) fail('guard', 'zone.notAllowed', { zoneFrom: zone.status, zoneTo: to });
  if (!mayTakeZoneStep(zone, to, actor)) {
    if (to === 'accepted' || to === 'rejected') fail('forbidden', 'zone.leadOnly');
    if (actor.role === 'team_leader') fail('forbidden', 'zone.notTeamLeader', { email: zone.teamLeaderEmail });
    fail('forbidden', 'zone.role', { role: actor.role, zoneTo: to });
  }
  const problems = entryGuardProblems(zone, to, now);
  const next: GrowthZone = {
    ...zone,
    status: to,
    version: zone.version + 1,
    updatedAt: now,
    updatedBy: normalizeEmail(actor.email),
  };
  const reason = (step.reason ?? '').trim();
  const date = step.date === undefined ? null : parseIsoDate(step.date, timeZone);
  if (step.date !== undefined && date === null)
    problems.push({ key: 'input.date', field: 'date', params: { value: step.date } });
  switch (to) {
    case 'briefing_scheduled':
      if (step.date === undefined) problems.push({ key: 'zone.date', field: 'date' });
      else if (date !== null && date < zone.loggedAt - DAY_MS)
        problems.push({ key: 'zone.dateBeforeLogged', field: 'date', params: { date: isoDay(zone.loggedAt) } });
      next.briefingAt = date;
      break;
    case 'briefing_held': {
      const held = date ?? now;
      if (held > now + DAY_MS) problems.push({ key: 'zone.heldInFuture', field: 'date' });
      if (held < zone.loggedAt - DAY_MS)
        problems.push({ key: 'zone.dateBeforeLogged', field: 'date', params: { date: isoDay(zone.loggedAt) } });
      const answer = (step.processAnswer ?? '').trim();
      if (zone.category === 'process' && !answer) problems.push({ key: 'zone.processAnswer', field: 'processAnswer' });
      if (zone.category === 'communication' && answer)
        problems.push({ key: 'input.notForStep', field: 'processAnswer' });
      next.briefingHeldAt = held;
      next.recheckAt = addCalendarMonths(held, RECHECK_AFTER_MONTHS, timeZone);
      if (answer) next.processAnswer = answer;
      break;
    }
    case 'passed':
    case 'repeated':
      next.closedAt = now;
      break;
    case 'appealed':
      if (!reason) problems.push({ key: 'zone.appealReason', field: 'reason' });
      next.appealedFrom = zone.status;
      next.appealReason = reason;
      break;
    case 'accepted':
    case 'rejected':
      if (!reason) problems.push({ key: 'zone.decisionReason', field: 'reason' });
      next.decisionReason = reason;
      // A rejected entry keeps appealedFrom: it goes on with the steps of that status.
      if (to === 'accepted') next.closedAt = now;
      break;
    default:
      break;
  }
  if (to !== 'briefing_held' && step.processAnswer !== undefined)
    problems.push({ key: 'input.notForStep', field: 'processAnswer' });
  if (step.date !== undefined && to !== 'briefing_scheduled' && to !== 'briefing_held')
    problems.push({ key: 'input.notForStep', field: 'date' });
  if (problems.length > 0) throw new DomainError('guard', problems);
  const note = [reason, (step.note ?? '').trim()].filter(Boolean).join(' — ');
  return {
    zone: next,
    event: {
      id: zone.id,
      at: now,
      actor: normalizeEmail(actor.email),
      from: zone.status,
      to: next.status,
      note,
      version: next.version,
    },
  };
}

/**
 * The monthly job's sweep (docs/product.md, Zones of growth and CSI): the entries waiting for
 * their recheck (briefing held, or a rejected appeal going on from there) whose date has come,
 * moved to recheck_due as a new version. Entries not due are left out.
 */
export function fallenDueRechecks(zones: readonly GrowthZone[], now: Ms): GrowthZone[] {
  return zones
    .filter((z) => effectiveStatus(z) === 'briefing_held' && recheckHasCome(z, now))
    .map((z) => ({
      ...z,
      status: 'recheck_due' as const,
      version: z.version + 1,
      updatedAt: now,
      updatedBy: 'arbiter',
    }));
}

/**
 * Does the entry count against its manager? Yes unless its appeal was accepted: an entry under
 * appeal still counts until a CS lead accepts the appeal.
 */
export function counts(zone: Pick<GrowthZone, 'status'>): boolean {
  return zone.status !== 'accepted';
}

/** Is the entry still open (work or a decision is owed)? */
export function isOpenZone(zone: Pick<GrowthZone, 'status'>): boolean {
  return !isFinalZone(zone);
}

/** A new entry, logged at `now` by `actor` with id `id`. */
export function newGrowthZone(id: string, input: GrowthZoneInput, actor: string, now: Ms): GrowthZone {
  const by = normalizeEmail(actor);
  return {
    id,
    version: 1,
    status: 'logged',
    manager: input.manager,
    team: input.team,
    teamLeaderEmail: normalizeEmail(input.teamLeaderEmail),
    source: input.source,
    category: input.category,
    standard: input.standard,
    link: input.link ?? '',
    description: input.description,
    loggedAt: now,
    loggedBy: by,
    updatedAt: now,
    updatedBy: by,
    briefingAt: null,
    briefingHeldAt: null,
    recheckAt: null,
    processAnswer: '',
    appealedFrom: null,
    appealReason: '',
    decisionReason: '',
    closedAt: null,
  };
}

/** The fields that differ between two versions of an entry (what an Events row records). */
export function zoneChanges(before: Partial<GrowthZone>, after: GrowthZone): Partial<GrowthZone> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof GrowthZone>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as Partial<GrowthZone>;
}

/** Is `status` one of the zone statuses (a cell, a query)? */
export function isZoneStatus(value: unknown): value is ZoneStatus {
  return ZONE_STATUSES.includes(value as ZoneStatus);
}

/** A new CSI comment, logged at `now` by `actor` with id `id` (`input` as parseCsiInput gives it). */
export function newCsiEntry(id: string, input: CsiInput & { atMs: Ms }, actor: string, now: Ms): CsiEntry {
  return {
    id,
    at: input.atMs,
    manager: input.manager,
    role: input.role,
    team: input.team,
    comment: input.comment,
    score: input.score,
    caseId: input.caseId ?? '',
    orderNo: input.orderNo ?? '',
    client: input.client ?? '',
    loggedAt: now,
    loggedBy: normalizeEmail(actor),
  };
}

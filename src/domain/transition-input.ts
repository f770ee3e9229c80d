/**
 * A step's body, parsed in the domain as a registration is (validateRegistration): what a person
 * sends to move a case, checked all at once, and the case it leaves. A step that also changes the
 * case (an owner named to start work, evidence added to resolve an A case) does it in the same
 * version, so it happens whole or not at all. The Cases tab's hand edits of a step's fields use
 * the same checks.
 */
import { validateEdit, type CaseEdit } from './case-input';
import { DomainError, isDomainError, type Problem } from './errors';
import {
  applyTransition,
  checkMayEdit,
  checkMove,
  guardProblems,
  longTextProblem,
  rootCauseProblem,
  scoreProblem,
  stepNeeds,
  withDefaultOwner,
  type Actor,
  type StepCase,
  type TransitionInput,
} from './lifecycle';
import { STATUSES, type Case, type Ms, type Status } from './model';
import type { Settings } from './settings';
import { excerpt, recordOf } from './untrusted';

const TEXTS = ['note', 'resolution', 'rootCause', 'prevention', 'reason'] as const;
const SCORES = ['csat', 'nps'] as const;
/** The case's own fields a step may change, when stepNeeds asks for them. */
const CASE_FIELDS = ['ownerDept', 'ownerEmail', 'evidence'] as const;

/** The version a change was made against: a whole number from 1. */
export function versionProblem(version: unknown): Problem | null {
  if (version === undefined || version === null) return { key: 'input.version', field: 'version' };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { key: 'input.versionNumber', field: 'version' };
  return null;
}

/** A step's body as the API gets it: the step, at the version of the case it was made on. */
export type TransitionBody = TransitionInput & { version: number };

/** Validates a step's body; returns it typed, or throws every problem at once. */
export function parseTransition(input: unknown, settings: Settings): TransitionBody {
  const raw = recordOf(input);
  if (!raw) throw new DomainError('validation', [{ key: 'input.object' }]);
  const problems: Problem[] = [];
  const add = (problem: Problem | null) => {
    if (problem) problems.push(problem);
  };
  add(versionProblem(raw.version));
  if (typeof raw.to !== 'string' || !raw.to) add({ key: 'input.required', field: 'to' });
  else if (!STATUSES.includes(raw.to as Status))
    add({ key: 'input.status', params: { value: excerpt(raw.to) }, field: 'to' });
  const step: TransitionBody = { to: raw.to as Status, version: raw.version as number };
  for (const field of TEXTS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') add({ key: 'input.text', field });
    else {
      add(longTextProblem(value, field));
      step[field] = value;
    }
  }
  for (const field of SCORES) {
    const value = raw[field] === '' || raw[field] === undefined ? null : raw[field];
    add(scoreProblem(field, value));
    step[field] = value as number | null;
  }
  // The case's own fields are checked as an edit of them would be (the same rules, the same messages).
  const edit = Object.fromEntries(CASE_FIELDS.filter((f) => raw[f] !== undefined).map((f) => [f, raw[f]]));
  if (Object.keys(edit).length > 0) {
    try {
      Object.assign(step, validateEdit(edit, settings));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new DomainError('validation', problems);
  return step;
}

/**
 * The change a step makes to the case's own fields: the owner it names (a department named
 * without an email takes its default owner), the evidence links it adds. Such fields are taken
 * only where the step asks for them; `problems` says what the step may not change or what the
 * case could not hold (too many links).
 */
export function stepEdit(
  c: StepCase,
  step: TransitionInput,
  settings: Settings,
): { edit: CaseEdit; problems: Problem[] } {
  const asked = new Set(stepNeeds(c, step.to).map((need) => need.field));
  const problems: Problem[] = [];
  for (const field of CASE_FIELDS) {
    if (step[field] !== undefined && !asked.has(field)) problems.push({ key: 'input.notForStep', field });
  }
  if (problems.length > 0) return { edit: {}, problems };
  let edit: CaseEdit = {};
  if (step.ownerDept !== undefined && step.ownerDept !== c.ownerDept) edit.ownerDept = step.ownerDept;
  if (step.ownerEmail !== undefined && step.ownerEmail !== c.ownerEmail) edit.ownerEmail = step.ownerEmail;
  edit = withDefaultOwner(c, edit, settings);
  const added = (step.evidence ?? []).filter((link) => !c.evidence.includes(link));
  if (added.length > 0) edit.evidence = [...c.evidence, ...added];
  try {
    return { edit: Object.keys(edit).length > 0 ? validateEdit(edit, settings) : edit, problems };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { edit: {}, problems: error.problems };
  }
}

/**
 * The case after `actor` takes the step at `now`: its own fields changed as the step asks, then
 * moved, in one new version. Throws a DomainError (and changes nothing) on the first kind of
 * refusal: a step the lifecycle lacks or the actor may not take, a field the step may not
 * change, a change the actor may not make, a guard.
 */
export function applyStep(c: Case, step: TransitionInput, actor: Actor, settings: Settings, now: Ms): Case {
  checkMove(c, step.to, actor);
  const { edit, problems } = stepEdit(c, step, settings);
  if (problems.length > 0) throw new DomainError('validation', problems);
  const fields = Object.keys(edit);
  if (fields.length > 0) checkMayEdit(c, fields, actor);
  return applyTransition({ ...c, ...edit }, step, actor, settings, now);
}

/** Every problem the step would meet on `c` (the sidebar shows them before sending). */
export function stepProblems(c: StepCase, step: TransitionInput, settings: Settings): Problem[] {
  const { edit, problems } = stepEdit(c, step, settings);
  return [...problems, ...guardProblems({ ...c, ...edit }, step, settings)];
}

/**
 * A status typed into the Cases tab: the row's own fields (the resolution, the root cause…)
 * stand in for the step's body.
 */
export function stepFromRow(c: Case, to: Status): TransitionInput {
  return {
    to,
    resolution: c.resolution,
    rootCause: c.rootCause,
    prevention: c.prevention,
    reason: c.cancelReason,
    csat: c.csat,
    nps: c.nps,
  };
}

/** The Cases tab's columns a step reads from the row, and the step field each one is. */
const STEP_CELLS = {
  resolution: 'resolution',
  prevention: 'prevention',
  cancelReason: 'reason',
  rootCause: 'rootCause',
  csat: 'csat',
  nps: 'nps',
} as const;
export type StepCell = keyof typeof STEP_CELLS;

export function isStepCell(key: string): key is StepCell {
  return Object.prototype.hasOwnProperty.call(STEP_CELLS, key);
}

/**
 * A step's field typed into its cell: checked as in a step's body (length, the root-cause
 * taxonomy, the score's range) and stored for the step that reads it; throws every problem.
 */
export function parseStepCell(key: StepCell, value: unknown, settings: Settings): string | number | null {
  const field = STEP_CELLS[key];
  const problems: Array<Problem | null> = [];
  let parsed: string | number | null;
  if (field === 'csat' || field === 'nps') {
    parsed = value === '' || value === null || value === undefined ? null : Number(value);
    problems.push(scoreProblem(field, parsed));
  } else {
    parsed = String(value ?? '').trim();
    problems.push(longTextProblem(parsed, field));
    if (field === 'rootCause' && parsed) problems.push(rootCauseProblem(parsed, settings));
  }
  const found = problems.filter((p): p is Problem => p !== null);
  if (found.length > 0) throw new DomainError('validation', found);
  return parsed;
}

/**
 * Registration and edits: what a person may type, checked before anything is written, and the
 * case it produces. The sidebar runs the same checks to show messages next to the fields.
 */
import { DomainError, type Problem } from './errors';
import { CRITICALITIES, type Case, type Criticality, type Ms } from './model';
import { isLink } from './lifecycle';
import { departmentNamed, isEmail, normalizeEmail, type Settings } from './settings';
import { dueFirstResponse, dueResolution } from './sla';

export interface RegisterInput {
  orderNo: string;
  client: string;
  contact: string;
  channel: string;
  source: string;
  kind: string;
  summary: string;
  evidence: string[];
  criticality: Criticality;
  ownerDept: string;
  ownerEmail?: string;
  agent?: string;
  manager?: string;
  team?: string;
  bypass?: boolean;
  stopShipment?: boolean;
}

/** Fields apiUpdateCase may change. */
export const EDITABLE_FIELDS = [
  'criticality',
  'orderNo',
  'client',
  'contact',
  'channel',
  'source',
  'kind',
  'summary',
  'evidence',
  'ownerDept',
  'ownerEmail',
  'agent',
  'manager',
  'team',
  'bypass',
  'stopShipment',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type CaseEdit = Partial<Pick<Case, EditableField>>;

const MAX_TEXT = 500;
const MAX_SUMMARY = 5000;
const MAX_EVIDENCE = 20;

type Checker = (value: unknown, field: string, problems: Problem[]) => unknown;

const requiredText =
  (max = MAX_TEXT): Checker =>
  (value, field, problems) => {
    if (typeof value !== 'string' || !value.trim()) {
      problems.push({ key: 'input.required', field });
      return '';
    }
    if (value.length > max) problems.push({ key: 'input.tooLong', field, params: { max } });
    return value.trim();
  };

const optionalText: Checker = (value, field, problems) => {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    problems.push({ key: 'input.text', field });
    return '';
  }
  if (value.length > MAX_TEXT) problems.push({ key: 'input.tooLong', field, params: { max: MAX_TEXT } });
  return value.trim();
};

const optionalEmail: Checker = (value, field, problems) => {
  const text = optionalText(value, field, problems) as string;
  if (text && !isEmail(text)) problems.push({ key: 'input.email', field, params: { value: text } });
  return normalizeEmail(text);
};

const oneOf =
  (options: () => readonly string[]): Checker =>
  (value, field, problems) => {
    const text = requiredText()(value, field, problems) as string;
    if (text && !options().includes(text)) problems.push({ key: 'input.oneOf', field, params: { value: text } });
    return text;
  };

const criticality: Checker = (value, field, problems) => {
  if (!CRITICALITIES.includes(value as Criticality)) {
    problems.push({ key: 'input.criticality', field });
    return 'C';
  }
  return value;
};

const flag: Checker = (value, field, problems) => {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') problems.push({ key: 'input.boolean', field });
  return value === true;
};

const evidence: Checker = (value, field, problems) => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    problems.push({ key: 'input.evidence', field });
    return [];
  }
  const links = (value as string[]).map((v) => v.trim()).filter(Boolean);
  if (links.length > MAX_EVIDENCE) problems.push({ key: 'input.tooMany', field, params: { max: MAX_EVIDENCE } });
  links.forEach((link) => {
    if (!isLink(link)) problems.push({ key: 'input.link', field, params: { value: link } });
  });
  return links;
};

function checkers(settings: Settings): Record<EditableField, Checker> {
  return {
    criticality,
    orderNo: requiredText(),
    client: requiredText(),
    contact: requiredText(),
    channel: oneOf(() => settings.channels),
    source: oneOf(() => settings.sources),
    kind: oneOf(() => settings.kinds),
    summary: requiredText(MAX_SUMMARY),
    evidence,
    ownerDept: oneOf(() => settings.departments.map((d) => d.name)),
    ownerEmail: optionalEmail,
    agent: optionalEmail,
    manager: optionalText,
    team: optionalText,
    bypass: flag,
    stopShipment: flag,
  };
}

function asRecord(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new DomainError('validation', [{ key: 'input.object' }]);
  return input as Record<string, unknown>;
}

/** Validates a registration; returns the clean fields or throws every problem at once. */
export function validateRegistration(input: unknown, settings: Settings, caller: string): Required<RegisterInput> {
  const raw = asRecord(input);
  const problems: Problem[] = [];
  const check = checkers(settings);
  const clean = Object.fromEntries(
    EDITABLE_FIELDS.map((f) => [f, check[f](raw[f], f, problems)]),
  ) as Required<RegisterInput>;
  if (problems.length > 0) throw new DomainError('validation', problems);
  // The department's first owner takes the case unless someone is named.
  if (!clean.ownerEmail) clean.ownerEmail = normalizeEmail(departmentNamed(settings, clean.ownerDept)?.owners[0] ?? '');
  if (!clean.agent) clean.agent = normalizeEmail(caller);
  return clean;
}

/** Validates an edit: only the fields present are checked and returned. */
export function validateEdit(input: unknown, settings: Settings): CaseEdit {
  const raw = asRecord(input);
  const problems: Problem[] = [];
  const check = checkers(settings);
  const unknown = Object.keys(raw).filter(
    (k) => k !== 'version' && !(EDITABLE_FIELDS as readonly string[]).includes(k),
  );
  for (const field of unknown) problems.push({ key: 'input.notEditable', field });
  const edit: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    if (field in raw) edit[field] = check[field](raw[field], field, problems);
  }
  if (problems.length > 0) throw new DomainError('validation', problems);
  return edit as CaseEdit;
}

/** A new case, registered at `now` by `actor` with id `id`. */
export function newCase(id: string, fields: Required<RegisterInput>, settings: Settings, actor: string, now: Ms): Case {
  return {
    id,
    version: 1,
    status: 'new',
    ...fields,
    createdAt: now,
    createdBy: normalizeEmail(actor),
    updatedAt: now,
    updatedBy: normalizeEmail(actor),
    dueFirstResponseAt: dueFirstResponse(settings, now, fields.criticality),
    firstResponseAt: null,
    resolutionStartAt: now,
    pausedMinutes: 0,
    waitingSince: null,
    dueAt: dueResolution(settings, now, fields.criticality, 0),
    resolvedAt: null,
    closedAt: null,
    cancelledAt: null,
    resolution: '',
    rootCause: '',
    prevention: '',
    cancelReason: '',
    csat: null,
    nps: null,
    reopenCount: 0,
    escalationLevel: 0,
  };
}

/** The case after an edit; a new criticality moves both due times. */
export function applyEdit(c: Case, edit: CaseEdit, settings: Settings, actor: string, now: Ms): Case {
  const next: Case = { ...c, ...edit, version: c.version + 1, updatedAt: now, updatedBy: normalizeEmail(actor) };
  if (edit.criticality && edit.criticality !== c.criticality) {
    next.dueFirstResponseAt = dueFirstResponse(settings, c.createdAt, edit.criticality);
    next.dueAt = dueResolution(settings, c.resolutionStartAt, edit.criticality, c.pausedMinutes);
  }
  return next;
}

/** The fields that differ between two versions of a case (what an Events row records). */
export function caseChanges(before: Partial<Case>, after: Case): Partial<Case> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Case>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as Partial<Case>;
}

/** What an edited case may not become: a case in work always keeps an owner (as its guard asked). */
export function editProblems(next: Case): Problem[] {
  if (next.status !== 'in_progress' && next.status !== 'waiting_client') return [];
  const problems: Problem[] = [];
  if (!next.ownerDept.trim()) problems.push({ key: 'guard.ownerDept', field: 'ownerDept' });
  if (!next.ownerEmail.trim()) problems.push({ key: 'guard.ownerEmail', field: 'ownerEmail' });
  return problems;
}

/**
 * Registration and edits: what a person may type, checked before anything is written, and the
 * case it produces. The sidebar runs the same checks to show messages next to the fields.
 */
import { DomainError, type Problem } from './errors';
import { CASE_FIELDS, EDITABLE_FIELDS, type ChoiceList, type EditableField, type RequiredField } from './case-fields';
import { CRITICALITIES, type Case, type Criticality, type Ms } from './model';
import { isLink } from './lifecycle';
import { MAX_EVIDENCE, MAX_LINK, MAX_LONG_TEXT as MAX_SUMMARY, MAX_TEXT } from './limits';
import { departmentNamed, isEmail, normalizeEmail, type Settings } from './settings';
import { recordOf } from './untrusted';
import { normalizePhone } from './phone';
import { clockMoments, dueFirstResponse, dueResolution, slaState, withClockMoments, type ClockMoments } from './sla';

/**
 * What registration takes: every field a person writes; those registration does not require may
 * be left out.
 */
export type RegisterInput = Pick<Case, RequiredField> & Partial<Pick<Case, Exclude<EditableField, RequiredField>>>;

export { EDITABLE_FIELDS, type EditableField } from './case-fields';
export type CaseEdit = Partial<Pick<Case, EditableField>>;

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

const optionalText =
  (max = MAX_TEXT): Checker =>
  (value, field, problems) => {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      problems.push({ key: 'input.text', field });
      return '';
    }
    if (value.length > max) problems.push({ key: 'input.tooLong', field, params: { max } });
    return value.trim();
  };

const text = (max: number, required: boolean): Checker => (required ? requiredText(max) : optionalText(max));

const email =
  (required: boolean): Checker =>
  (value, field, problems) => {
    const typed = text(MAX_TEXT, required)(value, field, problems) as string;
    if (typed && !isEmail(typed)) problems.push({ key: 'input.email', field, params: { value: typed } });
    return normalizeEmail(typed);
  };

const oneOf =
  (options: () => readonly string[], required: boolean): Checker =>
  (value, field, problems) => {
    const typed = text(MAX_TEXT, required)(value, field, problems) as string;
    if (typed && !options().includes(typed)) problems.push({ key: 'input.oneOf', field, params: { value: typed } });
    return typed;
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
  const tooLong = links.some((link) => link.length > MAX_LINK);
  if (tooLong) problems.push({ key: 'input.tooLong', field, params: { max: MAX_LINK } });
  links.forEach((link) => {
    if (link.length <= MAX_LINK && !isLink(link)) problems.push({ key: 'input.link', field, params: { value: link } });
  });
  return links;
};

/** The values a choice field may take: what the Settings list holds now. */
function choices(settings: Settings, list: ChoiceList): readonly string[] {
  return list === 'departments' ? settings.departments.map((d) => d.name) : settings[list];
}

/**
 * How a person's field is checked follows from what it holds (case-fields.ts). A criticality is
 * always required and a flag always has a value, whatever `required` says.
 */
function checkerOf(field: EditableField, settings: Settings): Checker {
  const spec = CASE_FIELDS[field];
  switch (spec.kind) {
    case 'text':
      return text(MAX_TEXT, spec.required);
    case 'longtext':
      return text(MAX_SUMMARY, spec.required);
    case 'email':
      return email(spec.required);
    case 'choice':
      return oneOf(() => choices(settings, spec.from), spec.required);
    case 'criticality':
      return criticality;
    case 'bool':
      return flag;
    case 'links':
      return evidence;
  }
}

function checkers(settings: Settings): Record<EditableField, Checker> {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, checkerOf(field, settings)])) as Record<
    EditableField,
    Checker
  >;
}

function asRecord(input: unknown): Record<string, unknown> {
  const record = recordOf(input);
  if (!record) throw new DomainError('validation', [{ key: 'input.object' }]);
  return record;
}

/**
 * A contact as it is stored: a phone number in E.164 (`8 701 555 0102` → `+77015550102`), so one
 * client is one number (docs/product.md, Finding cases); anything else (an email, a Telegram
 * name) as typed.
 */
export function storedContact(contact: string, settings: Pick<Settings, 'phoneCountry'>): string {
  return normalizePhone(contact, settings.phoneCountry) ?? contact;
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
  clean.contact = storedContact(clean.contact, settings);
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
  if (typeof edit.contact === 'string') edit.contact = storedContact(edit.contact, settings);
  return edit as CaseEdit;
}

/** A new case, registered at `now` by `actor` with id `id`. */
export function newCase(id: string, fields: Required<RegisterInput>, settings: Settings, actor: string, now: Ms): Case {
  const created: Omit<Case, keyof ClockMoments> = {
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
  return { ...created, ...clockMoments(created, settings) };
}

/** The case after an edit; a new criticality moves both due times. */
export function applyEdit(c: Case, edit: CaseEdit, settings: Settings, actor: string, now: Ms): Case {
  const next: Case = { ...c, ...edit, version: c.version + 1, updatedAt: now, updatedBy: normalizeEmail(actor) };
  if (edit.criticality && edit.criticality !== c.criticality) {
    next.dueFirstResponseAt = dueFirstResponse(settings, c.createdAt, edit.criticality);
    next.dueAt = dueResolution(settings, c.resolutionStartAt, edit.criticality, c.pausedMinutes);
  }
  return withClockMoments(next, settings);
}

/**
 * What choosing each criticality would do to `c` at `now`, with the same rule the edit applies
 * (applyEdit): the due times recounted from registration and from the start of the resolution
 * clock, the time paused for the client kept (docs/product.md, SLA and the business calendar); and
 * the owed due time a new criticality leaves already past (null when none is), which the edit form
 * names before saving.
 */
export interface CriticalityEffect {
  dueFirstResponseAt: Ms;
  dueAt: Ms;
  /** The earliest owed due time that `now` is past after the change; null when the case is not overdue. */
  overdueSince: Ms | null;
}

export function criticalityEffects(c: Case, settings: Settings, now: Ms): Record<Criticality, CriticalityEffect> {
  const effects = {} as Record<Criticality, CriticalityEffect>;
  for (const criticality of CRITICALITIES) {
    const next = applyEdit(c, { criticality }, settings, c.updatedBy, now);
    const sla = slaState(next, settings, now);
    const late = [
      ...(sla.firstResponseOverdue ? [next.dueFirstResponseAt] : []),
      ...(sla.resolutionOverdue ? [next.dueAt] : []),
    ];
    effects[criticality] = {
      dueFirstResponseAt: next.dueFirstResponseAt,
      dueAt: next.dueAt,
      overdueSince: late.length > 0 ? Math.min(...late) : null,
    };
  }
  return effects;
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

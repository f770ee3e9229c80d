/**
 * The sidebar's forms as plain data: what a person typed, the request it becomes, and the message
 * each field shows. The checks are the domain's own (validateRegistration, parseTransition,
 * stepProblems), so the sidebar says exactly what the server would, before anything is sent.
 * Pure: unit-tested in Node.
 */
import {
  EDITABLE_FIELDS,
  validateEdit,
  validateRegistration,
  type EditableField,
  type RegisterInput,
} from '../domain/case-input';
import { isDomainError, type Problem } from '../domain/errors';
import { t, type Lang } from '../domain/i18n';
import { defaultOwner, stepNeeds, type StepField } from '../domain/lifecycle';
import type { Case, Criticality, Status } from '../domain/model';
import type { Settings } from '../domain/settings';
import { parseTransition, stepProblems, type TransitionBody } from '../domain/transition-input';
import type { CaseView } from '../server/views';
import { splitByField, type ServerError } from './server-error';

export type FieldErrors = Record<string, string>;

/** Problems as one message per field (several problems of a field are joined). */
export function problemsByField(problems: readonly Problem[], lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const field = problem.field ?? '';
    const text = t(lang, problem.key, problem.params);
    errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
  }
  return errors;
}

/** A failed server call as field messages; `''` holds what is about no field. */
export function serverErrorsByField(error: ServerError, lang: Lang, labels?: Record<string, string>): FieldErrors {
  if (error.kind !== 'validation' && error.kind !== 'guard') return { '': error.message };
  const { byField, general } = splitByField(error, lang, labels);
  return general ? { ...byField, '': general } : byField;
}

/** Runs a domain check; its problems become field messages, nothing thrown means no errors. */
function collect(check: () => unknown, lang: Lang): FieldErrors {
  try {
    check();
    return {};
  } catch (error) {
    if (isDomainError(error)) return problemsByField(error.problems, lang);
    throw error;
  }
}

/** The case fields as typed: strings and flags, evidence as a list plus the link being typed. */
export type CaseFieldsDraft = Omit<Pick<Case, EditableField>, 'criticality'> & {
  criticality: Criticality | '';
  /** A link typed but not yet added: it counts, so nothing typed is lost on submit. */
  evidenceLink: string;
};

export type DraftField = Exclude<keyof CaseFieldsDraft, 'evidenceLink'>;

export function emptyDraft(): CaseFieldsDraft {
  return {
    orderNo: '',
    client: '',
    contact: '',
    channel: '',
    source: '',
    kind: '',
    summary: '',
    evidence: [],
    evidenceLink: '',
    criticality: '',
    ownerDept: '',
    ownerEmail: '',
    agent: '',
    manager: '',
    team: '',
    bypass: false,
    stopShipment: false,
  };
}

/** The draft of an existing case, for editing it. */
export function draftOf(view: CaseView): CaseFieldsDraft {
  const draft = emptyDraft();
  for (const field of EDITABLE_FIELDS) (draft as unknown as Record<string, unknown>)[field] = view[field];
  draft.evidence = [...view.evidence];
  return draft;
}

function evidenceOf(draft: Pick<CaseFieldsDraft, 'evidence' | 'evidenceLink'>): string[] {
  const typed = draft.evidenceLink.trim();
  return typed && !draft.evidence.includes(typed) ? [...draft.evidence, typed] : draft.evidence;
}

/** What apiRegisterCase gets: optional fields left out when empty (the server fills them). */
export function registrationInput(draft: CaseFieldsDraft): RegisterInput {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    orderNo: draft.orderNo.trim(),
    client: draft.client.trim(),
    contact: draft.contact.trim(),
    channel: draft.channel,
    source: draft.source,
    kind: draft.kind,
    summary: draft.summary.trim(),
    evidence: evidenceOf(draft),
    criticality: draft.criticality as Criticality,
    ownerDept: draft.ownerDept,
    ownerEmail: optional(draft.ownerEmail),
    agent: optional(draft.agent),
    manager: optional(draft.manager),
    team: optional(draft.team),
    bypass: draft.bypass,
    stopShipment: draft.stopShipment,
  };
}

export function registrationErrors(
  draft: CaseFieldsDraft,
  settings: Settings,
  caller: string,
  lang: Lang,
): FieldErrors {
  return collect(() => validateRegistration(registrationInput(draft), settings, caller), lang);
}

/** The fields an edit changes (only those are sent, so a concurrent edit of others is kept). */
export function editInput(before: CaseView, draft: CaseFieldsDraft): Record<string, unknown> {
  const after = { ...registrationInput(draft), ownerEmail: draft.ownerEmail.trim(), agent: draft.agent.trim() };
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    const value = after[field] ?? '';
    if (JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = value;
  }
  return changes;
}

export function editErrors(changes: Record<string, unknown>, settings: Settings, lang: Lang): FieldErrors {
  return collect(() => validateEdit(changes, settings), lang);
}

export { defaultOwner };

/** What a person may type when moving a case; each step asks only for some of it. */
export interface TransitionDraft {
  ownerDept: string;
  ownerEmail: string;
  resolution: string;
  evidence: string[];
  evidenceLink: string;
  rootCause: string;
  prevention: string;
  csat: string;
  nps: string;
  reason: string;
  note: string;
}

export type TransitionField = StepField;

export function emptyTransitionDraft(view: CaseView): TransitionDraft {
  return {
    ownerDept: view.ownerDept,
    ownerEmail: view.ownerEmail,
    resolution: '',
    evidence: [],
    evidenceLink: '',
    rootCause: '',
    prevention: '',
    csat: '',
    nps: '',
    reason: '',
    note: '',
  };
}

/**
 * What moving `view` to `to` asks for: the domain's stepNeeds, and nothing else. An empty list
 * means the step is taken at once, without a form.
 */
export function transitionFields(view: CaseView, to: Status): TransitionField[] {
  return stepNeeds(view, to).map((need) => need.field);
}

/** Is `field` one the step cannot go without (the form marks it)? */
export function transitionRequired(view: CaseView, to: Status, field: TransitionField): boolean {
  return stepNeeds(view, to).some((need) => need.field === field && need.required);
}

/** "5" → 5, "" → null, "abc" → NaN (which the domain then refuses with its message). */
function score(text: string): number | null {
  const trimmed = text.trim();
  return trimmed ? Number(trimmed) : null;
}

/**
 * The apiTransition body: the fields the step asks for, and nothing else. The owner goes only
 * when the person changed it; the evidence is the links added (the one being typed counts).
 */
export function transitionBody(view: CaseView, to: Status, draft: TransitionDraft): TransitionBody {
  const body: TransitionBody = { to, version: view.version };
  for (const field of transitionFields(view, to)) {
    if (field === 'csat' || field === 'nps') {
      const value = score(draft[field]);
      if (value !== null) body[field] = value;
    } else if (field === 'ownerDept' || field === 'ownerEmail') {
      const value = draft[field].trim();
      if (value !== view[field]) body[field] = value;
    } else if (field === 'evidence') {
      const added = evidenceOf({ evidence: draft.evidence, evidenceLink: draft.evidenceLink });
      if (added.length > 0) body.evidence = added;
    } else if (field === 'note') {
      if (draft.note.trim()) body.note = draft.note.trim();
    } else {
      body[field] = draft[field].trim();
    }
  }
  return body;
}

/** Every message the step would get from the server, by field, checked before anything is sent. */
export function transitionErrors(
  view: CaseView,
  to: Status,
  draft: TransitionDraft,
  settings: Settings,
  lang: Lang,
): FieldErrors {
  const body = transitionBody(view, to, draft);
  // A problem the body's parsing and the step both find (a score out of range) is said once.
  return {
    ...problemsByField(stepProblems(view, body, settings), lang),
    ...collect(() => parseTransition(body, settings), lang),
  };
}

/**
 * The messages a form shows after a change of its draft from `before` to `after`: a field's
 * message goes as soon as the field is valid, and one it still has is updated to what is wrong
 * now. `check` is the form's own check (the domain's rules, as the server applies them); a message
 * that check never found (the server's word: a rule only the server can apply) stays until its
 * field changes. The general message "fix the fields" (`fixFields`) goes with the last field
 * message; any other general message (a conflict, the server's) stays. Nothing is added: a field
 * not yet shown as wrong is not reproached while it is being typed.
 */
export function revalidate<D extends object>(
  shown: FieldErrors,
  before: D,
  after: D,
  check: (draft: D) => FieldErrors,
  fixFields: string,
): FieldErrors {
  if (Object.keys(shown).length === 0 || before === after) return shown;
  const was = check(before);
  const now = check(after);
  const next: FieldErrors = {};
  for (const [field, text] of Object.entries(shown)) {
    if (field === '') continue;
    if (now[field]) next[field] = now[field];
    else if (!was[field] && !fieldChanged(field, before, after)) next[field] = text;
  }
  const general = shown[''];
  const fieldsLeft = Object.keys(next).length > 0;
  if (general === fixFields) {
    if (fieldsLeft) next[''] = general;
  } else if (general) {
    if (now['']) next[''] = now[''];
    else if (!was['']) next[''] = general;
  }
  return next;
}

/** Did the person change `field` (the evidence field is the links and the link being typed)? */
function fieldChanged(field: string, before: object, after: object): boolean {
  const value = (draft: object, key: string) => JSON.stringify((draft as Record<string, unknown>)[key]);
  if (field === 'evidence' && value(before, 'evidenceLink') !== value(after, 'evidenceLink')) return true;
  return value(before, field) !== value(after, field);
}

/**
 * The fields of a case, declared once: what each one holds, who writes it, and whether
 * registration requires it. The `Case` type, the fields a person may edit, the registration input
 * and its checks, the API's view and the Cases tab's columns are all derived from this list, so a
 * new field is added here and the compiler names every place that must learn about it.
 */
import type { Criticality, Ms, Status } from './model';

/** What a field holds: each kind is checked, written to a cell and read back in one way. */
export interface FieldKinds {
  /** The case number, PREFIX-YYYY-NNNNN. */
  caseId: string;
  text: string;
  /** What a person writes about the case: longer than a name or a number. */
  longtext: string;
  /** One of the values of a Settings list (which one: the field's `from`). */
  choice: string;
  email: string;
  /** Links, one per line in the sheet. */
  links: string[];
  bool: boolean;
  status: Status;
  criticality: Criticality;
  date: Ms;
  /** Null until it happens. */
  optionalDate: Ms | null;
  number: number;
  /** Null until it is given. */
  optionalNumber: number | null;
}
export type FieldKind = keyof FieldKinds;

/** The Settings list a choice field takes its values from. */
export type ChoiceList = 'channels' | 'sources' | 'kinds' | 'departments' | 'rootCauses';

/**
 * Who writes a field: a `person` (registration, apiUpdateCase, or its cell), a lifecycle `step`
 * (a transition sets it; a person typing it into the sheet is checked as that step would), or
 * `arbiter` alone (protected in the sheet, put back when a person edits it).
 */
export type FieldWriter = 'person' | 'step' | 'arbiter';

/** A person's field says whether registration requires it (and an edit may not clear it). */
type WriterSpec =
  | { readonly by: 'person'; readonly required: boolean }
  | { readonly by: 'step' | 'arbiter'; readonly required?: never };

/** A choice field names its Settings list, and only a choice field has one. */
type KindSpec =
  | { readonly kind: 'choice'; readonly from: ChoiceList }
  | { readonly kind: Exclude<FieldKind, 'choice'>; readonly from?: never };

type FieldSpec = WriterSpec & KindSpec;

/** The fields in the order a case object lists them. */
export const CASE_FIELDS = {
  id: { kind: 'caseId', by: 'arbiter' },
  version: { kind: 'number', by: 'arbiter' },
  status: { kind: 'status', by: 'step' },
  criticality: { kind: 'criticality', by: 'person', required: true },
  orderNo: { kind: 'text', by: 'person', required: true },
  client: { kind: 'text', by: 'person', required: true },
  contact: { kind: 'text', by: 'person', required: true },
  channel: { kind: 'choice', from: 'channels', by: 'person', required: true },
  source: { kind: 'choice', from: 'sources', by: 'person', required: true },
  kind: { kind: 'choice', from: 'kinds', by: 'person', required: true },
  summary: { kind: 'longtext', by: 'person', required: true },
  /** Links to photos, videos, acts. */
  evidence: { kind: 'links', by: 'person', required: false },
  ownerDept: { kind: 'choice', from: 'departments', by: 'person', required: true },
  /** Registration names the department's first owner when it is left empty. */
  ownerEmail: { kind: 'email', by: 'person', required: false },
  /** The client-service agent answerable to the client (the registering person by default). */
  agent: { kind: 'email', by: 'person', required: false },
  manager: { kind: 'text', by: 'person', required: false },
  team: { kind: 'text', by: 'person', required: false },
  /** The client was promised something past client service (target: never; docs/product.md, KPIs). */
  bypass: { kind: 'bool', by: 'person', required: false },
  /** Shipment or installation stopped for this case. */
  stopShipment: { kind: 'bool', by: 'person', required: false },
  createdAt: { kind: 'date', by: 'arbiter' },
  createdBy: { kind: 'email', by: 'arbiter' },
  updatedAt: { kind: 'date', by: 'arbiter' },
  updatedBy: { kind: 'email', by: 'arbiter' },
  dueFirstResponseAt: { kind: 'date', by: 'arbiter' },
  firstResponseAt: { kind: 'optionalDate', by: 'arbiter' },
  /** Start of the current resolution clock: registration, or the last reopening. */
  resolutionStartAt: { kind: 'date', by: 'arbiter' },
  /** Business minutes spent in waiting_client during the current resolution clock. */
  pausedMinutes: { kind: 'number', by: 'arbiter' },
  /** When the case entered waiting_client (null when it is not waiting). */
  waitingSince: { kind: 'optionalDate', by: 'arbiter' },
  dueAt: { kind: 'date', by: 'arbiter' },
  resolvedAt: { kind: 'optionalDate', by: 'arbiter' },
  closedAt: { kind: 'optionalDate', by: 'arbiter' },
  cancelledAt: { kind: 'optionalDate', by: 'arbiter' },
  resolution: { kind: 'longtext', by: 'step' },
  rootCause: { kind: 'choice', from: 'rootCauses', by: 'step' },
  prevention: { kind: 'longtext', by: 'step' },
  cancelReason: { kind: 'longtext', by: 'step' },
  csat: { kind: 'optionalNumber', by: 'step' },
  nps: { kind: 'optionalNumber', by: 'step' },
  reopenCount: { kind: 'number', by: 'arbiter' },
  /** 0 = none, 1 = owner, 2 = department head, 3 = COO/CEO. */
  escalationLevel: { kind: 'number', by: 'arbiter' },
  /** When the row turns amber: 75 % of an owed target used (null when nothing owed). See sla.ts clockMoments. */
  atRiskAt: { kind: 'optionalDate', by: 'arbiter' },
  /** When the row turns red: the earliest owed due time (null when nothing owed). */
  nextDueAt: { kind: 'optionalDate', by: 'arbiter' },
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof CASE_FIELDS;
export type CaseField = keyof Fields;

/** One case: one row of the Cases tab. Optional timestamps are null until they happen. */
export type Case = { -readonly [F in keyof Fields]: FieldKinds[Fields[F]['kind']] };

/** The fields that hold a value of kind `K`. */
export type FieldOfKind<K extends FieldKind> = { [F in CaseField]: Fields[F]['kind'] extends K ? F : never }[CaseField];

/** Fields a person may change: registration, apiUpdateCase and their cells. */
export type EditableField = { [F in CaseField]: Fields[F]['by'] extends 'person' ? F : never }[CaseField];

/** Fields registration requires. */
export type RequiredField = { [F in CaseField]: Fields[F] extends { required: true } ? F : never }[CaseField];

export const CASE_FIELD_NAMES = Object.keys(CASE_FIELDS) as readonly CaseField[];

export const EDITABLE_FIELDS: readonly EditableField[] = CASE_FIELD_NAMES.filter(
  (field): field is EditableField => CASE_FIELDS[field].by === 'person',
);

export const isSystemField = (field: CaseField): boolean => CASE_FIELDS[field].by === 'arbiter';

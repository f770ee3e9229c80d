/**
 * The Zones of growth and CSI forms as plain data (docs/product.md, Zones of growth and CSI): what a
 * person typed, the request it becomes, what each step of an entry asks for, and the message each
 * field shows. A new entry and a CSI comment are checked with the domain's own rules
 * (parseGrowthZoneInput, parseCsiInput) before anything is sent; a step's guards are the server's
 * to say (their sentences live in its own catalog, src/domain/i18n/zones.ts, which the sidebar does
 * not bundle), and the form asks for what they need. Pure: unit-tested in Node.
 */
import { parseCsiInput, parseGrowthZoneInput } from '../domain/growth-zone-lifecycle';
import type { CsiInput, CsiRole, GrowthZoneInput, ZoneCategory, ZoneSource, ZoneStatus } from '../domain/growth-zones';
import { isDomainError } from '../domain/errors';
import { isMessageKey, type Lang } from '../domain/i18n';
import type { Settings } from '../domain/settings';
import { problemsByField, type FieldErrors } from './forms';
import type { GrowthZoneView } from '../server/contract';

export interface ZoneDraft {
  manager: string;
  team: string;
  teamLeaderEmail: string;
  source: ZoneSource | '';
  category: ZoneCategory | '';
  standard: string;
  link: string;
  description: string;
}

export function emptyZoneDraft(): ZoneDraft {
  return {
    manager: '',
    team: '',
    teamLeaderEmail: '',
    source: '',
    category: '',
    standard: '',
    link: '',
    description: '',
  };
}

/** The teams of the team list (Settings) whose members include a sales team leader. */
export function leaderTeams(settings: Settings): string[] {
  return [...new Set(settings.team.filter((m) => m.role === 'team_leader' && m.team).map((m) => m.team))];
}

/** The team's leader in Settings: who an entry of that team goes to unless someone else is named. */
export function teamLeaderOf(settings: Settings, team: string): string {
  return settings.team.find((m) => m.role === 'team_leader' && m.team === team)?.email ?? '';
}

/** What apiLogGrowthZone gets: every field trimmed, the link left out when empty. */
export function zoneInput(draft: ZoneDraft): GrowthZoneInput {
  const link = draft.link.trim();
  return {
    manager: draft.manager.trim(),
    team: draft.team.trim(),
    teamLeaderEmail: draft.teamLeaderEmail.trim(),
    source: draft.source as ZoneSource,
    category: draft.category as ZoneCategory,
    standard: draft.standard.trim(),
    ...(link ? { link } : {}),
    description: draft.description.trim(),
  };
}

/**
 * The domain's check, when the sidebar can say all it finds: some refusals are worded only in the
 * server's catalog (src/domain/i18n/zones.ts, kept out of the bundle); then nothing is said here
 * and the server says them all.
 */
function checked(check: () => unknown, lang: Lang): FieldErrors {
  try {
    check();
    return {};
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error.problems.every((p) => isMessageKey(p.key)) ? problemsByField(error.problems, lang) : {};
  }
}

/** Field messages with, when any is about a field, `fixFields` above the form's buttons. */
export function withFixFields(errors: FieldErrors, fixFields: string): FieldErrors {
  return Object.keys(errors).some(Boolean) ? { '': fixFields, ...errors } : errors;
}

/** Every message logging `draft` would get from the server, by field. */
export function zoneInputErrors(draft: ZoneDraft, lang: Lang): FieldErrors {
  return checked(() => parseGrowthZoneInput(zoneInput(draft)), lang);
}

/** What a person may type for a step of an entry; each step asks only for some of it. */
export interface ZoneStepDraft {
  date: string;
  processAnswer: string;
  reason: string;
  note: string;
}

export type ZoneStepField = keyof ZoneStepDraft;

export function emptyZoneStepDraft(view: Pick<GrowthZoneView, 'processAnswer'>): ZoneStepDraft {
  return { date: '', processAnswer: view.processAnswer, reason: '', note: '' };
}

/**
 * What moving an entry to `to` asks for, the required field first: the briefing's date; for a
 * process error held, what process failed and what is being changed (and, for any briefing held,
 * the day it was, today if not given); the reason of an appeal and of its decision. Every step may
 * carry a comment.
 */
export function zoneStepFields(view: Pick<GrowthZoneView, 'category'>, to: ZoneStatus): ZoneStepField[] {
  if (to === 'briefing_scheduled') return ['date', 'note'];
  if (to === 'briefing_held') return view.category === 'process' ? ['processAnswer', 'date', 'note'] : ['date', 'note'];
  if (to === 'appealed' || to === 'accepted' || to === 'rejected') return ['reason', 'note'];
  return ['note'];
}

/** Is `field` one the step cannot go without (the form marks it)? */
export function zoneStepRequired(view: Pick<GrowthZoneView, 'category'>, to: ZoneStatus, field: ZoneStepField) {
  return zoneStepFields(view, to)[0] === field && field !== 'note' && !(field === 'date' && to === 'briefing_held');
}

/** The apiMoveGrowthZone body: the fields the step asks for that were typed, and nothing else. */
export function zoneStepBody(view: GrowthZoneView, to: ZoneStatus, draft: ZoneStepDraft) {
  const body: { to: ZoneStatus; version: number } & Partial<ZoneStepDraft> = { to, version: view.version };
  for (const field of zoneStepFields(view, to)) {
    const value = draft[field].trim();
    if (value) body[field] = value;
  }
  return body;
}

export interface CsiDraft {
  at: string;
  manager: string;
  role: CsiRole | '';
  team: string;
  comment: string;
  score: string;
  caseId: string;
  orderNo: string;
  client: string;
}

export function emptyCsiDraft(today: string): CsiDraft {
  return { at: today, manager: '', role: '', team: '', comment: '', score: '', caseId: '', orderNo: '', client: '' };
}

/** What apiLogCsi gets; a score left empty is left out (the server says it is required). */
export function csiInput(draft: CsiDraft): CsiInput {
  const optional = (value: string) => (value.trim() ? { value: value.trim() } : null);
  const caseId = optional(draft.caseId);
  const orderNo = optional(draft.orderNo);
  const client = optional(draft.client);
  return {
    at: draft.at.trim(),
    manager: draft.manager.trim(),
    role: draft.role as CsiRole,
    team: draft.team.trim(),
    comment: draft.comment.trim(),
    ...(draft.score.trim() ? { score: Number(draft.score.trim()) } : {}),
    ...(caseId ? { caseId: caseId.value } : {}),
    ...(orderNo ? { orderNo: orderNo.value } : {}),
    ...(client ? { client: client.value } : {}),
  } as CsiInput;
}

/** Every message logging the comment would get from the server, by field. */
export function csiErrors(draft: CsiDraft, now: number, lang: Lang): FieldErrors {
  return checked(() => parseCsiInput(csiInput(draft), undefined, now), lang);
}

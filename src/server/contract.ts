/**
 * The sidebar's API: what each function it calls through google.script.run takes and returns.
 * Both sides use this file. The sidebar (src/ui/rpc.ts) takes every argument and result type from
 * here. The server's api* functions declare their inputs `unknown` and validate them, since a
 * browser can send anything; the checks at the end of this file make the compiler prove that
 * each of them still accepts what the contract sends and returns what it promises.
 *
 * google.script.run carries plain data: a Date in a result arrives as null. So every date here is
 * an ISO-8601 string (`Iso`), and `NoDates` below refuses a Date anywhere in the contract.
 */
import type { CaseEdit, RegisterInput } from '../domain/case-input';
import type { MessageSentInput, NoteInput } from '../domain/conversation';
import type { TransitionInput } from '../domain/lifecycle';
import type { Settings } from '../domain/settings';
import type { RenderedMessage } from '../domain/templates';
import type { Bootstrap, CaseList, ListQuery, RenderedTemplate } from './api';
import type { PendingPromiseView, PromiseResult } from './promise';
import type { NoteResult } from './conversation';
import type { EvidenceUpload, UploadedEvidence } from './evidence';
import type { AddToCaseInput, CaseMatch, MatchQuery } from './matches';
import type * as Server from './index';
import type { CaseView, Iso } from './views';
import type { CsiInput, GrowthZoneInput, GrowthZoneStep } from '../domain/growth-zones';
import type { CsiList, CsiQuery, GrowthZoneList, GrowthZoneQuery, ZoneSummary, ZoneSummaryQuery } from './zones-api';
import type { CsiView, GrowthZoneView, ManagerSummaryView, ZoneEventView } from './zone-views';

export type { Bootstrap, CaseList, CaseView, EvidenceUpload, Iso, ListQuery, RegisterInput, Settings };
export type { EventView } from './views';
export type { RenderedMessage, UploadedEvidence };
export type { AddToCaseInput, CaseMatch, MatchQuery };
export type { MessageSentInput, NoteInput, NoteResult, RenderedTemplate };
export type { PendingPromiseView, PromiseResult };
export type { CsiInput, CsiList, CsiQuery, CsiView, GrowthZoneInput, GrowthZoneList, GrowthZoneQuery, GrowthZoneView };
export type { ManagerSummaryView, ZoneEventView, ZoneSummary, ZoneSummaryQuery };

/** A change names the version of the case it was made on; the server refuses a stale one. */
interface Versioned {
  version: number;
}

/** Moving a case: the step and what it needs (lifecycle.ts), at a version. */
export type TransitionRequest = TransitionInput & Versioned;
/** Changing a case's fields (case-input.ts), at a version. */
export type EditRequest = CaseEdit & Versioned;
export type FirstResponseRequest = Versioned;
/** A new deadline: an ISO moment, at a version (promise.ts). */
export type PromiseRequest = { at: Iso } & Versioned;
/** A lead's decision on a proposed deadline, at a version. */
export type PromiseDecisionRequest = { approve: boolean } & Versioned;
/** Moving a zone of growth: the step and what it needs (growth-zones.ts), at a version. */
export type MoveGrowthZoneRequest = GrowthZoneStep & Versioned;

/**
 * One entry per function. Property syntax, not method syntax: TypeScript checks a method's
 * parameters both ways (bivariantly), which would let a server function that accepts less pass.
 */
export interface SidebarApi {
  apiBootstrap: () => Bootstrap;
  apiGetSettings: () => Settings;
  apiSaveSettings: (settings: Settings) => Settings;
  /** `acknowledgedMatches`: the open cases the person saw and registers anew beside (apiFindMatches). */
  apiRegisterCase: (input: RegisterInput & { acknowledgedMatches?: string[] }) => CaseView;
  // A client's cases and duplicates (docs/product.md, Finding cases).
  apiFindMatches: (query: MatchQuery) => CaseMatch[];
  apiClientCases: (id: string) => CaseMatch[];
  apiAddToCase: (id: string, input: AddToCaseInput) => { id: string; note: string };
  apiGetCase: (id: string) => CaseView & { now: Iso; pendingPromise: PendingPromiseView | null };
  apiListCases: (query: ListQuery) => CaseList;
  apiTransition: (id: string, body: TransitionRequest) => CaseView;
  apiUpdateCase: (id: string, body: EditRequest) => CaseView;
  apiRecordFirstResponse: (id: string, body: FirstResponseRequest) => CaseView;
  apiRenderTemplate: (id: string, key: string) => RenderedTemplate;
  apiUploadEvidence: (upload: EvidenceUpload) => UploadedEvidence;
  // The conversation (docs/product.md, Notes and messages).
  apiAddNote: (id: string, body: NoteInput) => NoteResult;
  apiRecordMessage: (id: string, body: MessageSentInput) => CaseView;
  apiSetPromise: (id: string, body: PromiseRequest) => PromiseResult;
  apiDecidePromise: (id: string, body: PromiseDecisionRequest) => PromiseResult;
  // Zones of growth and CSI (docs/product.md, Zones of growth and CSI).
  apiLogGrowthZone: (input: GrowthZoneInput) => GrowthZoneView;
  apiMoveGrowthZone: (id: string, body: MoveGrowthZoneRequest) => GrowthZoneView;
  apiLogCsi: (input: CsiInput) => CsiView;
  apiListGrowthZones: (query: GrowthZoneQuery) => GrowthZoneList;
  apiGetGrowthZone: (id: string) => GrowthZoneView & { events: ZoneEventView[] };
  apiListCsi: (query: CsiQuery) => CsiList;
  apiZoneSummary: (query: ZoneSummaryQuery) => ZoneSummary;
}

export type ApiName = keyof SidebarApi;

/** `Impl` compiles only when it fits `Api`: it accepts every request and returns what is promised. */
export type Fits<Impl extends Api, Api> = Impl;

/** A type with a Date anywhere inside (a result's Date would reach the sidebar as null). */
export type HasDate<T> = T extends Date
  ? true
  : T extends (...args: never[]) => unknown
    ? false
    : T extends object
      ? true extends { [K in keyof T]-?: HasDate<T[K]> }[keyof T]
        ? true
        : false
      : false;

/** Compiles only when no request or result of the API holds a Date. */
export type NoDates<Api extends { [K in keyof Api]: (...args: never[]) => unknown }> = {
  [K in keyof Api]: HasDate<Parameters<Api[K]>> extends true
    ? `${K & string}: a request holds a Date`
    : HasDate<ReturnType<Api[K]>> extends true
      ? `${K & string}: a result holds a Date`
      : K;
}[keyof Api];

type ServerApi = typeof Server;
type ServerApiName = Extract<keyof ServerApi, `api${string}`>;

/** Every exported api* function of src/server/index.ts fits its entry, and has one. */
export type CheckedServer = Fits<Pick<ServerApi, ServerApiName>, SidebarApi>;
export type CheckedNames = Fits<ServerApiName, ApiName>;
export type CheckedDates = Fits<NoDates<SidebarApi>, ApiName>;

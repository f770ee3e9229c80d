/**
 * A new deadline promised to the client once the old one has passed (docs/product.md, Notes and
 * messages: promises). The agent proposes it; for criticality C (or from a lead) it is the new
 * deadline at once, for A and B a lead approves or declines it in the sidebar. Each call validates
 * first, then under the document lock reads the case at the version the caller saw and writes one
 * Events row (and, for a new deadline, the case's row).
 */
import { fail } from '../domain/errors';
import {
  checkMayPromise,
  declinedEvent,
  needsApproval,
  parseDecision,
  parsePromise,
  pendingPromise,
  promisePassed,
  proposalEvent,
  withPromise,
  type PendingPromise,
} from '../domain/promise';
import { localIso } from '../domain/zoned-time';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { appendEvents, readCaseEvents, requireWholeRows } from '../sheets/cases-repo';
import { eventsTable } from '../sheets/workbook';
import { actorOf, checkId, commit, loadForChange } from './api';
import { handleRequest, LEADS } from './context';
import { caseView, type CaseView, type Iso } from './views';

export interface PendingPromiseView {
  at: Iso;
  by: string;
  proposedAt: Iso;
}

export function pendingPromiseView(pending: PendingPromise | null): PendingPromiseView | null {
  return pending
    ? {
        at: new Date(pending.at).toISOString(),
        by: pending.by,
        proposedAt: new Date(pending.proposedAt).toISOString(),
      }
    : null;
}

/** A case's view with the proposal waiting for a lead, if any. */
export type PromiseResult = CaseView & { pendingPromise: PendingPromiseView | null };

export function apiSetPromise(id: unknown, input: unknown): PromiseResult {
  return handleRequest(['agent', 'lead'], (ctx) => {
    const caseId = checkId(id);
    const at = now();
    const promise = parsePromise(input, at);
    return withDocumentLock(() => {
      const { table, record } = loadForChange(ctx, caseId, promise.version);
      const c = record.value;
      checkMayPromise(c, actorOf(ctx));
      if (!promisePassed(c, at)) fail('guard', 'promise.notPassed', { id: caseId });
      if (!needsApproval(c, actorOf(ctx))) {
        const next = withPromise(c, promise.at, ctx.email, at, ctx.settings);
        return { ...commit(ctx, table, record, next, 'promise', '', at), pendingPromise: null };
      }
      const events = eventsTable(ctx.wb);
      requireWholeRows(events);
      appendEvents(events, [proposalEvent(c, localIso(promise.at, ctx.wb.timeZone), ctx.email, at)]);
      return {
        ...caseView(c, ctx.settings, at, actorOf(ctx)),
        pendingPromise: pendingPromiseView({ at: promise.at, by: ctx.email, proposedAt: at }),
      };
    });
  });
}

/** A lead approves the proposed deadline (it becomes the case's) or declines it. */
export function apiDecidePromise(id: unknown, input: unknown): PromiseResult {
  return handleRequest(LEADS, (ctx) => {
    const caseId = checkId(id);
    const decision = parseDecision(input);
    return withDocumentLock(() => {
      const at = now();
      const { table, record } = loadForChange(ctx, caseId, decision.version);
      const c = record.value;
      checkMayPromise(c, actorOf(ctx));
      const pending = pendingPromise(readCaseEvents(eventsTable(ctx.wb), caseId));
      if (!pending) fail('guard', 'promise.nonePending', { id: caseId });
      if (decision.approve) {
        if (pending.at <= at) fail('guard', 'promise.expired', { id: caseId });
        const next = withPromise(c, pending.at, ctx.email, at, ctx.settings);
        return { ...commit(ctx, table, record, next, 'promise', pending.by, at), pendingPromise: null };
      }
      const events = eventsTable(ctx.wb);
      requireWholeRows(events);
      appendEvents(events, [declinedEvent(c, ctx.email, at)]);
      return { ...caseView(c, ctx.settings, at, actorOf(ctx)), pendingPromise: null };
    });
  });
}

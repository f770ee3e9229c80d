/**
 * The conversation around a case (docs/product.md, Notes and messages): notes and questions on
 * its thread, and client messages sent. Each call validates everything first, then under the
 * document lock reads the case (one TextFinder, one row), checks who may write and the version
 * the caller saw, and appends its Events rows in one batch. A question's email is sent once,
 * after the lock, as the person who asked.
 */
import {
  addresseeProblem,
  checkMayNote,
  messageEvent,
  noteEvent,
  parseMessageSent,
  parseNote,
} from '../domain/conversation';
import { DomainError, fail } from '../domain/errors';
import { renderEmail } from '../domain/email-render';
import { tServer } from '../domain/i18n/server';
import { checkMayChange } from '../domain/lifecycle';
import type { Case } from '../domain/model';
import { languageOf } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { mailQuotaLeft, sendMail } from '../services/mail';
import { appendEvents, checkCellsFit, eventToCells, loadCase, requireWholeRows } from '../sheets/cases-repo';
import { casesTable, eventsTable } from '../sheets/workbook';
import { actorOf, answered, bodyOf, checkId, commit } from './api';
import { handleRequest, type RequestContext } from './context';
import { caseView, eventView, type CaseView, type EventView } from './views';

/** Whoever works on a case writes on its thread (the domain decides which cases: mayNote). */
const NOTE_WRITERS = ['agent', 'lead', 'owner'] as const;

export interface NoteResult {
  /** The note as the thread shows it. */
  note: EventView;
  /** A question's addressee was emailed (false for a note, or when mail could not be sent). */
  notified: boolean;
}

/** The case, read under the lock; a stale `version`, when the caller gave one, is a conflict. */
function loadAt(ctx: RequestContext, id: string, version: number | undefined) {
  const table = casesTable(ctx.wb);
  const record = loadCase(table, id, ctx.lang);
  if (version !== undefined && record.value.version !== version)
    fail('conflict', 'case.conflict', { id, actual: record.value.version, expected: version });
  return { table, record };
}

export function apiAddNote(id: unknown, input: unknown): NoteResult {
  return handleRequest(NOTE_WRITERS, (ctx) => {
    const caseId = checkId(id);
    const note = parseNote(input);
    const { event, c } = withDocumentLock(() => {
      const at = now();
      const { record } = loadAt(ctx, caseId, note.version);
      const c = record.value;
      checkMayNote(c, actorOf(ctx));
      const problem = note.to ? addresseeProblem(c, note.to, actorOf(ctx), ctx.settings) : null;
      if (problem) throw new DomainError('validation', [problem]);
      const event = noteEvent(c, note, ctx.email, at);
      checkCellsFit([eventToCells(event)]);
      const events = eventsTable(ctx.wb);
      requireWholeRows(events);
      appendEvents(events, [event]);
      return { event, c };
    });
    const notified = note.to ? notify(ctx, c, note.to, note.text) : false;
    return { note: eventView(event), notified };
  });
}

/**
 * Emails a question to its addressee, once: the Events row is already written, so a failure to
 * send leaves the question on the case (the sidebar says so) and is never retried into a second email.
 */
function notify(ctx: RequestContext, c: Case, to: string, text: string): boolean {
  const lang = languageOf(ctx.settings, to);
  const who = ctx.settings.team.find((m) => m.email === ctx.email)?.name || ctx.email;
  const mail = renderEmail({
    lang,
    subject: tServer(lang, 'question.subject', { id: c.id }),
    title: tServer(lang, 'question.title', { who, id: c.id }),
    intro: tServer(lang, 'question.intro'),
    sections: [{ title: c.id, items: [{ title: `${c.id} · ${c.client} · ${c.criticality}`, facts: [], text }] }],
    link: { url: ctx.wb.ss.getUrl(), label: tServer(lang, 'question.open') },
  });
  try {
    if (mailQuotaLeft() < 1) return false;
    sendMail({ to, ...mail });
    return true;
  } catch (error) {
    console.warn(`The question on ${c.id} was recorded but not emailed: ${String(error)}`);
    return false;
  }
}

/**
 * A client message sent from the sidebar (copied, or opened in WhatsApp): one `message` row; when
 * the agent counts it as the first response, the first response is recorded the one way it always
 * is (`answered`), as its own `first_response` row after it, in the same write.
 */
export function apiRecordMessage(id: unknown, input: unknown): CaseView {
  return handleRequest(['agent', 'lead'], (ctx) => {
    const caseId = checkId(id);
    const sent = parseMessageSent(bodyOf(input), ctx.settings);
    const templateName = ctx.settings.templates.find((tpl) => tpl.key === sent.template)?.name || sent.template;
    return withDocumentLock(() => {
      const at = now();
      const { table, record } = loadAt(ctx, caseId, sent.version);
      const c = record.value;
      checkMayChange(c, ctx.role);
      const message = messageEvent(c, sent, templateName, ctx.email, at);
      if (sent.firstResponse)
        return commit(ctx, table, record, answered(ctx, c, at), 'first_response', '', at, [message]);
      checkCellsFit([eventToCells(message)]);
      const events = eventsTable(ctx.wb);
      requireWholeRows(events);
      appendEvents(events, [message]);
      return caseView(c, ctx.settings, at, actorOf(ctx));
    });
  });
}

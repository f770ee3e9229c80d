/**
 * The conversation around a case (docs/product.md, Notes and messages): internal notes, questions
 * addressed to a colleague, and client messages sent. None of them changes the case's fields, so
 * none raises its version; each is one Events row, whose `changes` hold the note's own data
 * (never replayed as a case's fields: NON_CASE_EVENTS).
 */
import { DomainError, fail, type Problem } from './errors';
import type { CaseEvent } from './events';
import { checkMayChange, type Actor } from './lifecycle';
import { MAX_LONG_TEXT, MAX_TEXT } from './limits';
import type { Case, Ms } from './model';
import { isEmail, normalizeEmail, roleOf, type Settings } from './settings';
import { versionProblem } from './transition-input';
import { excerpt, recordOf } from './untrusted';

/** How a client message left the sidebar: copied to the clipboard, or opened in WhatsApp. */
export const MESSAGE_CHANNELS = ['copy', 'whatsapp'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** A note: its text; a question names whom it asks (an email). `version`, when given, must be current. */
export interface NoteInput {
  text: string;
  /** The colleague a question is addressed to: notified by email once. */
  to?: string;
  version?: number;
}

/** A client message sent; `firstResponse` asks to count it as the case's first response. */
export interface MessageSentInput {
  template: string;
  channel: MessageChannel;
  firstResponse?: boolean;
  version?: number;
}

function optionalVersion(raw: Record<string, unknown>, problems: Problem[]): number | undefined {
  if (raw.version === undefined || raw.version === null) return undefined;
  const problem = versionProblem(raw.version);
  if (problem) problems.push(problem);
  return raw.version as number;
}

/** Validates a note's body, every problem at once. */
export function parseNote(input: unknown): NoteInput {
  const raw = recordOf(input);
  if (!raw) throw new DomainError('validation', [{ key: 'input.object' }]);
  const problems: Problem[] = [];
  const version = optionalVersion(raw, problems);
  let text = '';
  if (typeof raw.text !== 'string') problems.push({ key: 'input.text', field: 'note' });
  else {
    text = raw.text.trim();
    if (!text) problems.push({ key: 'input.required', field: 'note' });
    else if (text.length > MAX_LONG_TEXT)
      problems.push({ key: 'input.tooLong', field: 'note', params: { max: MAX_LONG_TEXT } });
  }
  let to: string | undefined;
  if (raw.to !== undefined && raw.to !== null && raw.to !== '') {
    if (typeof raw.to !== 'string' || raw.to.length > MAX_TEXT || !isEmail(raw.to.trim()))
      problems.push({ key: 'input.email', field: 'noteTo', params: { value: excerpt(String(raw.to ?? '')) } });
    else to = normalizeEmail(raw.to);
  }
  if (problems.length > 0) throw new DomainError('validation', problems);
  return { text, ...(to ? { to } : {}), ...(version !== undefined ? { version } : {}) };
}

/** Validates what the sidebar reports of a message sent. */
export function parseMessageSent(input: unknown, settings: Settings): MessageSentInput {
  const raw = recordOf(input);
  if (!raw) throw new DomainError('validation', [{ key: 'input.object' }]);
  const problems: Problem[] = [];
  const version = optionalVersion(raw, problems);
  if (typeof raw.template !== 'string' || !settings.templates.some((tpl) => tpl.key === raw.template))
    problems.push({
      key: 'case.templateUnknown',
      field: 'template',
      params: { key: excerpt(typeof raw.template === 'string' ? raw.template : '') },
    });
  if (!MESSAGE_CHANNELS.includes(raw.channel as MessageChannel))
    problems.push({ key: 'message.channel', field: 'channel' });
  if (raw.firstResponse !== undefined && typeof raw.firstResponse !== 'boolean')
    problems.push({ key: 'input.boolean', field: 'firstResponse' });
  // Counting the first response changes the case: it is made on the version the agent saw.
  if (raw.firstResponse === true && version === undefined) problems.push({ key: 'input.version', field: 'version' });
  if (problems.length > 0) throw new DomainError('validation', problems);
  return {
    template: raw.template as string,
    channel: raw.channel as MessageChannel,
    ...(raw.firstResponse === true ? { firstResponse: true } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

/**
 * Who may write on a case's thread: whoever works on it, an agent or a lead, and the department
 * owner of their own case; a finished case is a lead's. Viewers and team leaders read.
 */
export function mayNote(c: Pick<Case, 'status' | 'ownerEmail'>, actor: Actor): boolean {
  if (actor.role === 'lead') return true;
  if (c.status === 'closed' || c.status === 'cancelled') return false;
  if (actor.role === 'agent') return true;
  return actor.role === 'owner' && normalizeEmail(c.ownerEmail) === normalizeEmail(actor.email);
}

export function checkMayNote(c: Pick<Case, 'id' | 'status' | 'ownerEmail'>, actor: Actor): void {
  checkMayChange(c, actor.role);
  if (!mayNote(c, actor)) fail('forbidden', 'note.forbidden');
}

/**
 * Whom a question may ask: the case's agent, its owner, or a lead (someone who can answer it on
 * the case), never the asker.
 */
export function addresseeProblem(c: Pick<Case, 'agent' | 'ownerEmail'>, to: string, actor: Actor, settings: Settings) {
  const email = normalizeEmail(to);
  const onCase = [c.agent, c.ownerEmail].map(normalizeEmail).includes(email);
  if (email === normalizeEmail(actor.email) || !(onCase || roleOf(settings, email) === 'lead'))
    return { key: 'note.addressee', field: 'noteTo', params: { value: excerpt(to) } } satisfies Problem;
  return null;
}

/** The Events row of a note (or a question, when it names whom it asks) on `c`. */
export function noteEvent(c: Pick<Case, 'id' | 'version'>, note: NoteInput, actor: string, at: Ms): CaseEvent {
  return {
    at,
    caseId: c.id,
    type: note.to ? 'question' : 'note',
    actor: normalizeEmail(actor),
    from: '',
    to: '',
    note: note.text,
    version: c.version,
    changes: note.to ? ({ addressee: note.to } as unknown as Partial<Case>) : null,
  };
}

/** The Events row of a client message sent: which template, by which channel. */
export function messageEvent(
  c: Pick<Case, 'id' | 'version'>,
  sent: MessageSentInput,
  templateName: string,
  actor: string,
  at: Ms,
): CaseEvent {
  return {
    at,
    caseId: c.id,
    type: 'message',
    actor: normalizeEmail(actor),
    from: '',
    to: '',
    note: templateName,
    version: c.version,
    changes: { template: sent.template, channel: sent.channel } as unknown as Partial<Case>,
  };
}

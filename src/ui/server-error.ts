/**
 * The server's failures, as the sidebar uses them. Every API error starts with a tag
 * (src/server/errors.ts): "[validation orderNo client] Order number: Required. Client: Required."
 * The tag says what kind of failure it is and which fields it is about; the rest is the sentence
 * a person reads. Pure: no DOM, so it is unit-tested in Node.
 */
import { isMessageKey, t, type Lang } from '../domain/i18n';

export type ErrorKind = 'validation' | 'conflict' | 'forbidden' | 'not_found' | 'guard' | 'unknown';

export interface ServerError {
  kind: ErrorKind;
  /** The fields the tag names (validation and guard failures). */
  fields: string[];
  /** The human message, without the tag. */
  message: string;
}

const TAG = /^\[(validation|conflict|forbidden|not_found|guard|error)((?: [\w.]+)*)\]\s*/;
/** What google.script.run or a browser may put before the server's message. */
const PREFIX = /^(?:(?:Script)?Error|Exception|TypeError):\s*/;

export function parseServerError(error: unknown): ServerError {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error ?? '');
  let text = raw.trim();
  while (PREFIX.test(text)) text = text.replace(PREFIX, '');
  const tag = TAG.exec(text);
  if (!tag) return { kind: 'unknown', fields: [], message: text };
  const fields = (tag[2] ?? '').split(' ').filter(Boolean);
  // "[error]": a failure that is not a refusal (errors.ts); its sentence says what to do.
  const kind = tag[1] === 'error' ? 'unknown' : (tag[1] as ErrorKind);
  return { kind, fields, message: text.slice(tag[0].length).trim() };
}

/**
 * How the server names a field in its sentence (errors.ts: "<label>: <problem>"); `labels` are
 * names the server sent along (the zones' fields, apiBootstrap's enums.zones.fields).
 */
export function fieldLabel(field: string, lang: Lang, labels?: Record<string, string>): string {
  const key = `field.${field}`;
  return labels?.[field] ?? (isMessageKey(key) ? t(lang, key) : field);
}

/**
 * Splits the message into the part about each tagged field ("Client: Required." → client:
 * "Required.") and what is about no field. The server joins one sentence per problem, each
 * starting with its field's label, so the labels are where to cut.
 */
export function splitByField(
  error: ServerError,
  lang: Lang,
  labels?: Record<string, string>,
): { byField: Record<string, string>; general: string } {
  const cuts: Array<{ at: number; field: string; label: string }> = [];
  for (const field of error.fields) {
    const label = `${fieldLabel(field, lang, labels)}: `;
    let from = 0;
    for (;;) {
      const at = error.message.indexOf(label, from);
      if (at < 0) break;
      if (at === 0 || error.message[at - 1] === ' ') cuts.push({ at, field, label });
      from = at + label.length;
    }
  }
  cuts.sort((a, b) => a.at - b.at);
  const byField: Record<string, string> = {};
  cuts.forEach((cut, i) => {
    const end = cuts[i + 1]?.at ?? error.message.length;
    const part = error.message.slice(cut.at + cut.label.length, end).trim();
    byField[cut.field] = byField[cut.field] ? `${byField[cut.field]} ${part}` : part;
  });
  const general = (cuts.length > 0 ? error.message.slice(0, cuts[0]!.at) : error.message).trim();
  // A tagged field whose label was not found still gets marked, with the whole message; so does the
  // one field of a guard's refusal that names no label (a zone of growth's guard says it whole).
  const single = error.kind === 'guard' && cuts.length === 0 && error.fields.length === 1;
  for (const field of error.fields) if (!(field in byField) && (!general || single)) byField[field] = error.message;
  return { byField, general: single ? '' : general };
}

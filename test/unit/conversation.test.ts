/**
 * The conversation around a case (docs/product.md, Notes and messages): what a note, a question
 * and a message sent may hold, who may write on the thread, and the Events rows they make.
 */
import fc from 'fast-check';
import {
  addresseeProblem,
  checkMayNote,
  mayNote,
  messageEvent,
  noteEvent,
  parseMessageSent,
  parseNote,
} from '../../src/domain/conversation';
import { DomainError } from '../../src/domain/errors';
import { fieldChanges, NON_CASE_EVENTS, type CaseEvent } from '../../src/domain/events';
import { MAX_LONG_TEXT } from '../../src/domain/limits';
import { STATUSES, type Case, type Role } from '../../src/domain/model';
import { defaultSettings } from '../../src/domain/settings';

const s = defaultSettings('ru', 'Europe/Moscow');
s.team = [
  { email: 'lead@example.com', name: 'Lead', role: 'lead', team: '' },
  { email: 'agent@example.com', name: 'Agent', role: 'agent', team: '' },
  { email: 'prod@example.com', name: 'Owner', role: 'owner', team: '' },
  { email: 'viewer@example.com', name: 'Viewer', role: 'viewer', team: '' },
];

const c = {
  id: 'ARB-2026-00001',
  version: 3,
  status: 'in_progress',
  agent: 'agent@example.com',
  ownerEmail: 'prod@example.com',
} as Pick<Case, 'id' | 'version' | 'status' | 'agent' | 'ownerEmail'>;

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.problems.map((p) => `${p.field ?? ''}:${p.key}`);
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('a note', () => {
  test('is trimmed text up to the limit, with an optional addressee and version', () => {
    expect(parseNote({ text: '  Позвонил клиенту  ' })).toEqual({ text: 'Позвонил клиенту' });
    expect(parseNote({ text: 'Когда замена?', to: ' Agent@Example.com ', version: 3 })).toEqual({
      text: 'Когда замена?',
      to: 'agent@example.com',
      version: 3,
    });
    expect(parseNote({ text: 'x'.repeat(MAX_LONG_TEXT) }).text).toHaveLength(MAX_LONG_TEXT);
  });

  test('every problem at once, nothing of any other type accepted', () => {
    expect(problems(() => parseNote({ text: '   ', to: 'abc', version: 0 }))).toEqual([
      'version:input.versionNumber',
      'note:input.required',
      'noteTo:input.email',
    ]);
    expect(problems(() => parseNote({ text: 'x'.repeat(MAX_LONG_TEXT + 1) }))).toEqual(['note:input.tooLong']);
    expect(problems(() => parseNote({ text: { toString: 1 }, to: [] }))).toEqual([
      'note:input.text',
      'noteTo:input.email',
    ]);
    expect(problems(() => parseNote('text'))).toEqual([':input.object']);
    fc.assert(
      fc.property(fc.anything(), (text) => {
        try {
          const note = parseNote({ text });
          expect(typeof text === 'string' && note.text === text.trim() && note.text.length > 0).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
        }
      }),
    );
  });

  test('is written by whoever works on the case: agents, leads, the case’s own owner; a finished case is a lead’s', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.constantFrom<Role>('agent', 'lead', 'owner', 'viewer', 'team_leader'),
        fc.boolean(),
        (status, role, own) => {
          const email = role === 'owner' && !own ? 'other@example.com' : 'prod@example.com';
          const actor = { role, email };
          const finished = status === 'closed' || status === 'cancelled';
          const expected = role === 'lead' || (!finished && (role === 'agent' || (role === 'owner' && own)));
          expect(mayNote({ ...c, status }, actor)).toBe(expected);
          let allowed = true;
          try {
            checkMayNote({ ...c, status }, actor);
          } catch {
            allowed = false;
          }
          expect(allowed).toBe(expected);
        },
      ),
    );
  });

  test('a question asks the case’s agent, its owner or a lead, never the asker or an outsider', () => {
    const asker = { email: 'prod@example.com', role: 'owner' as const };
    expect(addresseeProblem(c, 'agent@example.com', asker, s)).toBeNull();
    expect(addresseeProblem(c, 'LEAD@example.com', asker, s)).toBeNull();
    expect(addresseeProblem(c, 'prod@example.com', asker, s)?.key).toBe('note.addressee');
    expect(addresseeProblem(c, 'viewer@example.com', asker, s)?.key).toBe('note.addressee');
    expect(addresseeProblem(c, 'someone@gmail.com', asker, s)?.key).toBe('note.addressee');
  });

  test('is one Events row that changes no field of the case and is never replayed as one', () => {
    const note = noteEvent(c, { text: 'Заметка' }, 'Prod@Example.com', 1000);
    expect(note).toEqual({
      at: 1000,
      caseId: c.id,
      type: 'note',
      actor: 'prod@example.com',
      from: '',
      to: '',
      note: 'Заметка',
      version: 3,
      changes: null,
    });
    const question = noteEvent(c, { text: 'Когда?', to: 'agent@example.com' }, 'prod@example.com', 1000);
    expect(question).toMatchObject({ type: 'question', changes: { addressee: 'agent@example.com' } });
    expect(NON_CASE_EVENTS).toEqual(expect.arrayContaining(['note', 'question', 'message']));
  });
});

describe('a message sent', () => {
  const key = s.templates[0]!.key;

  test('names a template from Settings and a channel; counting it as the first response needs the version', () => {
    expect(parseMessageSent({ template: key, channel: 'whatsapp' }, s)).toEqual({ template: key, channel: 'whatsapp' });
    expect(parseMessageSent({ template: key, channel: 'copy', firstResponse: true, version: 2 }, s)).toEqual({
      template: key,
      channel: 'copy',
      firstResponse: true,
      version: 2,
    });
    expect(problems(() => parseMessageSent({ template: 'nope', channel: 'fax', firstResponse: 'yes' }, s))).toEqual([
      'template:case.templateUnknown',
      'channel:message.channel',
      'firstResponse:input.boolean',
    ]);
    expect(problems(() => parseMessageSent({ template: key, channel: 'copy', firstResponse: true }, s))).toEqual([
      'version:input.version',
    ]);
  });

  test('is one Events row: the template’s name, the template and channel as data', () => {
    expect(messageEvent(c, { template: key, channel: 'copy' }, 'Приветствие', 'agent@example.com', 5)).toMatchObject({
      type: 'message',
      note: 'Приветствие',
      version: 3,
      changes: { template: key, channel: 'copy' },
    });
  });
});

describe('what an edit changed, old → new', () => {
  const event = (type: CaseEvent['type'], changes: Record<string, unknown> | null): CaseEvent => ({
    at: 0,
    caseId: 'ARB-2026-00001',
    type,
    actor: 'a@example.com',
    from: '',
    to: '',
    note: '',
    version: 1,
    changes: changes as CaseEvent['changes'],
  });

  test('the value before is what the events before left; bookkeeping and other kinds of rows are not spelled out', () => {
    const changes = fieldChanges([
      event('created', { id: 'ARB-2026-00001', criticality: 'B', summary: 'a', dueAt: 10, version: 1 }),
      event('note', { addressee: 'x@example.com' }),
      event('updated', { criticality: 'A', dueAt: 5, version: 2, updatedAt: 3, atRiskAt: 4 }),
      event('status', { status: 'in_progress', version: 3 }),
      event('updated', { summary: 'b', ownerEmail: 'o@example.com', version: 4 }),
    ]);
    expect(changes).toEqual([
      [],
      [],
      [
        { field: 'criticality', before: 'B', after: 'A' },
        { field: 'dueAt', before: 10, after: 5 },
      ],
      [],
      [
        { field: 'summary', before: 'a', after: 'b' },
        { field: 'ownerEmail', before: null, after: 'o@example.com' },
      ],
    ]);
  });

  test('replaying the changes from the first value gives every value the field took, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 12 }), (values) => {
        const events = values.map((criticality, i) => event(i === 0 ? 'created' : 'updated', { criticality }));
        const seen: string[] = [values[0] as string];
        for (const change of fieldChanges(events).flat()) {
          expect(change.before).toBe(seen[seen.length - 1]);
          seen.push(change.after as string);
        }
        expect(seen).toEqual(values.filter((v, i) => i === 0 || v !== values[i - 1]));
      }),
    );
  });
});

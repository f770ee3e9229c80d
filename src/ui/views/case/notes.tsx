/**
 * The case's thread of internal notes (docs/product.md, Notes and messages): who wrote what and
 * when, oldest first, and a form to add one. A note may ask a colleague on the case (its agent,
 * its owner, a lead), who is emailed once. What was typed stays when the call fails.
 */
import { useState } from 'preact/hooks';
import { mayNote } from '../../../domain/conversation';
import { MAX_LONG_TEXT } from '../../../domain/limits';
import { normalizeEmail } from '../../../domain/settings';
import type { CaseView, EventView } from '../../../server/contract';
import { AreaField, FormError, SelectField, type Option } from '../../components';
import { useApp } from '../../context';
import { serverErrorsByField, type FieldErrors } from '../../forms';
import { asServerError, rpc } from '../../rpc';
import { formatMoment } from '../../time-text';

/** The events that make the thread. */
export const THREAD_TYPES: ReadonlyArray<EventView['type']> = ['note', 'question'];

export function Notes(props: { view: CaseView; onAdded: () => void }) {
  const { boot, lang, tr, notify } = useApp();
  const { view } = props;
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const nameOf = (email: string) =>
    boot.settings.team.find((m) => normalizeEmail(m.email) === normalizeEmail(email))?.name || email;
  const thread = (view.events ?? []).filter((e) => THREAD_TYPES.includes(e.type));
  const me = { email: boot.user.email, role: boot.role };
  const canWrite = mayNote(view, me);

  const addressees: Option[] = [];
  const offer = (email: string, role: string) => {
    const key = normalizeEmail(email);
    if (key && key !== normalizeEmail(me.email) && !addressees.some((o) => o.value === key))
      addressees.push({ value: key, label: `${nameOf(email)} (${role})` });
  };
  offer(view.agent, tr('ui.notes.roleAgent'));
  offer(view.ownerEmail, tr('ui.notes.roleOwner'));
  for (const member of boot.settings.team) if (member.role === 'lead') offer(member.email, tr('ui.notes.roleLead'));

  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > MAX_LONG_TEXT) {
      setErrors({
        note: trimmed ? tr('input.tooLong', { max: MAX_LONG_TEXT }) : tr('input.required'),
      });
      return;
    }
    setBusy(true);
    try {
      const result = await rpc('apiAddNote', view.id, to ? { text: trimmed, to } : { text: trimmed });
      setText('');
      setTo('');
      setErrors({});
      if (!to) notify(tr('ui.notes.added'));
      else notify(tr(result.notified ? 'ui.notes.asked' : 'ui.notes.askedNoMail', { name: nameOf(to) }));
      props.onAdded();
    } catch (caught) {
      setErrors(serverErrorsByField(asServerError(caught), lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="notes" aria-labelledby="notes-title" data-testid="notes">
      <h2 id="notes-title">{tr('ui.notes.title')}</h2>
      {thread.length === 0 ? (
        <p class="empty">{tr('ui.notes.empty')}</p>
      ) : (
        <ol class="thread">
          {thread.map((note, i) => (
            <li key={`${note.at}-${i}`} data-testid="note-item">
              <span class="event-meta">
                {formatMoment(note.at, lang, boot.settings.calendar.timeZone)} · {nameOf(note.actor)}
                {note.addressee && <> · {tr('ui.notes.to', { name: nameOf(note.addressee) })}</>}
              </span>
              <span class="event-note">{note.note}</span>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form
          class="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <AreaField
            name="note"
            idPrefix="notes"
            label={tr('ui.notes.text')}
            value={text}
            onValue={(value) => {
              setText(value);
              if (errors.note && value.trim()) setErrors(({ note: _, ...rest }) => rest);
            }}
            rows={2}
            error={errors.note}
            hint={`${text.length} / ${MAX_LONG_TEXT}`}
          />
          {addressees.length > 0 && (
            <SelectField
              name="noteTo"
              idPrefix="notes"
              label={tr('ui.notes.ask')}
              value={to}
              options={addressees}
              empty={tr('ui.notes.nobody')}
              onValue={setTo}
              error={errors.noteTo}
            />
          )}
          <FormError error={errors['']} />
          <div class="actions">
            <button type="submit" data-testid="add-note" disabled={busy}>
              {tr(to ? 'ui.notes.send' : 'ui.notes.add')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

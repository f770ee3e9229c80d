/**
 * New case: every field of apiRegisterCase. Checked here with the server's own rules first; what
 * the server still refuses is shown next to its field. The draft lives in the App, so a failure,
 * or a look at the queue in between, loses nothing. Open cases with the same order or contact are
 * shown before it is sent: the person adds to one of them, or registers anew, and says so
 * (docs/product.md, Finding cases).
 */
import { useRef, useState } from 'preact/hooks';
import { CaseFields } from '../case-fields';
import { FormError, focusFirstInvalid } from '../components';
import { useApp } from '../context';
import {
  emptyDraft,
  registrationErrors,
  registrationInput,
  serverErrorsByField,
  type CaseFieldsDraft,
  type FieldErrors,
} from '../forms';
import { asServerError, rpc } from '../rpc';
import { useRevalidate } from '../use-revalidate';
import { MatchItem, useMatches } from './matches';

export function NewCaseView(props: {
  draft: CaseFieldsDraft;
  onDraft: (update: (draft: CaseFieldsDraft) => CaseFieldsDraft) => void;
}) {
  const { boot, lang, tr, notify, go } = useApp();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [recheck, setRecheck] = useState(0);
  /** The matches the person saw and registers anew beside. */
  const [acknowledged, setAcknowledged] = useState<readonly string[]>([]);
  const form = useRef<HTMLFormElement>(null);
  useRevalidate(props.draft, setErrors, (d) => registrationErrors(d, boot.settings, boot.user.email, lang));
  const panel = useRef<HTMLElement>(null);
  const matches = useMatches(props.draft.orderNo, props.draft.contact, recheck) ?? [];
  const unseen = matches.filter((m) => !acknowledged.includes(m.id));

  const clear = () => {
    props.onDraft(() => emptyDraft());
    setErrors({});
    setAcknowledged([]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = registrationErrors(props.draft, boot.settings, boot.user.email, lang);
    if (Object.keys(found).length > 0) {
      setErrors({ ...found, '': tr('ui.fixFields') });
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    if (unseen.length > 0) {
      setErrors({ '': tr('ui.matches.hint') });
      panel.current?.scrollIntoView({ block: 'nearest' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const created = await rpc('apiRegisterCase', {
        ...registrationInput(props.draft),
        acknowledgedMatches: matches.map((m) => m.id),
      });
      clear();
      notify(tr('ui.new.registered', { id: created.id }));
      go({ name: 'case', id: created.id });
    } catch (caught) {
      const error = asServerError(caught);
      setErrors(serverErrorsByField(error, lang));
      // A case opened meanwhile with the same order or contact: show it.
      if (error.kind === 'guard') setRecheck((n) => n + 1);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
    } finally {
      setBusy(false);
    }
  };

  const addTo = async (id: string) => {
    if (busy) return;
    const input = registrationInput(props.draft);
    if (!input.summary) {
      setErrors({ summary: tr('input.required'), '': tr('ui.fixFields') });
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await rpc('apiAddToCase', id, { summary: input.summary, contact: input.contact, evidence: input.evidence ?? [] });
      clear();
      notify(tr('ui.matches.added', { id }));
      go({ name: 'case', id });
    } catch (caught) {
      setErrors(serverErrorsByField(asServerError(caught), lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="view" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="new-case-title">
      <h1 id="new-case-title" tabIndex={-1}>
        {tr('ui.nav.new')}
      </h1>
      <CaseFields idPrefix="new" draft={props.draft} onDraft={props.onDraft} errors={errors} />
      {matches.length > 0 && (
        <section ref={panel} class="matches-panel" data-testid="matches" aria-labelledby="matches-title">
          <h2 id="matches-title">{tr('ui.matches.title')}</h2>
          <p class="hint">{tr('ui.matches.hint')}</p>
          <ul class="queue matches">
            {matches.map((match) => (
              <MatchItem key={match.id} match={match}>
                <div class="match-actions">
                  <button
                    type="button"
                    class="small"
                    data-testid="match-add"
                    disabled={busy}
                    onClick={() => void addTo(match.id)}
                  >
                    {tr('ui.matches.addTo', { id: match.id })}
                  </button>
                </div>
              </MatchItem>
            ))}
          </ul>
          {unseen.length > 0 ? (
            <button
              type="button"
              data-testid="match-register-anew"
              disabled={busy}
              onClick={() => {
                setAcknowledged(matches.map((m) => m.id));
                setErrors({});
              }}
            >
              {tr('ui.matches.registerAnew')}
            </button>
          ) : (
            <p class="hint" data-testid="match-acknowledged">
              {tr('ui.matches.acknowledged')}
            </p>
          )}
        </section>
      )}
      <FormError error={errors['']} />
      <div class="actions sticky">
        <button type="submit" class="primary" data-testid="register-submit" disabled={busy} aria-busy={busy}>
          {busy ? tr('ui.working') : tr('ui.new.submit')}
        </button>
        <button type="button" onClick={clear} disabled={busy}>
          {tr('ui.new.clear')}
        </button>
      </div>
    </form>
  );
}

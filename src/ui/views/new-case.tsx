/**
 * New case: every field of apiRegisterCase. Checked here with the server's own rules first; what
 * the server still refuses is shown next to its field. The draft lives in the App, so a failure,
 * or a look at the queue in between, loses nothing.
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

export function NewCaseView(props: {
  draft: CaseFieldsDraft;
  onDraft: (update: (draft: CaseFieldsDraft) => CaseFieldsDraft) => void;
}) {
  const { boot, lang, tr, notify, go } = useApp();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useRevalidate(props.draft, setErrors, (d) => registrationErrors(d, boot.settings, boot.user.email, lang));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = registrationErrors(props.draft, boot.settings, boot.user.email, lang);
    if (Object.keys(found).length > 0) {
      setErrors({ ...found, '': tr('ui.fixFields') });
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const created = await rpc('apiRegisterCase', registrationInput(props.draft));
      props.onDraft(() => emptyDraft());
      notify(tr('ui.new.registered', { id: created.id }));
      go({ name: 'case', id: created.id });
    } catch (caught) {
      setErrors(serverErrorsByField(asServerError(caught), lang));
      requestAnimationFrame(() => focusFirstInvalid(form.current));
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
      <FormError error={errors['']} />
      <div class="actions sticky">
        <button type="submit" class="primary" data-testid="register-submit" disabled={busy} aria-busy={busy}>
          {busy ? tr('ui.working') : tr('ui.new.submit')}
        </button>
        <button
          type="button"
          onClick={() => {
            props.onDraft(() => emptyDraft());
            setErrors({});
          }}
          disabled={busy}
        >
          {tr('ui.new.clear')}
        </button>
      </div>
    </form>
  );
}

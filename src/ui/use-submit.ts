/**
 * A form's submit, as the Zones of growth and CSI forms do it: the domain's own checks first, then
 * the call; every message at its field (the server's too), the first invalid control focused.
 */
import { useRef, useState } from 'preact/hooks';
import { focusFirstInvalid } from './components';
import { useApp } from './context';
import { serverErrorsByField, type FieldErrors } from './forms';
import { asServerError } from './rpc';
import { useRevalidate } from './use-revalidate';
import { withFixFields } from './zone-forms';

/** `check` is the form's own check of `draft`; each message goes when its field becomes valid. */
export function useSubmit<D extends object, T>(
  draft: D,
  check: (draft: D) => FieldErrors,
  send: () => Promise<T>,
  done: (result: T) => void,
) {
  const { boot, lang, tr } = useApp();
  const [errors, setErrors] = useState<FieldErrors>({});
  useRevalidate(draft, setErrors, check);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const show = (found: FieldErrors) => {
    setErrors(withFixFields(found, tr('ui.fixFields')));
    requestAnimationFrame(() => focusFirstInvalid(form.current));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = check(draft);
    if (Object.keys(found).length > 0) {
      show(found);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      done(await send());
    } catch (caught) {
      show(serverErrorsByField(asServerError(caught), lang, boot.enums.zones.fields));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, form, submit };
}

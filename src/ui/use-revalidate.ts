/**
 * Keeps a form's messages true while the person types: each goes as soon as its field is valid
 * (see revalidate in forms.ts). For forms whose draft and messages are separate states.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from './context';
import { revalidate, type FieldErrors } from './forms';

export function useRevalidate<D extends object>(
  draft: D,
  setErrors: (update: (shown: FieldErrors) => FieldErrors) => void,
  check: (draft: D) => FieldErrors,
): void {
  const { tr } = useApp();
  const previous = useRef(draft);
  useEffect(() => {
    const before = previous.current;
    previous.current = draft;
    if (before !== draft) setErrors((shown) => revalidate(shown, before, draft, check, tr('ui.fixFields')));
  }, [draft]);
}

/**
 * Esc closes what is open (a step's form, the edit mode) wherever the focus is: after a reload
 * the button that had it may be gone, and the keyboard user must still be able to leave.
 */
import { useEffect, useRef } from 'preact/hooks';

export function useEscape(onEscape: () => void, active = true): void {
  const handler = useRef(onEscape);
  handler.current = onEscape;
  useEffect(() => {
    if (!active) return undefined;
    const listener = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      handler.current();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [active]);
}

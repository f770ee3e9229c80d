/**
 * What every list screen of the sidebar shares: its data, asked for again when the query changes,
 * after a pause in typing (at once when the search is empty), the latest answer winning; the
 * search box; and a failure with a way to try again.
 */
import { useEffect, useState } from 'preact/hooks';
import { FormError } from './components';
import { useApp } from './context';
import { asServerError } from './rpc';

export function useList<T>(load: () => Promise<T>, text: string, deps: readonly unknown[]) {
  const [list, setList] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        load()
          .then((result) => {
            if (!current) return;
            setList(result);
            setError('');
          })
          .catch((caught: unknown) => current && setError(asServerError(caught).message));
      },
      text ? 300 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, reloads, ...deps]);
  return { list, error, reload: () => setReloads((n) => n + 1) };
}

export function SearchBox(props: { name: string; label: string; value: string; onValue: (text: string) => void }) {
  return (
    <>
      <label class="sr-only" for={props.name}>
        {props.label}
      </label>
      <input
        id={props.name}
        type="search"
        data-testid={props.name}
        placeholder={props.label}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        maxLength={200}
      />
    </>
  );
}

export function ListError(props: { error: string; onRetry: () => void }) {
  const { tr } = useApp();
  return (
    <FormError error={props.error}>
      <button type="button" onClick={props.onRetry}>
        {tr('ui.retry')}
      </button>
    </FormError>
  );
}

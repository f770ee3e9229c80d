/**
 * A new deadline once the old one has passed (docs/product.md, Notes and messages: promises): the
 * agent sets it (for A and B a lead approves it); a lead sees the proposal and decides. Shown on
 * the case screen and the message screen, which never promises a time that has passed.
 */
import { useState } from 'preact/hooks';
import { isOpen } from '../../../domain/lifecycle';
import { instantOf, localIso } from '../../../domain/zoned-time';
import type { CaseView, PendingPromiseView, PromiseResult } from '../../../server/contract';
import { FormError } from '../../components';
import { useApp } from '../../context';
import { serverErrorsByField, type FieldErrors } from '../../forms';
import { asServerError, rpc } from '../../rpc';
import { formatMoment } from '../../time-text';
import { useNow } from '../../use-now';

export type PromiseCase = CaseView & { pendingPromise?: PendingPromiseView | null };

/** `2026-11-25T19:00` (a datetime-local value) read as the workbook's wall clock. */
function instantOfLocal(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return instantOf(timeZone, year, month, day, hour, minute);
}

export function PromiseBlock(props: { view: PromiseCase; onChanged: (next: PromiseResult) => void }) {
  const { boot, lang, tr, notify } = useApp();
  const { view } = props;
  const now = useNow(view);
  const timeZone = boot.settings.calendar.timeZone;
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const pending = view.pendingPromise ?? null;
  const passed = isOpen(view) && Date.parse(view.dueAt) <= now;
  const worker = boot.role === 'agent' || boot.role === 'lead';
  if (!worker || !isOpen(view) || (!passed && !pending)) return null;
  const moment = (iso: string) => formatMoment(iso, lang, timeZone);
  const nameOf = (email: string) => boot.settings.team.find((m) => m.email === email)?.name || email;

  const act = async (call: () => Promise<PromiseResult>, done: string) => {
    setBusy(true);
    try {
      const next = await call();
      setErrors({});
      setValue('');
      notify(done);
      props.onChanged(next);
    } catch (caught) {
      setErrors(serverErrorsByField(asServerError(caught), lang));
    } finally {
      setBusy(false);
    }
  };

  const propose = () => {
    const at = instantOfLocal(value, timeZone);
    if (at === null) return setErrors({ promiseAt: tr('promise.at') });
    if (at <= now) return setErrors({ promiseAt: tr('promise.past') });
    const approval = boot.role !== 'lead' && view.criticality !== 'C';
    return act(
      () => rpc('apiSetPromise', view.id, { at: localIso(at, timeZone), version: view.version }),
      tr(approval ? 'ui.promise.proposed' : 'ui.promise.set'),
    );
  };

  return (
    <div class="promise panel" data-testid="promise-block" role="region" aria-label={tr('field.promiseAt')}>
      {pending ? (
        <>
          <p data-testid="promise-pending">
            {tr('ui.promise.pending', { at: moment(pending.at), name: nameOf(pending.by) })}
          </p>
          {boot.role === 'lead' && (
            <div class="actions">
              {[true, false].map((approve) => (
                <button
                  key={String(approve)}
                  type="button"
                  class={approve ? 'primary' : undefined}
                  data-testid={approve ? 'promise-approve' : 'promise-decline'}
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => rpc('apiDecidePromise', view.id, { approve, version: view.version }),
                      tr(approve ? 'ui.promise.approved' : 'ui.promise.declined'),
                    )
                  }
                >
                  {tr(approve ? 'ui.promise.approve' : 'ui.promise.decline')}
                </button>
              ))}
            </div>
          )}
        </>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void propose();
          }}
        >
          <p class="hint warning" data-testid="promise-passed">
            {tr('ui.promise.passed', { due: moment(view.dueAt) })}
            {boot.role !== 'lead' &&
              view.criticality !== 'C' &&
              ` ${tr('ui.promise.approval', { criticality: view.criticality })}`}
          </p>
          <div class={errors.promiseAt ? 'field invalid' : 'field'}>
            <label for="promise-at">{tr('field.promiseAt')}</label>
            <input
              id="promise-at"
              type="datetime-local"
              data-testid="field-promiseAt"
              value={value}
              aria-invalid={errors.promiseAt ? true : undefined}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
            {errors.promiseAt && (
              <p class="error" data-testid="error-promiseAt">
                {errors.promiseAt}
              </p>
            )}
          </div>
          <div class="actions">
            <button type="submit" data-testid="promise-save" disabled={busy}>
              {tr('ui.promise.propose')}
            </button>
          </div>
        </form>
      )}
      <FormError error={errors['']} />
    </div>
  );
}

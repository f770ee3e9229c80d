/** What is due and when: the resolution, the first response (and the button that records it). */
import type { ComponentChildren } from 'preact';
import { isOpen } from '../../../domain/lifecycle';
import type { CaseView } from '../../../server/api';
import { FormError } from '../../components';
import { useApp } from '../../context';
import { formatDue, formatMoment } from '../../time-text';
import { useNow } from '../../use-now';
import type { CaseState } from './use-case';

export function DueBlock(props: {
  view: CaseView;
  state: CaseState;
  worker: boolean;
  reloadButton: ComponentChildren;
}) {
  const { boot, lang, tr } = useApp();
  const { view, state } = props;
  const now = useNow(view);
  const open = isOpen(view);
  const due = formatDue(view.dueAt, now, lang);
  const firstDue = formatDue(view.dueFirstResponseAt, now, lang);
  const moment = (iso: string | null) => (iso ? formatMoment(iso, lang, boot.settings.calendar.timeZone) : '');
  return (
    <div class="due-block">
      {open && (
        <p class={due.overdue && view.status !== 'waiting_client' ? 'due overdue' : 'due'}>
          <strong>{tr('ui.case.dueResolution')}:</strong>{' '}
          {view.status === 'waiting_client' ? tr('ui.case.paused') : `${due.text} · ${moment(view.dueAt)}`}
        </p>
      )}
      {view.resolvedAt && (
        <p class="due">
          <strong>{state.statusLabel('resolved')}:</strong> {moment(view.resolvedAt)}
        </p>
      )}
      {view.firstResponseAt ? (
        <p class="due">{tr('ui.case.firstResponseDone', { time: moment(view.firstResponseAt) })}</p>
      ) : (
        open && (
          <div class="first-response">
            <p class={firstDue.overdue ? 'due overdue' : 'due'}>
              <strong>{tr('ui.case.dueFirstResponse')}:</strong> {firstDue.text} · {moment(view.dueFirstResponseAt)}
            </p>
            {props.worker && (
              <button
                type="button"
                data-testid="first-response"
                onClick={() => void state.recordFirstResponse()}
                disabled={state.busy}
              >
                {tr('ui.case.recordFirstResponse')}
              </button>
            )}
            {state.actionError?.at === 'first-response' && (
              <FormError error={state.actionError.text}>{props.reloadButton}</FormError>
            )}
          </div>
        )
      )}
    </div>
  );
}

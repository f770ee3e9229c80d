/**
 * The edit mode: the case's fields, saved with apiUpdateCase (only what changed is sent). A new
 * criticality says before saving where it moves the due times, and whether that makes the case
 * overdue at once (docs/product.md, SLA and the business calendar).
 */
import type { ComponentChildren } from 'preact';
import { CaseFields } from '../../case-fields';
import { FormError } from '../../components';
import { useApp } from '../../context';
import { formatDuration, formatMoment } from '../../time-text';
import { useNow } from '../../use-now';
import type { CaseState, Editing } from './use-case';

/** Where the chosen criticality moves the due times, as the server's own rule computed them. */
function CriticalityEffect(props: { state: CaseState; editing: Editing }) {
  const { boot, lang, tr } = useApp();
  const view = props.state.view;
  const now = useNow(view);
  const chosen = props.editing.draft.criticality;
  if (!view || !chosen || chosen === view.criticality) return null;
  const effect = view.criticalityEffects?.[chosen];
  if (!effect) return null;
  const moment = (iso: string) => formatMoment(iso, lang, boot.settings.calendar.timeZone);
  return (
    <p class={effect.overdueSince ? 'hint warning' : 'hint'} data-testid="criticality-effect" role="status">
      {view.firstResponseAt === null
        ? tr('ui.edit.recountBoth', { first: moment(effect.dueFirstResponseAt), due: moment(effect.dueAt) })
        : tr('ui.edit.recount', { due: moment(effect.dueAt) })}
      {effect.overdueSince &&
        ` ${tr('ui.edit.overdueAtOnce', { late: formatDuration(now - Date.parse(effect.overdueSince), lang) })}`}
    </p>
  );
}

export function EditForm(props: { state: CaseState; editing: Editing; reloadButton: ComponentChildren }) {
  const { tr } = useApp();
  const { state, editing } = props;
  return (
    <form
      class="edit-form panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void state.saveEdit();
      }}
    >
      <h2>{tr('ui.case.edit')}</h2>
      <CaseFields idPrefix="edit" draft={editing.draft} onDraft={state.setEditDraft} errors={editing.errors} />
      <CriticalityEffect state={state} editing={editing} />
      <FormError error={editing.errors['']}>{props.reloadButton}</FormError>
      <div class="actions">
        <button type="submit" class="primary" data-testid="edit-save" disabled={state.busy}>
          {state.busy ? tr('ui.working') : tr('ui.save')}
        </button>
        <button type="button" onClick={state.cancelEdit}>
          {tr('ui.cancel')}
        </button>
      </div>
    </form>
  );
}

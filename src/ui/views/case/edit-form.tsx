/** The edit mode: the case's fields, saved with apiUpdateCase (only what changed is sent). */
import type { ComponentChildren } from 'preact';
import { CaseFields } from '../../case-fields';
import { FormError } from '../../components';
import { useApp } from '../../context';
import type { CaseState, Editing } from './use-case';

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

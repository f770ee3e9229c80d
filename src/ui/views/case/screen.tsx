/**
 * One case: where it stands, what is due and when, the steps allowed from here (each asking only
 * for what its guard needs), the edit mode, and the Events timeline. A failure is shown where the
 * person acted; a conflict (someone else changed the case) offers to reload it, keeping whatever
 * was typed.
 */
import { mayChange } from '../../../domain/lifecycle';
import { FormError, Spinner } from '../../components';
import { useApp, type View } from '../../context';
import { DueBlock } from './due';
import { EditForm } from './edit-form';
import { CaseHead, Facts } from './facts';
import { Steps, TransitionPanel } from './steps';
import { Notes, THREAD_TYPES } from './notes';
import { PromiseBlock } from './promise';
import { Timeline } from './timeline';
import { ClientCases } from '../matches';
import { useCase } from './use-case';

export function CaseScreen(props: { id: string }) {
  const { boot, tr, go } = useApp();
  const state = useCase(props.id);
  const { view, busy, editing, panel } = state;

  if (!view) {
    // The same head as the loaded case: the heading keeps the keyboard focus when the data arrives.
    return (
      <section class="view case" data-testid="case-view" data-case-id={props.id} aria-busy={!state.loadError}>
        <div class="view-head">
          <BackButton />
          <h1 id="case-title" tabIndex={-1}>
            {props.id}
          </h1>
        </div>
        {state.loadError ? (
          <FormError error={tr('ui.case.notFound', { message: state.loadError })}>
            <button type="button" onClick={() => void state.load()}>
              {tr('ui.retry')}
            </button>
          </FormError>
        ) : (
          <Spinner label={tr('ui.loading')} />
        )}
      </section>
    );
  }

  const worker = boot.role === 'agent' || boot.role === 'lead';
  const canEdit = worker && mayChange(view, boot.role);
  const reloadButton = state.conflict && (
    <button type="button" data-testid="reload-case" onClick={() => void state.reload()} disabled={busy}>
      {tr('ui.case.reload')}
    </button>
  );

  return (
    <section class="view case" data-testid="case-view" data-case-id={view.id} aria-labelledby="case-title">
      <CaseHead view={view} back={<BackButton />} statusLabel={state.statusLabel} />
      <Facts view={view} />
      <DueBlock view={view} state={state} worker={worker} reloadButton={reloadButton} />
      <PromiseBlock view={view} onChanged={() => void state.load()} />

      <div class="actions">
        <button type="button" data-testid="open-message" onClick={() => go({ name: 'message', id: view.id })}>
          {tr('ui.case.message')}
        </button>
        {canEdit && !editing && (
          <button type="button" data-testid="edit-case" onClick={state.startEdit}>
            {tr('ui.case.edit')}
          </button>
        )}
      </div>

      {editing && <EditForm state={state} editing={editing} reloadButton={reloadButton} />}

      {view.transitions.length > 0 && !editing && <Steps view={view} state={state} reloadButton={reloadButton} />}

      {panel && (
        <TransitionPanel
          view={view}
          panel={panel}
          busy={busy}
          onDraft={state.setPanelDraft}
          onConfirm={() => void state.runStep(panel.to, panel.draft)}
          onCancel={state.closePanel}
          reloadButton={reloadButton}
        />
      )}

      <ClientCases id={view.id} version={view.version} />
      <Notes view={view} onAdded={() => void state.load()} />

      <h2>{tr('ui.case.history')}</h2>
      <Timeline events={(view.events ?? []).filter((e) => !THREAD_TYPES.includes(e.type))} />
    </section>
  );
}

/** Back to the list the screen was opened from (the queue, unless `to` says otherwise). */
export function BackButton(props: { to?: View }) {
  const { tr, go } = useApp();
  return (
    <button
      type="button"
      class="icon back"
      aria-label={tr('ui.back')}
      title={tr('ui.back')}
      onClick={() => go(props.to ?? { name: 'queue' })}
    >
      ←
    </button>
  );
}

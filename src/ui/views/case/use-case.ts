/**
 * The case screen's state and actions: loading the case, the step's form, the edit mode, and
 * what each failure shows. A change that went through is shown at once and the timeline fetched
 * again; a conflict (someone else changed the case) offers to reload it, keeping what was typed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Status } from '../../../domain/model';
import type { CaseView } from '../../../server/api';
import { focusFirstInvalid } from '../../components';
import { useApp } from '../../context';
import {
  draftOf,
  editErrors,
  revalidate,
  editInput,
  emptyTransitionDraft,
  serverErrorsByField,
  transitionBody,
  transitionErrors,
  transitionFields,
  type CaseFieldsDraft,
  type FieldErrors,
  type TransitionDraft,
} from '../../forms';
import { asServerError, rpc } from '../../rpc';
import type { ServerError } from '../../server-error';
import { useEscape } from '../../use-escape';

/** The open step: where the case goes, what was typed for it, and its messages. */
export interface Panel {
  to: Status;
  draft: TransitionDraft;
  errors: FieldErrors;
}

export interface Editing {
  draft: CaseFieldsDraft;
  errors: FieldErrors;
}

/** The last failure of an action taken outside a form, and where it was taken. */
export interface ActionError {
  at: 'first-response' | 'steps';
  text: string;
}

export function useCase(id: string) {
  const { boot, lang, tr, notify } = useApp();
  const [view, setView] = useState<CaseView | null>(null);
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ActionError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const stepButtons = useRef<Record<string, HTMLButtonElement | null>>({});

  const load = async (): Promise<CaseView | null> => {
    try {
      const fresh = await rpc('apiGetCase', id);
      // A reading that started before a change went through must not undo it on screen.
      setView((old) => (old && old.id === fresh.id && old.version > fresh.version ? old : fresh));
      setLoadError('');
      return fresh;
    } catch (caught) {
      setLoadError(asServerError(caught).message);
      return null;
    }
  };

  useEffect(() => {
    setView(null);
    setPanel(null);
    setEditing(null);
    void load();
  }, [id]);

  /** A change went through: show it at once, then fetch the timeline with its new event. */
  const changed = (next: CaseView, message: string) => {
    setView((old) => ({ ...next, events: old?.events ?? [] }));
    setConflict(false);
    setActionError(null);
    notify(message);
    void load();
  };

  /** Where a failure goes: conflicts offer a reload; field problems go next to the field. */
  const failed = (error: ServerError, show: (errors: FieldErrors) => void) => {
    setConflict(error.kind === 'conflict');
    show(serverErrorsByField(error, lang));
  };

  const reload = async () => {
    const fresh = await load();
    if (fresh) {
      setConflict(false);
      setActionError(null);
      notify(tr('ui.case.reloaded'));
      // The reload button goes away with the conflict: keep the keyboard where the work is.
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>('[data-testid="transition-confirm"], [data-testid="edit-save"], h1')
          ?.focus(),
      );
    }
  };

  // Back from the grid: the case, and the server's time its due times count from, read afresh.
  useEffect(() => {
    const refresh = () => void load();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [id]);

  useEscape(() => setEditing(null), editing !== null);

  const statusLabel = (status: Status | '') => boot.enums.statuses.find((s) => s.code === status)?.label ?? status;

  const recordFirstResponse = async () => {
    if (!view) return;
    setBusy(true);
    try {
      changed(
        await rpc('apiRecordFirstResponse', view.id, { version: view.version }),
        tr('ui.case.firstResponseRecorded'),
      );
    } catch (caught) {
      failed(asServerError(caught), (errors) =>
        setActionError({ at: 'first-response', text: Object.values(errors).join(' ') }),
      );
    } finally {
      setBusy(false);
    }
  };

  /** Moves the case: one call, which takes whatever the step asked for with the move. */
  const runStep = async (to: Status, draft: TransitionDraft) => {
    if (!view) return;
    const errors = transitionErrors(view, to, draft, boot.settings, lang);
    if (Object.keys(errors).length > 0) {
      setPanel({ to, draft, errors: { ...errors, '': errors[''] ?? tr('ui.fixFields') } });
      requestAnimationFrame(() => focusFirstInvalid(document.querySelector('.panel')));
      return;
    }
    setBusy(true);
    try {
      const moved = await rpc('apiTransition', view.id, transitionBody(view, to, draft));
      setPanel(null);
      changed(moved, tr('ui.case.moved', { status: statusLabel(to) }));
    } catch (caught) {
      const error = asServerError(caught);
      if (transitionFields(view, to).length === 0) {
        failed(error, (errs) => setActionError({ at: 'steps', text: Object.values(errs).join(' ') }));
      } else {
        failed(error, (errs) => setPanel({ to, draft, errors: errs }));
      }
    } finally {
      setBusy(false);
    }
  };

  const openStep = (to: Status) => {
    if (!view) return;
    setActionError(null);
    if (transitionFields(view, to).length === 0) {
      void runStep(to, emptyTransitionDraft(view));
      return;
    }
    setEditing(null);
    setPanel({ to, draft: emptyTransitionDraft(view), errors: {} });
  };

  const closePanel = () => {
    const to = panel?.to;
    setPanel(null);
    if (to) requestAnimationFrame(() => stepButtons.current[to]?.focus());
  };

  const startEdit = () => {
    if (!view) return;
    setPanel(null);
    setEditing({ draft: draftOf(view), errors: {} });
  };

  const saveEdit = async () => {
    if (!view || !editing) return;
    const changes = editInput(view, editing.draft);
    if (Object.keys(changes).length === 0) {
      setEditing(null);
      return;
    }
    const errors = editErrors(changes, boot.settings, lang);
    if (Object.keys(errors).length > 0) {
      setEditing({ ...editing, errors: { ...errors, '': tr('ui.fixFields') } });
      requestAnimationFrame(() => focusFirstInvalid(document.querySelector('.edit-form')));
      return;
    }
    setBusy(true);
    try {
      const updated = await rpc('apiUpdateCase', view.id, { version: view.version, ...changes });
      setEditing(null);
      changed(updated, tr('ui.case.updated'));
    } catch (caught) {
      failed(asServerError(caught), (errs) => setEditing((e) => e && { ...e, errors: errs }));
    } finally {
      setBusy(false);
    }
  };

  return {
    view,
    loadError,
    busy,
    actionError,
    conflict,
    panel,
    editing,
    stepButtons,
    statusLabel,
    load,
    reload,
    recordFirstResponse,
    openStep,
    runStep,
    closePanel,
    // Each message goes as soon as its field is valid (forms.ts, revalidate).
    setPanelDraft: (draft: TransitionDraft) =>
      setPanel(
        (p) =>
          p && {
            ...p,
            draft,
            errors: view
              ? revalidate(
                  p.errors,
                  p.draft,
                  draft,
                  (d) => transitionErrors(view, p.to, d, boot.settings, lang),
                  tr('ui.fixFields'),
                )
              : p.errors,
          },
      ),
    startEdit,
    setEditDraft: (update: (draft: CaseFieldsDraft) => CaseFieldsDraft) =>
      setEditing((e) => {
        if (!e) return e;
        const draft = update(e.draft);
        const check = (d: CaseFieldsDraft) => (view ? editErrors(editInput(view, d), boot.settings, lang) : {});
        return { draft, errors: revalidate(e.errors, e.draft, draft, check, tr('ui.fixFields')) };
      }),
    cancelEdit: () => setEditing(null),
    saveEdit,
  };
}

export type CaseState = ReturnType<typeof useCase>;

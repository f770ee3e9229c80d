/**
 * One case: where it stands, what is due and when, the steps allowed from here (each asking only
 * for what its guard needs), the edit mode, and the Events timeline. A failure is shown where the
 * person acted; a conflict (someone else changed the case) offers to reload it, keeping whatever
 * was typed.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../domain/i18n';
import { isLink } from '../../domain/lifecycle';
import { OPEN_STATUSES, type Status } from '../../domain/model';
import type { CaseView, EventView } from '../../server/api';
import { CaseFields } from '../case-fields';
import { AreaField, FormError, SelectField, Spinner, TextField, focusFirstInvalid } from '../components';
import { useApp } from '../context';
import { EvidenceInput } from '../evidence-input';
import {
  defaultOwner,
  draftOf,
  editErrors,
  editInput,
  emptyTransitionDraft,
  preTransitionEdit,
  serverErrorsByField,
  transitionBody,
  transitionErrors,
  transitionFields,
  type CaseFieldsDraft,
  type FieldErrors,
  type TransitionDraft,
} from '../forms';
import { asServerError, rpc } from '../rpc';
import type { ServerError } from '../server-error';
import { formatDue, formatMoment } from '../time-text';
import { useEscape } from '../use-escape';
import { useNow } from '../use-now';

interface Panel {
  to: Status;
  draft: TransitionDraft;
  errors: FieldErrors;
}

interface Editing {
  draft: CaseFieldsDraft;
  errors: FieldErrors;
}

export function CaseScreen(props: { id: string }) {
  const { boot, lang, tr, notify, go } = useApp();
  const [view, setView] = useState<CaseView | null>(null);
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState(false);
  /** The last failure of an action taken outside a form, and where it was taken. */
  const [actionError, setActionError] = useState<{ at: 'first-response' | 'steps'; text: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const now = useNow(view);
  const stepButtons = useRef<Record<string, HTMLButtonElement | null>>({});

  const load = async (): Promise<CaseView | null> => {
    try {
      const fresh = await rpc('apiGetCase', props.id);
      setView(fresh);
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
  }, [props.id]);

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

  useEscape(() => setEditing(null), editing !== null);

  if (!view) {
    // The same head as the loaded case: the heading keeps the keyboard focus when the data arrives.
    return (
      <section class="view case" data-testid="case-view" data-case-id={props.id} aria-busy={!loadError}>
        <div class="view-head">
          <BackButton />
          <h1 id="case-title" tabIndex={-1}>
            {props.id}
          </h1>
        </div>
        {loadError ? (
          <FormError error={tr('ui.case.notFound', { message: loadError })}>
            <button type="button" onClick={() => void load()}>
              {tr('ui.retry')}
            </button>
          </FormError>
        ) : (
          <Spinner label={tr('ui.loading')} />
        )}
      </section>
    );
  }

  const statusLabel = (status: Status | '') => boot.enums.statuses.find((s) => s.code === status)?.label ?? status;
  const isOpen = OPEN_STATUSES.includes(view.status);
  const worker = boot.role === 'agent' || boot.role === 'lead';
  const finished = view.status === 'closed' || view.status === 'cancelled';
  const canEdit = worker && (!finished || boot.role === 'lead');

  const recordFirstResponse = async () => {
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

  const openStep = (to: Status) => {
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

  /** Moves the case, first saving what the step needed changed on the case (owner, evidence). */
  const runStep = async (to: Status, draft: TransitionDraft) => {
    const errors = transitionErrors(view, to, draft, boot.settings, lang);
    if (Object.keys(errors).length > 0) {
      setPanel({ to, draft, errors: { ...errors, '': errors[''] ?? tr('ui.fixFields') } });
      requestAnimationFrame(() => focusFirstInvalid(document.querySelector('.panel')));
      return;
    }
    setBusy(true);
    let current = view;
    try {
      const edit = preTransitionEdit(current, to, draft);
      if (edit) {
        current = await rpc('apiUpdateCase', current.id, { version: current.version, ...edit });
        setView((old) => ({ ...current, events: old?.events ?? [] }));
      }
      const moved = await rpc('apiTransition', current.id, {
        ...transitionBody(current, to, draft),
        to,
        version: current.version,
      });
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

  const saveEdit = async () => {
    if (!editing) return;
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

  const reloadButton = conflict && (
    <button type="button" data-testid="reload-case" onClick={() => void reload()} disabled={busy}>
      {tr('ui.case.reload')}
    </button>
  );

  const due = formatDue(view.dueAt, now, lang);
  const firstDue = formatDue(view.dueFirstResponseAt, now, lang);
  const moment = (iso: string | null) => (iso ? formatMoment(iso, lang, boot.settings.calendar.timeZone) : '');

  return (
    <section class="view case" data-testid="case-view" data-case-id={view.id} aria-labelledby="case-title">
      <div class="view-head">
        <BackButton />
        <h1 id="case-title" tabIndex={-1}>
          {view.id}
        </h1>
        <span class={`crit crit-${view.criticality}`} title={tr(`criticality.${view.criticality}`)}>
          {view.criticality}
        </span>
      </div>
      <p class="badges">
        <span class={`status-chip status-${view.status}`} data-testid="case-status">
          {statusLabel(view.status)}
        </span>
        {view.overdue && <span class="badge overdue">{tr('sla.overdue')}</span>}
        {!view.overdue && view.atRisk && <span class="badge at-risk">{tr('sla.atRisk')}</span>}
        {view.reopenCount > 0 && <span class="badge">{tr('ui.case.reopenCount', { count: view.reopenCount })}</span>}
        {view.escalationLevel > 0 && (
          <span class="badge">{tr('ui.case.escalation', { level: view.escalationLevel })}</span>
        )}
      </p>
      <p class="summary" data-testid="case-summary">
        {view.summary}
      </p>

      <dl class="facts">
        <Fact label={tr('field.client')} value={view.client} />
        <Fact label={tr('field.contact')} value={view.contact} />
        <Fact label={tr('field.orderNo')} value={view.orderNo} />
        <Fact label={tr('field.kind')} value={view.kind} />
        <Fact label={tr('field.channel')} value={[view.channel, view.source].filter(Boolean).join(' · ')} />
        <Fact label={tr('ui.case.owner')} value={[view.ownerDept, view.ownerEmail].filter(Boolean).join(' · ')} />
        <Fact label={tr('field.agent')} value={view.agent} />
        <Fact label={tr('field.manager')} value={[view.manager, view.team].filter(Boolean).join(' · ')} />
        {view.bypass && <Fact label={tr('field.bypass')} value="✓" />}
        {view.stopShipment && <Fact label={tr('field.stopShipment')} value="✓" />}
        <Fact label={tr('field.resolution')} value={view.resolution} />
        <Fact label={tr('field.rootCause')} value={view.rootCause} />
        <Fact label={tr('field.prevention')} value={view.prevention} />
        <Fact label={tr('field.reason')} value={view.cancelReason} />
        <Fact label={tr('field.csat')} value={view.csat === null ? '' : String(view.csat)} />
        <Fact label={tr('field.nps')} value={view.nps === null ? '' : String(view.nps)} />
        {view.evidence.length > 0 && (
          <>
            <dt>{tr('field.evidence')}</dt>
            <dd>
              <ul class="links">
                {view.evidence.map((link) => (
                  <li key={link}>
                    {isLink(link) ? (
                      <a href={link} target="_blank" rel="noopener noreferrer">
                        {link.replace(/^https?:\/\//, '')}
                      </a>
                    ) : (
                      link
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      <div class="due-block">
        {isOpen && (
          <p class={due.overdue && view.status !== 'waiting_client' ? 'due overdue' : 'due'}>
            <strong>{tr('ui.case.dueResolution')}:</strong>{' '}
            {view.status === 'waiting_client' ? tr('ui.case.paused') : `${due.text} · ${moment(view.dueAt)}`}
          </p>
        )}
        {view.resolvedAt && (
          <p class="due">
            <strong>{statusLabel('resolved')}:</strong> {moment(view.resolvedAt)}
          </p>
        )}
        {view.firstResponseAt ? (
          <p class="due">{tr('ui.case.firstResponseDone', { time: moment(view.firstResponseAt) })}</p>
        ) : (
          isOpen && (
            <div class="first-response">
              <p class={firstDue.overdue ? 'due overdue' : 'due'}>
                <strong>{tr('ui.case.dueFirstResponse')}:</strong> {firstDue.text} · {moment(view.dueFirstResponseAt)}
              </p>
              {worker && (
                <button
                  type="button"
                  data-testid="first-response"
                  onClick={() => void recordFirstResponse()}
                  disabled={busy}
                >
                  {tr('ui.case.recordFirstResponse')}
                </button>
              )}
              {actionError?.at === 'first-response' && <FormError error={actionError.text}>{reloadButton}</FormError>}
            </div>
          )
        )}
      </div>

      <div class="actions">
        <button type="button" data-testid="open-message" onClick={() => go({ name: 'message', id: view.id })}>
          {tr('ui.case.message')}
        </button>
        {canEdit && !editing && (
          <button
            type="button"
            data-testid="edit-case"
            onClick={() => {
              setPanel(null);
              setEditing({ draft: draftOf(view), errors: {} });
            }}
          >
            {tr('ui.case.edit')}
          </button>
        )}
      </div>

      {editing && (
        <form
          class="edit-form panel"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveEdit();
          }}
        >
          <h2>{tr('ui.case.edit')}</h2>
          <CaseFields
            idPrefix="edit"
            draft={editing.draft}
            onDraft={(update) => setEditing((e) => e && { ...e, draft: update(e.draft) })}
            errors={editing.errors}
          />
          <FormError error={editing.errors['']}>{reloadButton}</FormError>
          <div class="actions">
            <button type="submit" class="primary" data-testid="edit-save" disabled={busy}>
              {busy ? tr('ui.working') : tr('ui.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {tr('ui.cancel')}
            </button>
          </div>
        </form>
      )}

      {view.transitions.length > 0 && !editing && (
        <div class="steps">
          <h2>{tr('ui.case.nextStep')}</h2>
          <div class="actions wrap">
            {view.transitions.map((to) => (
              <button
                type="button"
                key={to}
                ref={(el) => {
                  stepButtons.current[to] = el;
                }}
                class={to === 'cancelled' ? 'danger' : panel?.to === to ? 'primary' : ''}
                data-testid={`transition-${to}`}
                aria-expanded={transitionFields(view, to).length > 0 ? panel?.to === to : undefined}
                onClick={() => openStep(to)}
                disabled={busy}
              >
                {tr(`ui.to.${to}`)}
              </button>
            ))}
          </div>
          {!panel && actionError?.at === 'steps' && <FormError error={actionError.text}>{reloadButton}</FormError>}
        </div>
      )}

      {panel && (
        <TransitionPanel
          view={view}
          panel={panel}
          busy={busy}
          onDraft={(draft) => setPanel((p) => p && { ...p, draft })}
          onConfirm={() => void runStep(panel.to, panel.draft)}
          onCancel={closePanel}
          reloadButton={reloadButton}
        />
      )}

      <h2>{tr('ui.case.history')}</h2>
      <Timeline events={view.events ?? []} />
    </section>
  );
}

function BackButton() {
  const { tr, go } = useApp();
  return (
    <button
      type="button"
      class="icon back"
      aria-label={tr('ui.back')}
      title={tr('ui.back')}
      onClick={() => go({ name: 'queue' })}
    >
      ←
    </button>
  );
}

function Fact(props: { label: string; value: string }) {
  if (!props.value) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </>
  );
}

function TransitionPanel(props: {
  view: CaseView;
  panel: Panel;
  busy: boolean;
  onDraft: (draft: TransitionDraft) => void;
  onConfirm: () => void;
  onCancel: () => void;
  reloadButton: ComponentChildren;
}) {
  const { boot, tr } = useApp();
  const { view, panel } = props;
  const { draft, errors, to } = panel;
  const form = useRef<HTMLFormElement>(null);
  const fields = transitionFields(view, to);
  // A problem with a field this step does not show (the server may name one) joins the general message.
  const general = Object.entries(errors)
    .filter(([field]) => field === '' || !(fields as string[]).includes(field))
    .map(([, text]) => text)
    .join(' ');
  const set = <K extends keyof TransitionDraft>(field: K, value: TransitionDraft[K]) =>
    props.onDraft({ ...draft, [field]: value });
  const common = (name: keyof TransitionDraft, required: boolean) => ({
    name,
    idPrefix: 'step',
    required,
    error: errors[name],
  });

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [to]);
  useEscape(props.onCancel);

  return (
    <div class="panel" role="dialog" aria-modal="false" aria-labelledby="step-title">
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            props.onCancel();
          }
          // In a text area Enter is a new line; Ctrl+Enter confirms from anywhere in the panel.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onConfirm();
          }
        }}
      >
        <h2 id="step-title">{tr(`ui.to.${to}`)}</h2>
        {fields.includes('ownerDept') && (
          <SelectField
            {...common('ownerDept', true)}
            label={tr('field.ownerDept')}
            value={draft.ownerDept}
            options={boot.settings.departments.map((d) => ({ value: d.name, label: d.name }))}
            onValue={(ownerDept) =>
              props.onDraft({
                ...draft,
                ownerDept,
                ownerEmail: draft.ownerEmail.trim() ? draft.ownerEmail : defaultOwner(boot.settings, ownerDept),
              })
            }
          />
        )}
        {fields.includes('ownerEmail') && (
          <TextField
            {...common('ownerEmail', true)}
            label={tr('field.ownerEmail')}
            value={draft.ownerEmail}
            onValue={(v) => set('ownerEmail', v)}
            input={{ type: 'email', autoComplete: 'off' }}
          />
        )}
        {fields.includes('resolution') && (
          <AreaField
            {...common('resolution', true)}
            label={tr('field.resolution')}
            value={draft.resolution}
            onValue={(v) => set('resolution', v)}
          />
        )}
        {fields.includes('evidence') && (
          <>
            <p class="hint">{tr('ui.transition.evidenceA')}</p>
            <EvidenceInput
              idPrefix="step"
              links={draft.evidence}
              onLinks={(update) => props.onDraft({ ...draft, evidence: update(draft.evidence) })}
              typed={draft.evidenceLink}
              onTyped={(text) => set('evidenceLink', text)}
              error={errors.evidence}
            />
          </>
        )}
        {fields.includes('rootCause') && (
          <SelectField
            {...common('rootCause', true)}
            label={tr('field.rootCause')}
            value={draft.rootCause}
            options={boot.settings.rootCauses.map((c) => ({ value: c, label: c }))}
            onValue={(v) => set('rootCause', v)}
          />
        )}
        {fields.includes('prevention') && (
          <AreaField
            {...common('prevention', true)}
            label={tr('field.prevention')}
            value={draft.prevention}
            onValue={(v) => set('prevention', v)}
          />
        )}
        {fields.includes('csat') && (
          <TextField
            {...common('csat', false)}
            label={`${tr('field.csat')} (1–5)`}
            value={draft.csat}
            onValue={(v) => set('csat', v)}
            input={{ type: 'number', min: 1, max: 5, step: 1, inputMode: 'numeric' }}
          />
        )}
        {fields.includes('nps') && (
          <TextField
            {...common('nps', false)}
            label={`${tr('field.nps')} (0–10)`}
            value={draft.nps}
            onValue={(v) => set('nps', v)}
            input={{ type: 'number', min: 0, max: 10, step: 1, inputMode: 'numeric' }}
          />
        )}
        {fields.includes('reason') && (
          <AreaField
            {...common('reason', true)}
            label={tr('field.reason')}
            value={draft.reason}
            onValue={(v) => set('reason', v)}
          />
        )}
        {fields.includes('note') && (
          <AreaField
            {...common('note', false)}
            label={tr('ui.transition.note')}
            value={draft.note}
            onValue={(v) => set('note', v)}
          />
        )}
        <FormError error={general}>{props.reloadButton}</FormError>
        <div class="actions">
          <button
            type="submit"
            class="primary"
            data-testid="transition-confirm"
            disabled={props.busy}
            aria-busy={props.busy}
          >
            {props.busy ? tr('ui.working') : tr(`ui.to.${to}`)}
          </button>
          <button type="button" data-testid="transition-cancel" onClick={props.onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

const EVENT_LABELS: Partial<Record<EventView['type'], MessageKey>> = {
  created: 'event.created',
  status: 'event.status',
  updated: 'event.updated',
  first_response: 'event.firstResponse',
  reverted: 'event.reverted',
  escalated: 'ui.event.escalated',
};

function Timeline(props: { events: EventView[] }) {
  const { boot, lang, tr } = useApp();
  if (props.events.length === 0) return <p class="empty">{tr('ui.none')}</p>;
  // Several steps can share a minute (or, on a stopped clock, a moment): the case version orders them.
  const newestFirst = [...props.events]
    .reverse()
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (b.version ?? 0) - (a.version ?? 0));
  const statusLabel = (code: string) => boot.enums.statuses.find((s) => s.code === code)?.label ?? code;
  const actorName = (email: string) => boot.settings.team.find((m) => m.email === email)?.name || email;
  return (
    <ol class="timeline">
      {newestFirst.map((event, i) => (
        <li key={`${event.at}-${i}`} data-testid="event-item">
          <span class="event-head">
            <strong>{tr(EVENT_LABELS[event.type] ?? 'ui.event.other')}</strong>
            {event.type === 'status' && event.to && (
              <span>
                {' '}
                {event.from ? `${statusLabel(event.from)} → ` : ''}
                {statusLabel(event.to)}
              </span>
            )}
          </span>
          <span class="event-meta">
            {formatMoment(event.at, lang, boot.settings.calendar.timeZone)} · {actorName(event.actor)}
          </span>
          {event.note && <span class="event-note">{event.note}</span>}
        </li>
      ))}
    </ol>
  );
}

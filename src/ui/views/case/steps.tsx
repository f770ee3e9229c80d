/** The steps allowed from here, and the form of the open one: only what its guard needs. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CSAT, MAX_LONG_TEXT, NPS, rangeLabel } from '../../../domain/limits';
import type { CaseView } from '../../../server/api';
import { AreaField, FormError, SelectField, TextField } from '../../components';
import { useApp } from '../../context';
import { EvidenceInput } from '../../evidence-input';
import {
  defaultOwner,
  transitionFields,
  transitionRequired,
  type TransitionDraft,
  type TransitionField,
} from '../../forms';
import { useEscape } from '../../use-escape';
import type { CaseState, Panel } from './use-case';

const SCORE_RANGES = { csat: CSAT, nps: NPS } as const;

export function Steps(props: { view: CaseView; state: CaseState; reloadButton: ComponentChildren }) {
  const { tr } = useApp();
  const { view, state } = props;
  const { panel, actionError } = state;
  return (
    <div class="steps">
      <h2>{tr('ui.case.nextStep')}</h2>
      <div class="actions wrap">
        {view.transitions.map((to) => (
          <button
            type="button"
            key={to}
            ref={(el) => {
              state.stepButtons.current[to] = el;
            }}
            class={to === 'cancelled' ? 'danger' : panel?.to === to ? 'primary' : ''}
            data-testid={`transition-${to}`}
            aria-expanded={transitionFields(view, to).length > 0 ? panel?.to === to : undefined}
            onClick={() => state.openStep(to)}
            disabled={state.busy}
          >
            {tr(`ui.to.${to}`)}
          </button>
        ))}
      </div>
      {!panel && actionError?.at === 'steps' && <FormError error={actionError.text}>{props.reloadButton}</FormError>}
    </div>
  );
}

export function TransitionPanel(props: {
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
  const fields = transitionFields(view, to);
  // A problem with a field this step does not show (the server may name one) joins the general message.
  const general = Object.entries(errors)
    .filter(([field]) => field === '' || !(fields as string[]).includes(field))
    .map(([, text]) => text)
    .join(' ');
  const set = <K extends keyof TransitionDraft>(field: K, value: TransitionDraft[K]) =>
    props.onDraft({ ...draft, [field]: value });
  const common = (name: TransitionField) => ({
    name,
    idPrefix: 'step',
    required: transitionRequired(view, to, name),
    error: errors[name],
  });

  return (
    <StepDialog
      title={tr(`ui.to.${to}`)}
      confirmId="transition-confirm"
      cancelId="transition-cancel"
      danger={to === 'cancelled'}
      cancelLabel={to === 'cancelled' ? tr('ui.transition.keep') : undefined}
      busy={props.busy}
      general={general}
      reloadButton={props.reloadButton}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      {fields.includes('ownerDept') && (
        <SelectField
          {...common('ownerDept')}
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
          {...common('ownerEmail')}
          label={tr('field.ownerEmail')}
          value={draft.ownerEmail}
          onValue={(v) => set('ownerEmail', v)}
          input={{ type: 'email', autoComplete: 'off' }}
        />
      )}
      {fields.includes('resolution') && (
        <AreaField
          {...common('resolution')}
          label={tr('field.resolution')}
          value={draft.resolution}
          onValue={(v) => set('resolution', v)}
          limit={MAX_LONG_TEXT}
        />
      )}
      {fields.includes('evidence') && (
        <EvidenceInput
          idPrefix="step"
          links={draft.evidence}
          onLinks={(update) => props.onDraft({ ...draft, evidence: update(draft.evidence) })}
          typed={draft.evidenceLink}
          onTyped={(text) => set('evidenceLink', text)}
          error={errors.evidence}
          // Said once: the rule, until the guard's own message about it takes its place.
          rule={tr('ui.transition.evidenceA')}
        />
      )}
      {fields.includes('rootCause') && (
        <SelectField
          {...common('rootCause')}
          label={tr('field.rootCause')}
          value={draft.rootCause}
          options={boot.settings.rootCauses.map((c) => ({ value: c, label: c }))}
          onValue={(v) => set('rootCause', v)}
        />
      )}
      {fields.includes('prevention') && (
        <AreaField
          {...common('prevention')}
          label={tr('field.prevention')}
          value={draft.prevention}
          onValue={(v) => set('prevention', v)}
          limit={MAX_LONG_TEXT}
        />
      )}
      {(['csat', 'nps'] as const).map(
        (name) =>
          fields.includes(name) && (
            <TextField
              key={name}
              {...common(name)}
              label={`${tr(`field.${name}`)} ${rangeLabel(SCORE_RANGES[name])}`}
              value={draft[name]}
              onValue={(v) => set(name, v)}
              input={{
                type: 'number',
                min: SCORE_RANGES[name].min,
                max: SCORE_RANGES[name].max,
                step: 1,
                inputMode: 'numeric',
              }}
            />
          ),
      )}
      {fields.includes('reason') && (
        <AreaField
          {...common('reason')}
          label={tr('field.reason')}
          value={draft.reason}
          onValue={(v) => set('reason', v)}
          limit={MAX_LONG_TEXT}
        />
      )}
      {fields.includes('note') && (
        <AreaField
          {...common('note')}
          label={tr('ui.transition.note')}
          value={draft.note}
          onValue={(v) => set('note', v)}
          limit={MAX_LONG_TEXT}
        />
      )}
    </StepDialog>
  );
}

/**
 * A step's form in a panel (a case's or a zone of growth's): its title, its fields, what is about no
 * field in particular, confirm and cancel. The first control takes the focus; Esc cancels, and
 * Ctrl+Enter confirms from anywhere in the panel (in a text area Enter is a new line).
 */
export function StepDialog(props: {
  title: string;
  confirmId: string;
  cancelId: string;
  busy: boolean;
  general: string;
  reloadButton: ComponentChildren;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
  /** The step cannot be taken back (cancelling a case): its button says so in red. */
  danger?: boolean;
  /** What the button that closes the form says, when "Cancel" would be ambiguous. */
  cancelLabel?: string | undefined;
}) {
  const { tr } = useApp();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [props.title]);
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
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onConfirm();
          }
        }}
      >
        <h2 id="step-title">{props.title}</h2>
        {props.children}
        <FormError error={props.general}>{props.reloadButton}</FormError>
        <div class="actions">
          <button
            type="submit"
            class={props.danger ? 'primary destructive' : 'primary'}
            data-testid={props.confirmId}
            disabled={props.busy}
            aria-busy={props.busy}
          >
            {props.busy ? tr('ui.working') : props.title}
          </button>
          <button type="button" data-testid={props.cancelId} onClick={props.onCancel}>
            {props.cancelLabel ?? tr('ui.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

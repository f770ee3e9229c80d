/**
 * One zone of growth: its facts, the steps the caller may take from here (each asking for what it
 * needs: the briefing's date, a process error's answer, the reason of an appeal or its decision),
 * and its timeline. Failures are shown as on the case screen: at the field, or with a reload when
 * someone else changed the entry meanwhile, keeping what was typed.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ZoneStatus } from '../../../domain/growth-zones';
import { isLink } from '../../../domain/lifecycle';
import { AreaField, FormError, Spinner, TextField, focusFirstInvalid } from '../../components';
import { useApp } from '../../context';
import { revalidate, serverErrorsByField, type FieldErrors } from '../../forms';
import { asServerError, rpc, type ResultOf } from '../../rpc';
import { formatDay, formatMoment } from '../../time-text';
import {
  emptyZoneStepDraft,
  zoneStepBody,
  zoneStepFields,
  zoneStepRequired,
  type ZoneStepDraft,
  type ZoneStepField,
} from '../../zone-forms';
import { BackButton } from '../case/screen';
import { StepDialog } from '../case/steps';
import { Timeline } from '../case/timeline';
import { useZoneLabels, ZoneBadges } from './labels';

type Entry = ResultOf<'apiGetGrowthZone'>;

interface Panel {
  to: ZoneStatus;
  draft: ZoneStepDraft;
  errors: FieldErrors;
}

const FIELD_LABELS = {
  date: 'ui.zone.f.date',
  processAnswer: 'ui.zone.f.processAnswer',
  reason: 'ui.zone.f.reason',
  note: 'ui.transition.note',
} as const;

export function ZoneScreen(props: { id: string }) {
  const { boot, lang, tr, notify } = useApp();
  const zl = useZoneLabels();
  const [view, setView] = useState<Entry | null>(null);
  const [loadError, setLoadError] = useState('');
  const [panel, setPanel] = useState<Panel | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);

  const load = async (): Promise<Entry | null> => {
    try {
      const fresh = await rpc('apiGetGrowthZone', props.id);
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
    void load();
  }, [props.id]);

  const statusLabel = zl.status;

  const runStep = async (current: Panel) => {
    if (!view) return;
    setBusy(true);
    try {
      const moved = await rpc('apiMoveGrowthZone', view.id, zoneStepBody(view, current.to, current.draft));
      setPanel(null);
      setConflict(false);
      setView({ ...moved, events: view.events });
      notify(tr('ui.zone.moved', { status: statusLabel(moved.status) }));
      void load();
    } catch (caught) {
      const error = asServerError(caught);
      setConflict(error.kind === 'conflict');
      setPanel({ ...current, errors: serverErrorsByField(error, lang, boot.enums.zones.fields) });
      requestAnimationFrame(() => focusFirstInvalid(document.querySelector('.panel')));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    if (await load()) {
      setConflict(false);
      notify(tr('ui.zone.reloaded'));
    }
  };

  const head = (
    <div class="view-head">
      <BackButton to={{ name: 'zones' }} />
      <h1 id="zone-title" tabIndex={-1}>
        {props.id}
      </h1>
    </div>
  );

  if (!view) {
    return (
      <section class="view case" data-testid="zone-view" data-zone-id={props.id} aria-busy={!loadError}>
        {head}
        {loadError ? (
          <FormError error={tr('ui.zone.notFound', { message: loadError })}>
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

  const reloadButton = conflict && (
    <button type="button" data-testid="reload-zone" onClick={() => void reload()} disabled={busy}>
      {tr('ui.zone.reload')}
    </button>
  );

  return (
    <section class="view case" data-testid="zone-view" data-zone-id={view.id} aria-labelledby="zone-title">
      {head}
      <p class="badges">
        <span class={`status-chip zone-${view.status}`} data-testid="zone-status">
          {statusLabel(view.status)}
        </span>
        <ZoneBadges view={view} />
      </p>
      <p class="summary">{view.description}</p>
      <ZoneFacts view={view} />

      {view.transitions.length > 0 && (
        <div class="steps">
          <h2>{tr('ui.case.nextStep')}</h2>
          <div class="actions wrap">
            {view.transitions.map((to) => (
              <button
                type="button"
                key={to}
                class={panel?.to === to ? 'primary' : ''}
                data-testid={`zone-to-${to}`}
                aria-expanded={panel?.to === to}
                onClick={() => setPanel({ to, draft: emptyZoneStepDraft(view), errors: {} })}
                disabled={busy}
              >
                {tr(`ui.zone.to.${to}`)}
              </button>
            ))}
          </div>
        </div>
      )}

      {panel && (
        <StepPanel
          view={view}
          panel={panel}
          busy={busy}
          onDraft={(draft) =>
            // No check of its own here: the server's messages go as their fields change.
            setPanel(
              (p) => p && { ...p, draft, errors: revalidate(p.errors, p.draft, draft, () => ({}), tr('ui.fixFields')) },
            )
          }
          onConfirm={() => void runStep(panel)}
          onCancel={() => setPanel(null)}
          reloadButton={reloadButton}
        />
      )}

      <h2>{tr('ui.case.history')}</h2>
      <Timeline events={view.events} statusLabel={statusLabel} />
    </section>
  );
}

function StepPanel(props: {
  view: Entry;
  panel: Panel;
  busy: boolean;
  onDraft: (draft: ZoneStepDraft) => void;
  onConfirm: () => void;
  onCancel: () => void;
  reloadButton: ComponentChildren;
}) {
  const { tr } = useApp();
  const { view, panel } = props;
  const { to, draft, errors } = panel;
  const fields = zoneStepFields(view, to);
  // What the server says about a field this step does not show joins the general message.
  const general = Object.entries(errors)
    .filter(([field]) => !(fields as string[]).includes(field))
    .map(([, text]) => text)
    .join(' ');

  const field = (name: ZoneStepField) => {
    const common = {
      name,
      idPrefix: 'zone-step',
      label: tr(FIELD_LABELS[name]),
      required: zoneStepRequired(view, to, name),
      error: errors[name],
      value: draft[name],
      onValue: (value: string) => props.onDraft({ ...draft, [name]: value }),
    };
    return name === 'date' ? (
      <TextField key={name} {...common} input={{ type: 'date' }} />
    ) : (
      <AreaField key={name} {...common} />
    );
  };

  return (
    <StepDialog
      title={tr(`ui.zone.to.${to}`)}
      confirmId="zone-step-confirm"
      cancelId="zone-step-cancel"
      busy={props.busy}
      general={general}
      reloadButton={props.reloadButton}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      {fields.map(field)}
    </StepDialog>
  );
}

function ZoneFacts(props: { view: Entry }) {
  const { boot, lang, tr } = useApp();
  const zl = useZoneLabels();
  const { view } = props;
  const tz = boot.settings.calendar.timeZone;
  const moment = (iso: string | null) => (iso ? formatMoment(iso, lang, tz) : '');
  const day = (iso: string | null) => (iso ? formatDay(iso, lang, tz) : '');
  const person = (email: string) => boot.settings.team.find((m) => m.email === email)?.name || email;
  const facts: Array<[string, string]> = [
    [zl.field('manager'), `${view.manager} · ${view.team}`],
    [zl.field('teamLeaderEmail'), view.teamLeaderEmail],
    [zl.field('source'), zl.source(view.source)],
    [zl.field('standard'), view.standard],
    [tr('ui.zone.f.loggedAt'), `${moment(view.loggedAt)} · ${person(view.loggedBy)}`],
    [tr('ui.zone.f.date'), day(view.briefingAt)],
    [tr('ui.zone.f.briefingHeldAt'), day(view.briefingHeldAt)],
    [tr('ui.zone.f.recheckAt'), day(view.recheckAt)],
    [tr('ui.zone.f.processAnswer'), view.processAnswer],
    [tr('ui.zone.f.appealReason'), view.appealReason],
    [tr('ui.zone.f.decisionReason'), view.decisionReason],
  ];
  return (
    <dl class="facts" data-testid="zone-facts">
      {facts.map(
        ([label, value]) =>
          value && (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ),
      )}
      {view.link && (
        <>
          <dt>{tr('ui.zone.f.link')}</dt>
          <dd>
            {isLink(view.link) ? (
              <a href={view.link} target="_blank" rel="noopener noreferrer">
                {view.link.replace(/^https?:\/\//, '')}
              </a>
            ) : (
              view.link
            )}
          </dd>
        </>
      )}
    </dl>
  );
}

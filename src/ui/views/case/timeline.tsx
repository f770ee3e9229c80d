/** The case's Events, newest first; an edit shows what it changed, old → new. */
import { CASE_FIELDS } from '../../../domain/case-fields';
import { isMessageKey, type MessageKey } from '../../../domain/i18n';
import type { EventView } from '../../../server/api';
import type { FieldChangeView } from '../../../server/views';
import { useApp } from '../../context';
import { formatMoment } from '../../time-text';

const EVENT_LABELS: Partial<Record<EventView['type'], MessageKey>> = {
  created: 'event.created',
  status: 'event.status',
  updated: 'event.updated',
  first_response: 'event.firstResponse',
  added: 'event.added',
  reverted: 'event.reverted',
  escalated: 'ui.event.escalated',
  note: 'event.note',
  question: 'event.question',
  message: 'event.message',
  promise: 'event.promise',
  promise_proposed: 'event.promiseProposed',
  promise_declined: 'event.promiseDeclined',
};

/** `statusLabel` names the statuses of what the events are about (a case's by default). */
export function Timeline(props: {
  events: ReadonlyArray<Omit<EventView, 'from' | 'to'> & { from: string; to: string }>;
  statusLabel?: (code: string) => string;
}) {
  const { boot, lang, tr } = useApp();
  if (props.events.length === 0) return <p class="empty">{tr('ui.none')}</p>;
  // Several steps can share a minute (or, on a stopped clock, a moment): the case version orders them.
  const newestFirst = [...props.events]
    .reverse()
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (b.version ?? 0) - (a.version ?? 0));
  const statusLabel =
    props.statusLabel ?? ((code: string) => boot.enums.statuses.find((s) => s.code === code)?.label ?? code);
  const actorName = (email: string) => boot.settings.team.find((m) => m.email === email)?.name || email;
  return (
    <ol class="timeline">
      {newestFirst.map((event, i) => (
        <li key={`${event.at}-${i}`} data-testid="event-item">
          <span class="event-head">
            <strong>{tr(EVENT_LABELS[event.type] ?? 'ui.event.other')}</strong>
            {event.type === 'message' && event.channel && (
              <span data-testid="event-channel"> · {tr(`ui.message.channel.${event.channel}`)}</span>
            )}
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
          {event.changed && event.changed.length > 0 && (
            <ul class="event-changes">
              {event.changed.map((change) => (
                <Change key={change.field} change={change} />
              ))}
            </ul>
          )}
          {event.note && <span class="event-note">{event.note}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Due times have no field label of their own: the case screen's words for them. */
const DUE_LABELS: Partial<Record<FieldChangeView['field'], MessageKey>> = {
  dueAt: 'ui.case.dueResolution',
  dueFirstResponseAt: 'ui.case.dueFirstResponse',
};

/** One field an edit changed: "Criticality: B → A"; a long text says it was edited, both versions folded. */
function Change(props: { change: FieldChangeView }) {
  const { boot, lang, tr } = useApp();
  const { field, before, after } = props.change;
  const key = `field.${field}`;
  const label = DUE_LABELS[field] ? tr(DUE_LABELS[field]) : isMessageKey(key) ? tr(key) : field;
  const kind: string = CASE_FIELDS[field].kind;
  const shown = (value: string | null): string => {
    if (value === null) return tr('ui.change.empty');
    if (kind === 'date' || kind === 'optionalDate') return formatMoment(value, lang, boot.settings.calendar.timeZone);
    if (kind === 'bool') return tr(value === 'true' ? 'ui.change.yes' : 'ui.change.no');
    if (kind === 'email') return boot.settings.team.find((m) => m.email === value)?.name || value;
    return value;
  };
  if (kind === 'longtext' || kind === 'links')
    return (
      <li data-testid="event-change" data-field={field}>
        <details>
          <summary>
            {label}: {tr('ui.change.edited')}
          </summary>
          <span class="event-note change-before">{shown(before)}</span>
          <span class="event-note change-after">{shown(after)}</span>
        </details>
      </li>
    );
  return (
    <li data-testid="event-change" data-field={field}>
      {label}: {shown(before)} → {shown(after)}
    </li>
  );
}

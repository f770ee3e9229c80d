/** The case's Events, newest first. */
import type { MessageKey } from '../../../domain/i18n';
import type { EventView } from '../../../server/api';
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

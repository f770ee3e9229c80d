/**
 * My queue: open cases, the most urgent first (the server's order), with counts of what is
 * overdue, due today, at risk and waiting for the client; each count is also a filter.
 */
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../domain/i18n';
import type { CaseList, CaseView } from '../../server/contract';
import { Spinner } from '../components';
import { useApp } from '../context';
import { rpc } from '../rpc';
import { formatDue, localDate } from '../time-text';
import { ListError, SearchBox, useList } from '../use-list';
import { useNow } from '../use-now';

type Filter = 'overdue' | 'dueToday' | 'atRisk' | 'waiting';

const FILTERS: ReadonlyArray<{ filter: Filter; testId: string; label: MessageKey }> = [
  { filter: 'overdue', testId: 'overdue', label: 'ui.queue.overdue' },
  { filter: 'dueToday', testId: 'due-today', label: 'ui.queue.dueToday' },
  { filter: 'atRisk', testId: 'at-risk', label: 'ui.queue.atRisk' },
  { filter: 'waiting', testId: 'waiting', label: 'ui.queue.waiting' },
];

/** The same rules the server counts by (api.ts apiListCases), so a filter shows its count. */
function matches(view: CaseView, filter: Filter, now: number, timeZone: string): boolean {
  switch (filter) {
    case 'overdue':
      return view.overdue;
    case 'atRisk':
      return view.atRisk;
    case 'waiting':
      return view.status === 'waiting_client';
    case 'dueToday':
      return (
        !view.overdue &&
        view.status !== 'waiting_client' &&
        localDate(Date.parse(view.dueAt), timeZone) <= localDate(now, timeZone)
      );
  }
}

/** How many cases one screen asks for: the server's page limit. */
const PAGE = 200;

export function QueueView(props: { onOpen: (id: string) => void }) {
  const { boot, tr, timeZone } = useApp();
  const [text, setText] = useState('');
  const [mine, setMine] = useState(boot.role !== 'lead' && boot.role !== 'team_leader');
  const [filter, setFilter] = useState<Filter | null>(null);
  const { list, error, reload } = useList<CaseList>(
    () => rpc('apiListCases', { status: 'open', mine, text: text.trim(), limit: PAGE }),
    text,
    [mine],
  );
  const now = useNow(list);

  const items = list ? list.items.filter((v) => !filter || matches(v, filter, now, timeZone)) : [];

  return (
    <section class="view" aria-labelledby="queue-title">
      <div class="view-head">
        <h1 id="queue-title" tabIndex={-1}>
          {tr('ui.nav.queue')}
        </h1>
        <button type="button" class="small" onClick={reload}>
          {tr('ui.queue.refresh')}
        </button>
      </div>
      <SearchBox name="queue-search" label={tr('ui.queue.search')} value={text} onValue={setText} />
      <div class="segmented" role="group" aria-label={tr('ui.queue.scope')}>
        <button type="button" aria-pressed={mine} onClick={() => setMine(true)}>
          {tr('ui.queue.mine')}
        </button>
        <button type="button" aria-pressed={!mine} onClick={() => setMine(false)}>
          {tr('ui.queue.everyone')}
        </button>
      </div>
      <div class="chips" role="group" aria-label={tr('ui.queue.filters')}>
        {FILTERS.map((f) => (
          <button
            type="button"
            key={f.filter}
            class={`chip chip-${f.testId}`}
            data-testid={`filter-${f.testId}`}
            aria-pressed={filter === f.filter}
            onClick={() => setFilter(filter === f.filter ? null : f.filter)}
          >
            <span class="chip-count" data-testid={`count-${f.testId}`}>
              {list ? list.counts[f.filter] : '·'}
            </span>
            <span class="chip-label">{tr(f.label)}</span>
          </button>
        ))}
      </div>
      <ListError error={error} onRetry={reload} />
      {!list && !error && <Spinner label={tr('ui.loading')} />}
      {list && items.length === 0 && (
        <p class="empty">{filter || text ? tr('ui.queue.emptyFilter') : tr('ui.queue.empty')}</p>
      )}
      {items.length > 0 && (
        <ul class="queue" aria-labelledby="queue-title">
          {items.map((view) => (
            <li key={view.id}>
              <QueueRow view={view} now={now} onOpen={props.onOpen} />
            </li>
          ))}
        </ul>
      )}
      {list && list.total > list.items.length && (
        <p class="hint">{tr('ui.queue.shown', { shown: list.items.length, total: list.total })}</p>
      )}
    </section>
  );
}

function QueueRow(row: { view: CaseView; now: number; onOpen: (id: string) => void }) {
  const { boot, lang, tr } = useApp();
  const { view } = row;
  // Until the client has had a first response, that is the nearer deadline (and often the late one).
  const firstResponsePending = !view.firstResponseAt && view.status !== 'waiting_client';
  const due = formatDue(firstResponsePending ? view.dueFirstResponseAt : view.dueAt, row.now, lang);
  const status = boot.enums.statuses.find((s) => s.code === view.status)?.label ?? view.status;
  return (
    <button
      type="button"
      class={`queue-item${view.overdue ? ' overdue' : view.atRisk ? ' at-risk' : ''}`}
      data-testid="queue-item"
      data-case-id={view.id}
      onClick={() => row.onOpen(view.id)}
    >
      <span class="line">
        <span class={`crit crit-${view.criticality}`}>{view.criticality}</span>
        <span class="case-id">{view.id}</span>
        <span class="status">{status}</span>
      </span>
      <span class="line client">{view.client}</span>
      <span class="line meta">
        {view.status === 'waiting_client' ? (
          <span class="due">{tr('ui.case.paused')}</span>
        ) : (
          <span class={due.overdue ? 'due overdue' : 'due'}>
            {firstResponsePending ? `${tr('ui.case.dueFirstResponse')}: ${due.text}` : due.text}
          </span>
        )}
        <span class="order">{view.orderNo}</span>
      </span>
    </button>
  );
}

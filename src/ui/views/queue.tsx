/**
 * The queue: open cases, the most urgent first (the server's order), with counts of what is
 * overdue, due today, at risk and waiting for the client; each count is also a filter. A search
 * looks in every case, open or not (docs/product.md, Finding cases).
 */
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../domain/i18n';
import { OPEN_STATUSES } from '../../domain/model';
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

/** How many cases the queue asks for: the server's page limit. */
const PAGE = 200;
/** How many search results one screen shows at first, and how many more each "Show more" adds. */
const SEARCH_PAGE = 50;

export function QueueView(props: { onOpen: (id: string) => void }) {
  const { boot, tr, timeZone } = useApp();
  const [text, setText] = useState('');
  const [mine, setMine] = useState(boot.role !== 'lead' && boot.role !== 'team_leader');
  const [filter, setFilter] = useState<Filter | null>(null);
  const [searchLimit, setSearchLimit] = useState(SEARCH_PAGE);
  const query = text.trim();
  // A search covers every case, closed ones included; the queue itself is open work.
  const { list, error, reload } = useList<CaseList>(
    () =>
      rpc(
        'apiListCases',
        query ? { mine, text: query, limit: searchLimit } : { status: 'open', mine, text: '', limit: PAGE },
      ),
    text,
    [mine, searchLimit],
  );
  const now = useNow(list);

  const items = list ? list.items.filter((v) => !filter || matches(v, filter, now, timeZone)) : [];

  return (
    <section class="view" aria-labelledby="queue-title">
      <div class="view-head">
        <h1 id="queue-title" tabIndex={-1} data-testid="queue-title">
          {tr(query ? 'ui.queue.titleSearch' : mine ? 'ui.queue.titleMine' : 'ui.queue.titleAll')}
        </h1>
        <button type="button" class="small" onClick={reload}>
          {tr('ui.queue.refresh')}
        </button>
      </div>
      <SearchBox
        name="queue-search"
        label={tr('ui.queue.search')}
        value={text}
        onValue={(value) => {
          setText(value);
          setSearchLimit(SEARCH_PAGE);
        }}
      />
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
        <p class="empty" data-testid="queue-empty">
          {query ? tr('ui.queue.emptySearch') : filter ? tr('ui.queue.emptyFilter') : tr('ui.queue.empty')}
        </p>
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
        <p class="hint" data-testid="queue-more">
          {tr('ui.queue.more', { more: list.total - list.items.length, shown: list.items.length })}{' '}
          {query && searchLimit < PAGE && (
            <button
              type="button"
              class="small"
              onClick={() => setSearchLimit(Math.min(PAGE, searchLimit + SEARCH_PAGE))}
            >
              {tr('ui.queue.showMore')}
            </button>
          )}
        </p>
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
  // A finished case found by a search owes nothing: no due time to show.
  const open = OPEN_STATUSES.includes(view.status);
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
        {!open ? null : view.status === 'waiting_client' ? (
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

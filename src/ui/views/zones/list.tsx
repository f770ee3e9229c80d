/**
 * Zones of growth (docs/product.md, Zones of growth and CSI): the entries, filtered by team (a team
 * leader's own team first), status, open only and text; a leader's per-manager summary of the
 * month; the way to log a new entry.
 */
import { useState } from 'preact/hooks';
import { ZONE_STATUSES, type ZoneStatus } from '../../../domain/growth-zones';
import { Spinner } from '../../components';
import { useApp } from '../../context';
import type { GrowthZoneList, GrowthZoneView, ZoneSummary } from '../../../server/contract';
import { rpc } from '../../rpc';
import { ListError, SearchBox, useList } from '../../use-list';
import { mayLogZones, useZoneLabels, ZoneBadges } from './labels';

const PAGE = 200;

export function ZonesView() {
  const { boot, tr, go } = useApp();
  const zl = useZoneLabels();
  const [text, setText] = useState('');
  // The server puts a team leader's own team first; the filter narrows to one team.
  const [team, setTeam] = useState('');
  const [status, setStatus] = useState<ZoneStatus | ''>('');
  const [open, setOpen] = useState(true);
  const leader = boot.role === 'lead' || boot.role === 'team_leader';
  const {
    list: answer,
    error,
    reload,
  } = useList<[GrowthZoneList, ZoneSummary | null]>(
    () => {
      const query = { ...(team ? { team } : {}), ...(status ? { status } : {}), open, text: text.trim(), limit: PAGE };
      // The summary is a leader's extra: when it fails, the list still shows.
      const summary = leader ? rpc('apiZoneSummary', team ? { team } : {}).catch(() => null) : Promise.resolve(null);
      return Promise.all([rpc('apiListGrowthZones', query), summary]);
    },
    text,
    [team, status, open],
  );
  const [list, summary] = answer ?? [null, null];

  return (
    <section class="view" aria-labelledby="zones-title">
      <div class="view-head">
        <h1 id="zones-title" tabIndex={-1}>
          {tr('ui.nav.zones')}
        </h1>
        <button type="button" class="small" onClick={reload}>
          {tr('ui.queue.refresh')}
        </button>
      </div>
      {mayLogZones(boot.role) && (
        <div class="actions">
          <button type="button" class="primary" data-testid="zone-new" onClick={() => go({ name: 'newZone' })}>
            {tr('ui.zone.new')}
          </button>
        </div>
      )}
      {summary && <SummaryBlock summary={summary} />}
      <SearchBox name="zone-search" label={tr('ui.zone.search')} value={text} onValue={setText} />
      <div class="row filters">
        <select
          aria-label={zl.field('team')}
          data-testid="zone-team"
          value={team}
          onChange={(e) => setTeam(e.currentTarget.value)}
        >
          <option value="">{tr('ui.zone.allTeams')}</option>
          {(list?.teams ?? []).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <select
          aria-label={tr('ui.zone.f.status')}
          data-testid="zone-status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as ZoneStatus | '')}
        >
          <option value="">{tr('ui.zone.allStatuses')}</option>
          {ZONE_STATUSES.map((code) => (
            <option key={code} value={code}>
              {zl.status(code)}
            </option>
          ))}
        </select>
      </div>
      <label class="field check">
        <input
          type="checkbox"
          data-testid="zone-open"
          checked={open}
          onChange={(e) => setOpen(e.currentTarget.checked)}
        />
        {tr('ui.zone.openOnly')}
      </label>
      <ListError error={error} onRetry={reload} />
      {!list && !error && <Spinner label={tr('ui.loading')} />}
      {list && list.items.length === 0 && <p class="empty">{tr('ui.zone.empty')}</p>}
      {list && list.items.length > 0 && (
        <ul class="queue" aria-labelledby="zones-title">
          {list.items.map((view) => (
            <li key={view.id}>
              <ZoneRow view={view} onOpen={() => go({ name: 'zone', id: view.id })} />
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

function ZoneRow(props: { view: GrowthZoneView; onOpen: () => void }) {
  const zl = useZoneLabels();
  const { view } = props;
  return (
    <button
      type="button"
      class={`queue-item${view.recheckDue ? ' at-risk' : ''}`}
      data-testid="zone-item"
      data-zone-id={view.id}
      onClick={props.onOpen}
    >
      <span class="line">
        <span class="case-id">{view.id}</span>
        <span class="status">{zl.status(view.status)}</span>
      </span>
      <span class="line client">
        {view.manager} · {view.team}
      </span>
      <span class="line meta">
        <span>{view.standard}</span>
        <ZoneBadges view={view} />
      </span>
    </button>
  );
}

function SummaryBlock(props: { summary: ZoneSummary }) {
  const { tr } = useApp();
  const zl = useZoneLabels();
  const { month, rows } = props.summary;
  return (
    <details class="summary-block" data-testid="zone-summary">
      <summary>{tr('ui.zone.summary', { month })}</summary>
      {rows.length === 0 ? (
        <p class="empty">{tr('ui.zone.summaryEmpty')}</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th>{zl.field('manager')}</th>
              <th>{tr('ui.zone.col.entries')}</th>
              <th>{tr('ui.zone.col.repeats')}</th>
              <th>{tr('ui.zone.col.open')}</th>
              <th>{tr('ui.nav.csi')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.team}/${row.manager}`} data-testid="summary-row">
                <td>
                  {row.manager}
                  <span class="hint"> {row.team}</span>
                </td>
                <td>{row.logged}</td>
                <td>{row.repeats}</td>
                <td>{row.open}</td>
                <td>{row.csi}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * Zones of growth (docs/product.md, Zones of growth and CSI): the entries, filtered by team (a team
 * leader's own team first), status, open only and text; a leader's per-manager summary of the
 * month; the way to log a new entry.
 */
import { useEffect, useState } from 'preact/hooks';
import { ZONE_STATUSES, type ZoneStatus } from '../../../domain/growth-zones';
import { FormError, Spinner } from '../../components';
import { useApp } from '../../context';
import { asServerError } from '../../rpc';
import { zrpc, type GrowthZoneView, type ZoneApi } from '../../zones-tmp';
import { mayLogZones, ZoneBadges } from './labels';

type ZoneList = ReturnType<ZoneApi['apiListGrowthZones']>;
type Summary = ReturnType<ZoneApi['apiZoneSummary']>;

const PAGE = 200;

export function ZonesView() {
  const { boot, tr, go } = useApp();
  const [text, setText] = useState('');
  // The server puts a team leader's own team first; the filter narrows to one team.
  const [team, setTeam] = useState('');
  const [status, setStatus] = useState<ZoneStatus | ''>('');
  const [open, setOpen] = useState(true);
  const [list, setList] = useState<ZoneList | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState('');
  const [reloads, setReloads] = useState(0);
  const leader = boot.role === 'lead' || boot.role === 'team_leader';

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        const query = {
          ...(team ? { team } : {}),
          ...(status ? { status } : {}),
          open,
          text: text.trim(),
          limit: PAGE,
        };
        zrpc('apiListGrowthZones', query)
          .then((result) => {
            if (!current) return;
            setList(result);
            setError('');
          })
          .catch((caught: unknown) => current && setError(asServerError(caught).message));
        if (leader)
          zrpc('apiZoneSummary', team ? { team } : {})
            .then((result) => current && setSummary(result))
            .catch(() => current && setSummary(null));
      },
      text ? 300 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, team, status, open, reloads]);

  return (
    <section class="view" aria-labelledby="zones-title">
      <div class="view-head">
        <h1 id="zones-title" tabIndex={-1}>
          {tr('ui.nav.zones')}
        </h1>
        <button type="button" class="small" onClick={() => setReloads((n) => n + 1)}>
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
      <label class="sr-only" for="zone-search">
        {tr('ui.zone.search')}
      </label>
      <input
        id="zone-search"
        type="search"
        data-testid="zone-search"
        placeholder={tr('ui.zone.search')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        maxLength={200}
      />
      <div class="row filters">
        <select
          aria-label={tr('field.team')}
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
              {tr(`ui.zone.status.${code}`)}
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
      <FormError error={error}>
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          {tr('ui.retry')}
        </button>
      </FormError>
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
  const { tr } = useApp();
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
        <span class="status">{tr(`ui.zone.status.${view.status}`)}</span>
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

function SummaryBlock(props: { summary: Summary }) {
  const { tr } = useApp();
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
              <th>{tr('field.manager')}</th>
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

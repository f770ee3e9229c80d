/**
 * CSI (docs/product.md, Zones of growth and CSI): negative client comments about a sales or
 * showroom manager, logged here with the date, the manager, their role and team, the comment, the
 * score and a linked case or order, and listed newest first.
 */
import { useState } from 'preact/hooks';
import { CSI_ROLES } from '../../domain/growth-zones';
import { CSAT, rangeLabel } from '../../domain/limits';
import { AreaField, FormError, RadioField, Spinner, TextField } from '../components';
import { useApp } from '../context';
import type { CsiList } from '../../server/contract';
import { rpc } from '../rpc';
import { serverNow } from '../server-clock';
import { formatDay, localDate } from '../time-text';
import { ListError, SearchBox, useList } from '../use-list';
import { useSubmit } from '../use-submit';
import { csiErrors, csiInput, emptyCsiDraft, type CsiDraft } from '../zone-forms';
import { mayLogZones, useZoneLabels } from './zones/labels';

const PAGE = 200;

export function CsiView() {
  const { boot, lang, tr, timeZone } = useApp();
  const zl = useZoneLabels();
  const [text, setText] = useState('');
  const [logging, setLogging] = useState(false);
  const { list, error, reload } = useList<CsiList>(
    () => rpc('apiListCsi', { text: text.trim(), limit: PAGE }),
    text,
    [],
  );

  return (
    <section class="view" aria-labelledby="csi-title">
      <div class="view-head">
        <h1 id="csi-title" tabIndex={-1}>
          {tr('ui.nav.csi')}
        </h1>
        <button type="button" class="small" onClick={reload}>
          {tr('ui.queue.refresh')}
        </button>
      </div>
      <p class="hint">{tr('ui.csi.hint')}</p>
      {mayLogZones(boot.role) &&
        (logging ? (
          <CsiForm
            onDone={() => {
              setLogging(false);
              reload();
            }}
          />
        ) : (
          <div class="actions">
            <button type="button" class="primary" data-testid="csi-new" onClick={() => setLogging(true)}>
              {tr('ui.csi.new')}
            </button>
          </div>
        ))}
      <h2>{tr('ui.csi.list')}</h2>
      <SearchBox name="csi-search" label={tr('ui.csi.search')} value={text} onValue={setText} />
      <ListError error={error} onRetry={reload} />
      {!list && !error && <Spinner label={tr('ui.loading')} />}
      {list && list.items.length === 0 && <p class="empty">{tr('ui.csi.empty')}</p>}
      {list && list.items.length > 0 && (
        <ul class="queue">
          {list.items.map((item) => (
            <li key={item.id} class="queue-item" data-testid="csi-item" data-csi-id={item.id}>
              <span class="line">
                <span class="case-id">{formatDay(item.at, lang, timeZone)}</span>
                <span class="status">
                  {zl.field('score')}: {item.score}
                </span>
              </span>
              <span class="line client">
                {item.manager} · {zl.csiRole(item.role)} · {item.team}
              </span>
              <span class="line">{item.comment}</span>
              {(item.caseId || item.orderNo) && (
                <span class="line meta">{[item.caseId, item.orderNo].filter(Boolean).join(' · ')}</span>
              )}
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

function CsiForm(props: { onDone: () => void }) {
  const { lang, tr, notify, timeZone } = useApp();
  const zl = useZoneLabels();
  const [draft, setDraft] = useState<CsiDraft>(() => emptyCsiDraft(localDate(serverNow(), timeZone)));
  const { errors, busy, form, submit } = useSubmit(
    draft,
    (d) => csiErrors(d, serverNow(), lang),
    () => rpc('apiLogCsi', csiInput(draft)),
    (created) => {
      notify(tr('ui.csi.logged', { id: created.id }));
      props.onDone();
    },
  );
  const set = (field: keyof CsiDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const common = (name: keyof CsiDraft, label: string, required = true) => ({
    name,
    idPrefix: 'csi',
    label,
    required,
    error: errors[name],
    value: draft[name],
    onValue: set(name),
  });

  return (
    <form ref={form} class="panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="csi-new-title">
      <h2 id="csi-new-title">{tr('ui.csi.new')}</h2>
      <TextField {...common('at', tr('ui.csi.f.at'))} input={{ type: 'date' }} />
      <TextField {...common('manager', zl.field('manager'))} input={{ autoComplete: 'off' }} />
      <RadioField
        {...common('role', zl.field('role'))}
        options={CSI_ROLES.map((value) => ({ value, label: zl.csiRole(value) }))}
      />
      <TextField {...common('team', zl.field('team'), false)} />
      <AreaField {...common('comment', zl.field('comment'))} />
      <TextField
        {...common('score', `${zl.field('score')} ${rangeLabel(CSAT)}`)}
        input={{ type: 'number', min: CSAT.min, max: CSAT.max, step: 1, inputMode: 'numeric' }}
      />
      <TextField {...common('caseId', zl.field('caseId'), false)} input={{ autoComplete: 'off' }} />
      <TextField {...common('orderNo', zl.field('orderNo'), false)} />
      <TextField {...common('client', zl.field('client'), false)} input={{ autoComplete: 'off' }} />
      <FormError error={errors['']} />
      <div class="actions">
        <button type="submit" class="primary" data-testid="csi-submit" disabled={busy} aria-busy={busy}>
          {busy ? tr('ui.working') : tr('ui.zone.submit')}
        </button>
        <button type="button" onClick={props.onDone} disabled={busy}>
          {tr('ui.cancel')}
        </button>
      </div>
    </form>
  );
}

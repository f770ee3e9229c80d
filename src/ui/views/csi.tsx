/**
 * CSI (docs/product.md, Zones of growth and CSI): negative client comments about a sales or
 * showroom manager, logged here with the date, the manager, their role and team, the comment, the
 * score and a linked case or order, and listed newest first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CSI_ROLES } from '../../domain/growth-zones';
import { CSAT, rangeLabel } from '../../domain/limits';
import { AreaField, FormError, RadioField, Spinner, TextField, focusFirstInvalid } from '../components';
import { useApp } from '../context';
import { serverErrorsByField, type FieldErrors } from '../forms';
import { asServerError } from '../rpc';
import { serverNow } from '../server-clock';
import { formatDay, localDate } from '../time-text';
import { csiInput, emptyCsiDraft, type CsiDraft } from '../zone-forms';
import { zrpc, type ZoneApi } from '../zones-tmp';
import { mayLogZones } from './zones/labels';

type CsiList = ReturnType<ZoneApi['apiListCsi']>;

const PAGE = 200;

export function CsiView() {
  const { boot, lang, tr, timeZone } = useApp();
  const [text, setText] = useState('');
  const [list, setList] = useState<CsiList | null>(null);
  const [error, setError] = useState('');
  const [reloads, setReloads] = useState(0);
  const [logging, setLogging] = useState(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        zrpc('apiListCsi', { text: text.trim(), limit: PAGE })
          .then((result) => {
            if (!current) return;
            setList(result);
            setError('');
          })
          .catch((caught: unknown) => current && setError(asServerError(caught).message));
      },
      text ? 300 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, reloads]);

  return (
    <section class="view" aria-labelledby="csi-title">
      <div class="view-head">
        <h1 id="csi-title" tabIndex={-1}>
          {tr('ui.nav.csi')}
        </h1>
        <button type="button" class="small" onClick={() => setReloads((n) => n + 1)}>
          {tr('ui.queue.refresh')}
        </button>
      </div>
      <p class="hint">{tr('ui.csi.hint')}</p>
      {mayLogZones(boot.role) &&
        (logging ? (
          <CsiForm
            onDone={() => {
              setLogging(false);
              setReloads((n) => n + 1);
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
      <label class="sr-only" for="csi-search">
        {tr('ui.zone.search')}
      </label>
      <input
        id="csi-search"
        type="search"
        data-testid="csi-search"
        placeholder={tr('ui.zone.search')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        maxLength={200}
      />
      <FormError error={error}>
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          {tr('ui.retry')}
        </button>
      </FormError>
      {!list && !error && <Spinner label={tr('ui.loading')} />}
      {list && list.items.length === 0 && <p class="empty">{tr('ui.csi.empty')}</p>}
      {list && list.items.length > 0 && (
        <ul class="queue">
          {list.items.map((item) => (
            <li key={item.id} class="queue-item" data-testid="csi-item" data-csi-id={item.id}>
              <span class="line">
                <span class="case-id">{formatDay(item.at, lang, timeZone)}</span>
                <span class="status">
                  {tr('ui.csi.f.score')}: {item.score}
                </span>
              </span>
              <span class="line client">
                {item.manager} · {tr(`ui.csi.role.${item.role}`)} · {item.team}
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
  const [draft, setDraft] = useState<CsiDraft>(() => emptyCsiDraft(localDate(serverNow(), timeZone)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
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

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const created = await zrpc('apiLogCsi', csiInput(draft));
      notify(tr('ui.csi.logged', { id: created.id }));
      props.onDone();
    } catch (caught) {
      const found = serverErrorsByField(asServerError(caught), lang);
      setErrors(Object.keys(found).some(Boolean) ? { '': tr('ui.fixFields'), ...found } : found);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="csi-new-title">
      <h2 id="csi-new-title">{tr('ui.csi.new')}</h2>
      <TextField {...common('at', tr('ui.csi.f.at'))} input={{ type: 'date' }} />
      <TextField {...common('manager', tr('field.manager'))} input={{ autoComplete: 'off' }} />
      <RadioField
        {...common('role', tr('ui.csi.f.role'))}
        options={CSI_ROLES.map((value) => ({ value, label: tr(`ui.csi.role.${value}`) }))}
      />
      <TextField {...common('team', tr('field.team'))} />
      <AreaField {...common('comment', tr('ui.csi.f.comment'))} />
      <TextField
        {...common('score', `${tr('ui.csi.f.score')} ${rangeLabel(CSAT)}`)}
        input={{ type: 'number', min: CSAT.min, max: CSAT.max, step: 1, inputMode: 'numeric' }}
      />
      <TextField {...common('caseId', tr('ui.csi.f.caseId'), false)} input={{ autoComplete: 'off' }} />
      <TextField {...common('orderNo', tr('field.orderNo'), false)} />
      <TextField {...common('client', tr('field.client'), false)} input={{ autoComplete: 'off' }} />
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

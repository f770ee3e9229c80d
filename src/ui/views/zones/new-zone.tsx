/**
 * Logging a zone of growth: every field of apiLogGrowthZone. What the server refuses is shown next
 * to its field, as on the New case form; the team brings its leader from Settings.
 */
import { useRef, useState } from 'preact/hooks';
import { ZONE_CATEGORIES, ZONE_SOURCES } from '../../../domain/growth-zones';
import { AreaField, FormError, RadioField, SelectField, TextField, focusFirstInvalid } from '../../components';
import { useApp } from '../../context';
import { serverErrorsByField, type FieldErrors } from '../../forms';
import { asServerError } from '../../rpc';
import { emptyZoneDraft, leaderTeams, teamLeaderOf, zoneInput, type ZoneDraft } from '../../zone-forms';
import { zrpc } from '../../zones-tmp';

export function NewZoneView() {
  const { boot, lang, tr, notify, go } = useApp();
  const { settings } = boot;
  const [draft, setDraft] = useState<ZoneDraft>(emptyZoneDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const teams = leaderTeams(settings);

  const set = <K extends keyof ZoneDraft>(field: K, value: ZoneDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  /** A new team brings its leader, unless someone was named by hand. */
  const changeTeam = (team: string) =>
    setDraft((d) => {
      const keep = d.teamLeaderEmail.trim() !== '' && d.teamLeaderEmail.trim() !== teamLeaderOf(settings, d.team);
      return { ...d, team, teamLeaderEmail: keep ? d.teamLeaderEmail : teamLeaderOf(settings, team) };
    });
  const common = (name: keyof ZoneDraft, label: string, required = true) => ({
    name,
    idPrefix: 'zone',
    label,
    required,
    error: errors[name],
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const created = await zrpc('apiLogGrowthZone', zoneInput(draft));
      notify(tr('ui.zone.logged', { id: created.id }));
      go({ name: 'zone', id: created.id });
    } catch (caught) {
      const found = serverErrorsByField(asServerError(caught), lang);
      setErrors(Object.keys(found).some(Boolean) ? { '': tr('ui.fixFields'), ...found } : found);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="view" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="zone-new-title">
      <h1 id="zone-new-title" tabIndex={-1}>
        {tr('ui.zone.new')}
      </h1>
      <TextField
        {...common('manager', tr('field.manager'))}
        value={draft.manager}
        onValue={(v) => set('manager', v)}
        input={{ autoComplete: 'off' }}
      />
      {teams.length > 0 ? (
        <SelectField
          {...common('team', tr('field.team'))}
          value={draft.team}
          options={teams.map((value) => ({ value, label: value }))}
          onValue={changeTeam}
        />
      ) : (
        <TextField {...common('team', tr('field.team'))} value={draft.team} onValue={changeTeam} />
      )}
      <TextField
        {...common('teamLeaderEmail', tr('ui.zone.f.teamLeaderEmail'))}
        value={draft.teamLeaderEmail}
        onValue={(v) => set('teamLeaderEmail', v)}
        hint={tr('ui.zone.hint.teamLeader')}
        input={{ type: 'email', autoComplete: 'off' }}
      />
      <RadioField
        {...common('source', tr('ui.zone.f.source'))}
        value={draft.source}
        options={ZONE_SOURCES.map((value) => ({ value, label: tr(`ui.zone.source.${value}`) }))}
        onValue={(v) => set('source', v as ZoneDraft['source'])}
      />
      <RadioField
        {...common('category', tr('ui.zone.f.category'))}
        value={draft.category}
        options={ZONE_CATEGORIES.map((value) => ({ value, label: tr(`ui.zone.category.${value}`) }))}
        onValue={(v) => set('category', v as ZoneDraft['category'])}
      />
      {draft.category && <p class="hint">{tr(`ui.zone.hint.${draft.category}`)}</p>}
      <TextField
        {...common('standard', tr('ui.zone.f.standard'))}
        value={draft.standard}
        onValue={(v) => set('standard', v)}
      />
      <TextField
        {...common('link', tr('ui.zone.f.link'), false)}
        value={draft.link}
        onValue={(v) => set('link', v)}
        input={{ type: 'url', inputMode: 'url', placeholder: 'https://' }}
      />
      <AreaField
        {...common('description', tr('ui.zone.f.description'))}
        value={draft.description}
        onValue={(v) => set('description', v)}
        rows={4}
      />
      <FormError error={errors['']} />
      <div class="actions sticky">
        <button type="submit" class="primary" data-testid="zone-submit" disabled={busy} aria-busy={busy}>
          {busy ? tr('ui.working') : tr('ui.zone.submit')}
        </button>
        <button type="button" onClick={() => go({ name: 'zones' })} disabled={busy}>
          {tr('ui.cancel')}
        </button>
      </div>
    </form>
  );
}

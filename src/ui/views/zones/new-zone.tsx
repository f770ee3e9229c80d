/**
 * Logging a zone of growth: every field of apiLogGrowthZone. What the server refuses is shown next
 * to its field, as on the New case form; the team brings its leader from Settings.
 */
import { useState } from 'preact/hooks';
import { ZONE_CATEGORIES, ZONE_SOURCES } from '../../../domain/growth-zones';
import { AreaField, FormError, RadioField, SelectField, TextField } from '../../components';
import { useApp } from '../../context';
import { rpc } from '../../rpc';
import { useSubmit } from '../../use-submit';
import { useZoneLabels } from './labels';
import {
  emptyZoneDraft,
  leaderTeams,
  teamLeaderOf,
  zoneInput,
  zoneInputErrors,
  type ZoneDraft,
} from '../../zone-forms';

export function NewZoneView() {
  const { boot, lang, tr, notify, go } = useApp();
  const zl = useZoneLabels();
  const { settings } = boot;
  const [draft, setDraft] = useState<ZoneDraft>(emptyZoneDraft);
  const { errors, busy, form, submit } = useSubmit(
    draft,
    (d) => zoneInputErrors(d, lang),
    () => rpc('apiLogGrowthZone', zoneInput(draft)),
    (created) => {
      notify(tr('ui.zone.logged', { id: created.id }));
      go({ name: 'zone', id: created.id });
    },
  );
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

  return (
    <form ref={form} class="view" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="zone-new-title">
      <h1 id="zone-new-title" tabIndex={-1}>
        {tr('ui.zone.new')}
      </h1>
      <TextField
        {...common('manager', zl.field('manager'))}
        value={draft.manager}
        onValue={(v) => set('manager', v)}
        input={{ autoComplete: 'off' }}
      />
      {teams.length > 0 ? (
        <SelectField
          {...common('team', zl.field('team'))}
          value={draft.team}
          options={teams.map((value) => ({ value, label: value }))}
          onValue={changeTeam}
        />
      ) : (
        <TextField {...common('team', zl.field('team'))} value={draft.team} onValue={changeTeam} />
      )}
      <TextField
        {...common('teamLeaderEmail', zl.field('teamLeaderEmail'))}
        value={draft.teamLeaderEmail}
        onValue={(v) => set('teamLeaderEmail', v)}
        hint={tr('ui.zone.hint.teamLeader')}
        input={{ type: 'email', autoComplete: 'off' }}
      />
      <RadioField
        {...common('source', zl.field('source'))}
        value={draft.source}
        options={ZONE_SOURCES.map((value) => ({ value, label: zl.source(value) }))}
        onValue={(v) => set('source', v as ZoneDraft['source'])}
      />
      <RadioField
        {...common('category', zl.field('category'))}
        value={draft.category}
        options={ZONE_CATEGORIES.map((value) => ({ value, label: zl.category(value) }))}
        onValue={(v) => set('category', v as ZoneDraft['category'])}
      />
      {draft.category && <p class="hint">{tr(`ui.zone.hint.${draft.category}`)}</p>}
      <TextField
        {...common('standard', zl.field('standard'))}
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
        {...common('description', zl.field('description'))}
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

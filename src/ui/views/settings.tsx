/**
 * Settings, for CS leads (the server refuses everyone else anyway): team and roles, departments
 * with owners and heads, SLA targets, working hours and holidays, lists, templates, the case
 * number prefix and the language. Checked with the domain's rules before anything is sent. The
 * screen holds the draft and saves it; each section is its own component (settings-sections.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../domain/errors';
import { t } from '../../domain/i18n';
import { FormError, Spinner } from '../components';
import { useApp } from '../context';
import { asServerError, rpc } from '../rpc';
import { describeSettingsProblem, settingsDraft, settingsFromDraft, type SettingsDraft } from '../settings-form';
import {
  CalendarSection,
  DepartmentsSection,
  GeneralSection,
  ListsSection,
  SlaSection,
  TeamSection,
  TemplatesSection,
} from './settings-sections';

export function SettingsView() {
  const { lang, tr, notify, reloadBoot } = useApp();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverError, setServerError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    rpc('apiGetSettings')
      .then((s) => setDraft(settingsDraft(s)))
      .catch((caught: unknown) => setServerError(asServerError(caught).message));
  }, []);

  if (!draft) {
    return (
      <section class="view">
        <h1 tabIndex={-1}>{tr('ui.nav.settings')}</h1>
        {serverError ? <FormError error={serverError} /> : <Spinner label={tr('ui.loading')} />}
      </section>
    );
  }

  const update = (change: (d: SettingsDraft) => SettingsDraft) => setDraft((d) => d && change(d));
  const save = async (event: Event) => {
    event.preventDefault();
    const { settings, problems: found } = settingsFromDraft(draft);
    setProblems(found);
    setServerError('');
    if (!settings) return;
    setBusy(true);
    try {
      const saved = await rpc('apiSaveSettings', settings);
      setDraft(settingsDraft(saved));
      await reloadBoot();
      // Said in the language just saved: the whole sidebar has switched to it.
      notify(t(saved.language, 'ui.settings.saved'));
    } catch (caught) {
      setServerError(asServerError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const section = { draft, update, problems };
  const general = [...problems.map((p) => describeSettingsProblem(p, lang)), ...(serverError ? [serverError] : [])];

  return (
    <form class="view settings" noValidate onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {tr('ui.nav.settings')}
      </h1>

      <GeneralSection {...section} />
      <TeamSection {...section} />
      <DepartmentsSection {...section} />
      <SlaSection {...section} />
      <CalendarSection {...section} />
      <ListsSection {...section} />
      <TemplatesSection {...section} />

      {general.length > 0 && (
        <div class="form-error" role="alert">
          <p data-testid="form-error">{problems.length > 0 ? tr('ui.settings.problems') : general[0]}</p>
          {problems.length > 0 && (
            <ul>
              {general.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="actions sticky">
        <button type="submit" class="primary" data-testid="settings-save" disabled={busy} aria-busy={busy}>
          {busy ? tr('ui.working') : tr('ui.save')}
        </button>
      </div>
    </form>
  );
}

/**
 * Settings, for CS leads (the server refuses everyone else anyway): team and roles, departments
 * with owners and heads, SLA targets, working hours and holidays, lists, templates, the case
 * number prefix and the language. Checked with the domain's rules before anything is sent.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../domain/errors';
import { t } from '../../domain/i18n';
import { CRITICALITIES, ROLES } from '../../domain/model';
import { TEMPLATE_PLACEHOLDERS } from '../../domain/templates';
import { AreaField, CardList, FormError, SelectField, Spinner, TextField } from '../components';
import { useApp } from '../context';
import { asServerError, rpc } from '../rpc';
import {
  LIST_FIELDS,
  describeSettingsProblem,
  hasProblem,
  settingsDraft,
  settingsFromDraft,
  type SettingsDraft,
} from '../settings-form';
import { weekdayNames } from '../time-text';

/** Monday first, as people read a week here; the calendar itself counts from Sunday (index 0). */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

export function SettingsView() {
  const { boot, lang, tr, notify, reloadBoot } = useApp();
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
  /** The problems with the fields that match, said as one field's error. */
  const errorWhere = (matches: (field: string) => boolean) =>
    problems
      .filter((p) => matches(p.field ?? ''))
      .map((p) => describeSettingsProblem({ ...p, field: '' }, lang))
      .join(' ') || undefined;
  const errorAt = (path: string) => errorWhere((field) => field === path);
  const invalid = (path: string) => (hasProblem(problems, path) ? true : undefined);
  const days = weekdayNames(lang);

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

  const general = [...problems.map((p) => describeSettingsProblem(p, lang)), ...(serverError ? [serverError] : [])];

  return (
    <form class="view settings" noValidate onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {tr('ui.nav.settings')}
      </h1>

      <details open>
        <summary>{tr('ui.settings.general')}</summary>
        <SelectField
          name="language"
          idPrefix="set"
          label={tr('ui.settings.language')}
          value={draft.language}
          options={[
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
          onValue={(language) => update((d) => ({ ...d, language }))}
          error={errorAt('language')}
        />
        <TextField
          name="caseIdPrefix"
          idPrefix="set"
          label={tr('ui.settings.prefix')}
          value={draft.caseIdPrefix}
          onValue={(caseIdPrefix) => update((d) => ({ ...d, caseIdPrefix }))}
          error={errorAt('caseIdPrefix')}
          input={{ maxLength: 8, autoCapitalize: 'characters' }}
        />
      </details>

      <details open={hasProblem(problems, 'team') || undefined}>
        <summary>{tr('ui.settings.team')}</summary>
        <CardList
          items={draft.team}
          onItems={(change) => update((d) => ({ ...d, team: change(d.team) }))}
          cardLabel={(member, i) => member.email || `${tr('ui.settings.team')} ${i + 1}`}
          renderCard={(member, i, setMember) => (
            <>
              <TextField
                name={`team.${i}.email`}
                idPrefix="set"
                label={tr('ui.settings.email')}
                value={member.email}
                onValue={(email) => setMember({ email })}
                error={errorAt(`team.${i}.email`)}
                input={{ type: 'email', autoComplete: 'off' }}
              />
              <TextField
                name={`team.${i}.name`}
                idPrefix="set"
                label={tr('ui.settings.name')}
                value={member.name}
                onValue={(name) => setMember({ name })}
              />
              <SelectField
                name={`team.${i}.role`}
                idPrefix="set"
                label={tr('ui.settings.role')}
                value={member.role}
                options={ROLES.map((r) => ({
                  value: r,
                  label: boot.enums.roles.find((x) => x.code === r)?.label ?? r,
                }))}
                onValue={(role) => setMember({ role: role as typeof member.role })}
                error={errorAt(`team.${i}.role`)}
              />
              <TextField
                name={`team.${i}.team`}
                idPrefix="set"
                label={tr('field.team')}
                value={member.team}
                onValue={(team) => setMember({ team })}
              />
            </>
          )}
          blank={{ email: '', name: '', role: 'agent', team: '' }}
          addLabel={tr('ui.settings.addMember')}
        />
      </details>

      <details open={hasProblem(problems, 'departments') || hasProblem(problems, 'escalation') || undefined}>
        <summary>{tr('ui.settings.departments')}</summary>
        <CardList
          items={draft.departments}
          onItems={(change) => update((d) => ({ ...d, departments: change(d.departments) }))}
          cardLabel={(dept, i) => dept.name || `${tr('ui.settings.department')} ${i + 1}`}
          renderCard={(dept, i, setDept) => (
            <>
              <TextField
                name={`departments.${i}.name`}
                idPrefix="set"
                label={tr('ui.settings.department')}
                value={dept.name}
                onValue={(name) => setDept({ name })}
                error={errorAt(`departments.${i}`)}
              />
              <TextField
                name={`departments.${i}.owners`}
                idPrefix="set"
                label={tr('ui.settings.owners')}
                value={dept.owners}
                onValue={(owners) => setDept({ owners })}
                error={errorWhere((field) => field.startsWith(`departments.${i}.owners`))}
              />
              <TextField
                name={`departments.${i}.head`}
                idPrefix="set"
                label={tr('ui.settings.head')}
                value={dept.head}
                onValue={(head) => setDept({ head })}
                error={errorAt(`departments.${i}.head`)}
                input={{ type: 'email', autoComplete: 'off' }}
              />
            </>
          )}
          blank={{ name: '', owners: '', head: '' }}
          addLabel={tr('ui.settings.addDepartment')}
        />
        <p class="subhead">{tr('ui.settings.escalation')}</p>
        <TextField
          name="escalation.coo"
          idPrefix="set"
          label="COO"
          value={draft.coo}
          onValue={(coo) => update((d) => ({ ...d, coo }))}
          error={errorAt('escalation.coo')}
          input={{ type: 'email', autoComplete: 'off' }}
        />
        <TextField
          name="escalation.ceo"
          idPrefix="set"
          label="CEO"
          value={draft.ceo}
          onValue={(ceo) => update((d) => ({ ...d, ceo }))}
          error={errorAt('escalation.ceo')}
          input={{ type: 'email', autoComplete: 'off' }}
        />
      </details>

      <details open={hasProblem(problems, 'sla') || undefined}>
        <summary>{tr('ui.settings.sla')}</summary>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{tr('ui.settings.firstResponse')}</th>
              <th scope="col">{tr('ui.settings.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {CRITICALITIES.map((c) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {(['firstResponse', 'resolution'] as const).map((kind) => (
                  <td key={kind}>
                    <input
                      type="number"
                      min={1}
                      step={1}
                      inputMode="numeric"
                      data-testid={`field-sla-${kind}-${c}`}
                      aria-label={`${c}: ${tr(kind === 'firstResponse' ? 'ui.settings.firstResponse' : 'ui.settings.resolution')}`}
                      aria-invalid={invalid(`sla.${kind}.${c}`) ?? invalid(`sla.${kind}`)}
                      value={draft.sla[kind][c]}
                      onInput={(e) => {
                        const value = e.currentTarget.value;
                        update((d) => ({ ...d, sla: { ...d.sla, [kind]: { ...d.sla[kind], [c]: value } } }));
                      }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <details open={hasProblem(problems, 'calendar') || undefined}>
        <summary>{tr('ui.settings.calendar')}</summary>
        <TextField
          name="calendar.timeZone"
          idPrefix="set"
          label={tr('ui.settings.timeZone')}
          value={draft.timeZone}
          onValue={(timeZone) => update((d) => ({ ...d, timeZone }))}
          error={errorAt('calendar.timeZone')}
        />
        <table class="grid hours">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{tr('ui.settings.open')}</th>
              <th scope="col">{tr('ui.settings.close')}</th>
              <th scope="col">{tr('ui.settings.dayOff')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEK_ORDER.map((i) => {
              const day = draft.hours[i] ?? { closed: true, open: '', close: '' };
              const setDay = (change: Partial<typeof day>) =>
                update((d) => ({ ...d, hours: d.hours.map((h, j) => (j === i ? { ...h, ...change } : h)) }));
              return (
                <tr key={i}>
                  <th scope="row">{days[i]}</th>
                  {(['open', 'close'] as const).map((edge) => (
                    <td key={edge}>
                      <input
                        type="time"
                        aria-label={`${days[i]}: ${tr(`ui.settings.${edge}`)}`}
                        aria-invalid={invalid(`calendar.hours.${i}`)}
                        disabled={day.closed}
                        value={day[edge]}
                        onInput={(e) => setDay({ [edge]: e.currentTarget.value })}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${days[i]}: ${tr('ui.settings.dayOff')}`}
                      checked={day.closed}
                      onChange={(e) => {
                        const closed = e.currentTarget.checked;
                        setDay(
                          closed ? { closed } : { closed, open: day.open || '09:00', close: day.close || '18:00' },
                        );
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <AreaField
          name="calendar.holidays"
          idPrefix="set"
          label={tr('ui.settings.holidays')}
          value={draft.holidays}
          onValue={(holidays) => update((d) => ({ ...d, holidays }))}
          error={errorWhere((f) => f === 'calendar.holidays' || f.startsWith('calendar.holidays.'))}
        />
      </details>

      <details open={LIST_FIELDS.some((f) => hasProblem(problems, f)) || undefined}>
        <summary>{tr('ui.settings.lists')}</summary>
        {LIST_FIELDS.map((list) => (
          <AreaField
            key={list}
            name={list}
            idPrefix="set"
            label={tr(`ui.settings.${list}`)}
            rows={5}
            value={draft[list]}
            onValue={(value) => update((d) => ({ ...d, [list]: value }))}
            error={errorWhere((field) => field.split('.')[0] === list)}
          />
        ))}
      </details>

      <details open={hasProblem(problems, 'templates') || undefined}>
        <summary>{tr('ui.settings.templates')}</summary>
        <p class="hint">
          {tr('ui.settings.placeholders', { list: TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}
        </p>
        <CardList
          items={draft.templates}
          onItems={(change) => update((d) => ({ ...d, templates: change(d.templates) }))}
          cardLabel={(tpl, i) => tpl.name || tpl.key || `${i + 1}`}
          renderCard={(tpl, i, setTemplate) => (
            <>
              <TextField
                name={`templates.${i}.key`}
                idPrefix="set"
                label={tr('ui.settings.templateKey')}
                value={tpl.key}
                onValue={(key) => setTemplate({ key })}
                error={errorAt(`templates.${i}.key`)}
              />
              <TextField
                name={`templates.${i}.name`}
                idPrefix="set"
                label={tr('ui.settings.templateName')}
                value={tpl.name}
                onValue={(name) => setTemplate({ name })}
              />
              <AreaField
                name={`templates.${i}.text`}
                idPrefix="set"
                label={tr('ui.settings.templateText')}
                rows={5}
                value={tpl.text}
                onValue={(text) => setTemplate({ text })}
                error={errorAt(`templates.${i}.text`)}
              />
            </>
          )}
          blank={{ key: '', name: '', text: '' }}
          addLabel={tr('ui.settings.addTemplate')}
        />
      </details>

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

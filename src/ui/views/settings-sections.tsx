/**
 * The sections of the Settings screen, one component each: general, team, departments and
 * escalation, SLA targets, the business calendar, lists, message templates. Each edits its part
 * of the draft and shows the problems found with it; the screen (settings.tsx) holds the draft.
 */
import type { Problem } from '../../domain/errors';
import type { Lang } from '../../domain/i18n';
import { CRITICALITIES, ROLES } from '../../domain/model';
import { TEMPLATE_PLACEHOLDERS } from '../../domain/templates';
import { AreaField, CardList, SelectField, TextField } from '../components';
import { useApp } from '../context';
import { LIST_FIELDS, describeSettingsProblem, hasProblem, type SettingsDraft } from '../settings-form';
import { weekdayNames } from '../time-text';

/** Monday first, as people read a week here; the calendar itself counts from Sunday (index 0). */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** What each section is given: the draft, how to change it, and the problems found in it. */
export interface SectionProps {
  draft: SettingsDraft;
  update: (change: (d: SettingsDraft) => SettingsDraft) => void;
  problems: Problem[];
}

/** The problems found with a section's fields, said as field errors. */
function fieldErrors(problems: Problem[], lang: Lang) {
  /** The problems with the fields that match, said as one field's error. */
  const errorWhere = (matches: (field: string) => boolean) =>
    problems
      .filter((p) => matches(p.field ?? ''))
      .map((p) => describeSettingsProblem({ ...p, field: '' }, lang))
      .join(' ') || undefined;
  const errorAt = (path: string) => errorWhere((field) => field === path);
  const invalid = (path: string) => (hasProblem(problems, path) ? true : undefined);
  return { errorWhere, errorAt, invalid };
}

export function GeneralSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { errorAt } = fieldErrors(problems, lang);
  return (
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
      <TextField
        name="digestHour"
        idPrefix="set"
        label={tr('ui.settings.digestHour')}
        value={draft.digestHour}
        onValue={(digestHour) => update((d) => ({ ...d, digestHour }))}
        error={errorAt('digestHour')}
        input={{ maxLength: 2, inputMode: 'numeric' }}
      />
      <SelectField
        name="phoneCountry"
        idPrefix="set"
        label={tr('ui.settings.phoneCountry')}
        value={draft.phoneCountry}
        options={[
          { value: 'KZ', label: tr('ui.settings.phoneCountry.KZ') },
          { value: 'RU', label: tr('ui.settings.phoneCountry.RU') },
          { value: 'UA', label: tr('ui.settings.phoneCountry.UA') },
          { value: '', label: tr('ui.settings.phoneCountry.none') },
        ]}
        onValue={(phoneCountry) => update((d) => ({ ...d, phoneCountry }))}
        error={errorAt('phoneCountry')}
      />
    </details>
  );
}

export function TeamSection({ draft, update, problems }: SectionProps) {
  const { boot, lang, tr } = useApp();
  const { errorAt } = fieldErrors(problems, lang);
  return (
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
            <SelectField
              name={`team.${i}.language`}
              idPrefix="set"
              label={tr('ui.settings.memberLanguage')}
              value={member.language ?? ''}
              empty={tr('ui.settings.memberLanguageDefault')}
              options={[
                { value: 'ru', label: 'Русский' },
                { value: 'en', label: 'English' },
              ]}
              onValue={(language) =>
                setMember({ language: language === 'ru' || language === 'en' ? language : undefined })
              }
              error={errorAt(`team.${i}.language`)}
            />
          </>
        )}
        blank={{ email: '', name: '', role: 'agent', team: '' }}
        addLabel={tr('ui.settings.addMember')}
      />
    </details>
  );
}

/** Departments with their owners and heads, and the escalation's COO and CEO. */
export function DepartmentsSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { errorAt, errorWhere } = fieldErrors(problems, lang);
  return (
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
  );
}

/** SLA targets: business minutes to the first response and to the resolution, per criticality. */
export function SlaSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { invalid } = fieldErrors(problems, lang);
  return (
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
  );
}

/** The business calendar: the time zone, opening hours per weekday, and closed days. */
export function CalendarSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { errorAt, errorWhere, invalid } = fieldErrors(problems, lang);
  const days = weekdayNames(lang);
  return (
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
                      setDay(closed ? { closed } : { closed, open: day.open || '09:00', close: day.close || '18:00' });
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
  );
}

/** The lists that feed the case form's and the sheet's dropdowns, one item a line. */
export function ListsSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { errorWhere } = fieldErrors(problems, lang);
  return (
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
  );
}

export function TemplatesSection({ draft, update, problems }: SectionProps) {
  const { lang, tr } = useApp();
  const { errorAt } = fieldErrors(problems, lang);
  return (
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
  );
}

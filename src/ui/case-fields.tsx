/** The fields of a case, as the New case form and the case's edit mode show them. */
import { MAX_LONG_TEXT } from '../domain/limits';
import { CheckField, RadioField, SelectField, TextField, AreaField, type Option } from './components';
import { useApp } from './context';
import { EvidenceInput } from './evidence-input';
import { defaultOwner, type CaseFieldsDraft, type FieldErrors } from './forms';

const options = (values: readonly string[]): Option[] => values.map((value) => ({ value, label: value }));

export function CaseFields(props: {
  idPrefix: string;
  draft: CaseFieldsDraft;
  /** Takes an update, not a value: an upload finishing later must not undo what was typed since. */
  onDraft: (update: (draft: CaseFieldsDraft) => CaseFieldsDraft) => void;
  errors: FieldErrors;
}) {
  const { boot, tr } = useApp();
  const { settings } = boot;
  const { draft, errors, idPrefix } = props;
  const set = <K extends keyof CaseFieldsDraft>(field: K, value: CaseFieldsDraft[K]) =>
    props.onDraft((d) => ({ ...d, [field]: value }));
  const common = (name: keyof CaseFieldsDraft, required = false) => ({
    name,
    idPrefix,
    required,
    label: tr(`field.${name as Exclude<keyof CaseFieldsDraft, 'evidenceLink'>}`),
    error: errors[name],
  });

  /** A new department brings its default owner, unless someone was named by hand. */
  const changeDepartment = (ownerDept: string) =>
    props.onDraft((d) => {
      const previousDefault = defaultOwner(settings, d.ownerDept);
      const keepOwner = d.ownerEmail.trim() !== '' && d.ownerEmail.trim() !== previousDefault;
      return { ...d, ownerDept, ownerEmail: keepOwner ? d.ownerEmail : defaultOwner(settings, ownerDept) };
    });
  const departmentHasOwner = !draft.ownerDept || defaultOwner(settings, draft.ownerDept) !== '';

  return (
    <>
      <fieldset class="section">
        <legend>{tr('ui.new.clientSection')}</legend>
        <TextField {...common('orderNo', true)} value={draft.orderNo} onValue={(v) => set('orderNo', v)} />
        <TextField
          {...common('client', true)}
          value={draft.client}
          onValue={(v) => set('client', v)}
          input={{ autoComplete: 'off' }}
        />
        <TextField
          {...common('contact', true)}
          value={draft.contact}
          onValue={(v) => set('contact', v)}
          input={{ autoComplete: 'off', inputMode: 'tel' }}
        />
        <SelectField
          {...common('channel', true)}
          value={draft.channel}
          options={options(settings.channels)}
          onValue={(v) => set('channel', v)}
        />
        <SelectField
          {...common('source', true)}
          value={draft.source}
          options={options(settings.sources)}
          onValue={(v) => set('source', v)}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{tr('ui.new.caseSection')}</legend>
        <SelectField
          {...common('kind', true)}
          value={draft.kind}
          options={options(settings.kinds)}
          onValue={(v) => set('kind', v)}
        />
        <AreaField
          {...common('summary', true)}
          value={draft.summary}
          onValue={(v) => set('summary', v)}
          rows={4}
          limit={MAX_LONG_TEXT}
        />
        <RadioField
          {...common('criticality', true)}
          value={draft.criticality}
          options={boot.enums.criticalities.map((c) => ({ value: c.code, label: c.label }))}
          onValue={(v) => set('criticality', v as CaseFieldsDraft['criticality'])}
        />
        <EvidenceInput
          idPrefix={idPrefix}
          links={draft.evidence}
          onLinks={(update) => props.onDraft((d) => ({ ...d, evidence: update(d.evidence) }))}
          typed={draft.evidenceLink}
          onTyped={(text) => set('evidenceLink', text)}
          error={errors.evidence}
        />
      </fieldset>

      <fieldset class="section">
        <legend>{tr('ui.new.ownerSection')}</legend>
        <SelectField
          {...common('ownerDept', true)}
          value={draft.ownerDept}
          options={options(settings.departments.map((d) => d.name))}
          onValue={changeDepartment}
        />
        <TextField
          {...common('ownerEmail')}
          value={draft.ownerEmail}
          onValue={(v) => set('ownerEmail', v)}
          hint={departmentHasOwner ? tr('ui.new.ownerHint') : tr('ui.new.noOwner')}
          input={{ type: 'email', autoComplete: 'off' }}
        />
        <TextField
          {...common('agent')}
          value={draft.agent}
          onValue={(v) => set('agent', v)}
          hint={tr('ui.new.agentHint')}
          input={{ type: 'email', autoComplete: 'off', placeholder: boot.user.email }}
        />
        <TextField {...common('manager')} value={draft.manager} onValue={(v) => set('manager', v)} />
        <TextField {...common('team')} value={draft.team} onValue={(v) => set('team', v)} />
        <CheckField
          name="bypass"
          idPrefix={idPrefix}
          label={tr('field.bypass')}
          hint={tr('ui.hint.bypass')}
          checked={draft.bypass}
          onValue={(v) => set('bypass', v)}
          error={errors.bypass}
        />
        <CheckField
          name="stopShipment"
          idPrefix={idPrefix}
          label={tr('field.stopShipment')}
          hint={tr('ui.hint.stopShipment')}
          checked={draft.stopShipment}
          onValue={(v) => set('stopShipment', v)}
          error={errors.stopShipment}
        />
      </fieldset>
    </>
  );
}

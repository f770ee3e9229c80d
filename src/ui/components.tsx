/**
 * Form controls with their label, hint and error tied to the input (for screen readers and for
 * the browser tests: `field-<name>`, `error-<name>`). Every value is rendered as text by Preact,
 * never as HTML.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useApp } from './context';

interface FieldBase {
  /** The field's name: the test id suffix and the key of its error. */
  name: string;
  label: string;
  /** Makes ids unique when two forms show the same field. */
  idPrefix: string;
  required?: boolean;
  error?: string | undefined;
  hint?: string | undefined;
}

function ids(props: FieldBase) {
  const id = `${props.idPrefix}-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    name: props.name,
    'data-testid': `field-${props.name}`,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': props.required ? true : undefined,
  } as const;
}

function RequiredMark() {
  const { tr } = useApp();
  return (
    <>
      <span class="required" aria-hidden="true">
        {' *'}
      </span>
      <span class="sr-only"> ({tr('ui.required')})</span>
    </>
  );
}

function FieldShell(props: FieldBase & { children: ComponentChildren }) {
  const id = `${props.idPrefix}-${props.name}`;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <RequiredMark />}
      </label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldError id={`${id}-error`} name={props.name} error={props.error} />
    </div>
  );
}

export function FieldError(props: { id?: string; name: string; error?: string | undefined }) {
  if (!props.error) return null;
  return (
    <p class="error" id={props.id} data-testid={`error-${props.name}`}>
      {props.error}
    </p>
  );
}

/** The few input attributes the forms set; the rest is the field's business. */
interface InputProps {
  type?: 'text' | 'email' | 'number' | 'tel' | 'url' | 'date';
  autoComplete?: 'off';
  autoCapitalize?: 'none' | 'characters';
  inputMode?: 'text' | 'email' | 'numeric' | 'tel' | 'url';
  placeholder?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
}

export function TextField(props: FieldBase & { value: string; onValue: (value: string) => void; input?: InputProps }) {
  const { type = 'text', ...attrs } = props.input ?? {};
  return (
    <FieldShell {...props}>
      <input
        // Preact types each input type separately; these attributes are valid for all of them.
        type={type as 'text'}
        {...attrs}
        {...ids(props)}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </FieldShell>
  );
}

export function AreaField(
  props: FieldBase & {
    value: string;
    onValue: (value: string) => void;
    rows?: number;
    readOnly?: boolean;
    /** The most characters the server takes: a counter shows how many are left as one types. */
    limit?: number;
  },
) {
  return (
    <FieldShell {...props}>
      <textarea
        {...ids(props)}
        rows={props.rows ?? 3}
        readOnly={props.readOnly}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
      {props.limit !== undefined && !props.readOnly && (
        <Counter name={props.name} count={props.value.length} limit={props.limit} />
      )}
    </FieldShell>
  );
}

/** From this share of the limit on, the counter stands out (and is read out by screen readers). */
const COUNTER_NEAR = 0.9;

/** "4 512 of 5 000 characters": muted while far from the limit, marked near it and past it. */
export function Counter(props: { name: string; count: number; limit: number }) {
  const { lang, tr } = useApp();
  const number = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB');
  const state = counterState(props.count, props.limit);
  return (
    <p
      class={`counter ${state}`}
      data-testid={`counter-${props.name}`}
      aria-live={state === 'far' ? undefined : 'polite'}
    >
      {tr('ui.counter', { count: number.format(props.count), limit: number.format(props.limit) })}
    </p>
  );
}

export function counterState(count: number, limit: number): 'far' | 'near' | 'over' {
  if (count > limit) return 'over';
  return count >= limit * COUNTER_NEAR ? 'near' : 'far';
}

/** Text that may break only where a reader expects it: after the @ and the dots of an email or a link. */
export function Breakable(props: { text: string }) {
  const parts = props.text.split(/(?<=[@./])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** How many characters of a long text are shown before "Show all". */
export const COLLAPSE_AT = 280;

/**
 * A long text (a summary, a resolution) cut to its first lines, with "Show all" / "Show less":
 * the case's actions stay on the first screen.
 */
export function LongText(props: { text: string; class: string; testId?: string }) {
  const { tr } = useApp();
  const [open, setOpen] = useState(false);
  const long = props.text.length > COLLAPSE_AT || props.text.split('\n').length > 6;
  return (
    <div class={props.class}>
      <p class={long && !open ? 'long-text collapsed' : 'long-text'} data-testid={props.testId}>
        {props.text}
      </p>
      {long && (
        <button
          type="button"
          class="link-button"
          aria-expanded={open}
          data-testid={props.testId ? `${props.testId}-toggle` : undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? tr('ui.less') : tr('ui.more')}
        </button>
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldBase & { value: string; options: readonly Option[]; onValue: (value: string) => void; empty?: string },
) {
  const { tr } = useApp();
  // A value no longer in the list (Settings changed) stays visible rather than silently changing.
  const options =
    props.value && !props.options.some((o) => o.value === props.value)
      ? [...props.options, { value: props.value, label: props.value }]
      : props.options;
  return (
    <FieldShell {...props}>
      <select {...ids(props)} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
        <option value="">{props.empty ?? tr('ui.select')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckField(
  props: Omit<FieldBase, 'required'> & { checked: boolean; onValue: (checked: boolean) => void },
) {
  const attrs = ids(props);
  return (
    <div class={props.error ? 'field check invalid' : 'field check'}>
      <input
        type="checkbox"
        {...attrs}
        checked={props.checked}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <label for={attrs.id}>
        {props.label}
        {props.hint && (
          <span class="hint" id={`${attrs.id}-hint`}>
            {props.hint}
          </span>
        )}
      </label>
      <FieldError id={`${attrs.id}-error`} name={props.name} error={props.error} />
    </div>
  );
}

/** A radio group: one fieldset, a legend, each radio `field-<name>-<value>`. */
export function RadioField(
  props: FieldBase & { value: string; options: readonly Option[]; onValue: (value: string) => void },
) {
  const errorId = `${props.idPrefix}-${props.name}-error`;
  return (
    <fieldset
      class={props.error ? 'field radios invalid' : 'field radios'}
      aria-describedby={props.error ? errorId : undefined}
      aria-required={props.required ? true : undefined}
    >
      <legend>
        {props.label}
        {props.required && <RequiredMark />}
      </legend>
      {props.options.map((o) => {
        const id = `${props.idPrefix}-${props.name}-${o.value}`;
        return (
          <div class="radio" key={o.value}>
            <input
              type="radio"
              id={id}
              name={`${props.idPrefix}-${props.name}`}
              value={o.value}
              data-testid={`field-${props.name}-${o.value}`}
              checked={props.value === o.value}
              onChange={() => props.onValue(o.value)}
            />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
      <FieldError id={errorId} name={props.name} error={props.error} />
    </fieldset>
  );
}

/** The message about no field in particular, where the person acted. */
export function FormError(props: { error?: string | undefined; children?: ComponentChildren }) {
  if (!props.error) return null;
  return (
    <div class="form-error" role="alert">
      <p data-testid="form-error">{props.error}</p>
      {props.children}
    </div>
  );
}

export function Spinner(props: { label: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label}
    </p>
  );
}

/** Focuses the first invalid control of a form after a failed submit. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], .invalid input, .invalid select');
  invalid?.focus();
}

/**
 * An editable list shown as cards: each item a labelled group of its fields ending in a Remove
 * button, then an Add button that appends `blank`. `onItems` is handed the change to make to the
 * latest list, so that edits made in quick succession all count.
 */
export function CardList<Item>(props: {
  items: readonly Item[];
  onItems: (change: (items: readonly Item[]) => Item[]) => void;
  /** The card's accessible name. */
  cardLabel: (item: Item, index: number) => string;
  /** The card's fields; `edit` merges a change into this item. */
  renderCard: (item: Item, index: number, edit: (change: Partial<Item>) => void) => ComponentChildren;
  blank: NoInfer<Item>;
  addLabel: string;
}) {
  const { tr } = useApp();
  const edit = (index: number) => (change: Partial<Item>) =>
    props.onItems((items) => items.map((item, j) => (j === index ? { ...item, ...change } : item)));
  const remove = (index: number) => props.onItems((items) => items.filter((_, j) => j !== index));
  const add = () => props.onItems((items) => [...items, props.blank]);
  return (
    <>
      {props.items.map((item, i) => (
        <div class="card" key={i} role="group" aria-label={props.cardLabel(item, i)}>
          {props.renderCard(item, i, edit(i))}
          <button type="button" class="small danger" onClick={() => remove(i)}>
            {tr('ui.remove')}
          </button>
        </div>
      ))}
      <button type="button" class="small" onClick={add}>
        {props.addLabel}
      </button>
    </>
  );
}

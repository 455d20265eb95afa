/** Draws a service form from its JSON Schema: one widget per `x-kind`, `x-showIf` applied live. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Field } from '../../../functions/domain/catalog/schema';
import type { Locale, Person, PropertySchema } from '../api/types';
import { byName } from '../data';
import { currencySign, formatNumber, rangeDays } from '../format';
import { useI18n } from '../hooks';
import { serverText, translate } from '../i18n';
import { visibleFields, type Errors, type FormModel, type Values } from './model';

export interface FormFieldsProps {
  model: FormModel;
  values: Values;
  errors: Errors;
  onChange(id: string, value: unknown): void;
  onBlur(id: string): void;
  people: Person[] | null;
  today: string;
  disabled?: boolean;
  /** Prefix of element ids, so two forms can share a page. */
  idPrefix?: string;
}

export function FormFields(props: FormFieldsProps) {
  const visible = visibleFields(props.model, props.values);
  return (
    <div class="form-fields">
      {props.model.fields
        .filter((field) => visible.has(field.id))
        .map((field) => (
          <FieldRow key={field.id} field={field} {...props} />
        ))}
    </div>
  );
}

/** The element id of a field's first input (for focusing and error links). */
export const inputId = (fieldId: string, prefix = 'f') => `${prefix}-${fieldId}`;

interface RowProps extends FormFieldsProps {
  field: Field;
}

export interface WidgetProps {
  id: string;
  field: Field;
  prop: PropertySchema;
  value: unknown;
  set(value: unknown): void;
  blur(): void;
  aria: { 'aria-describedby'?: string; 'aria-invalid'?: 'true'; 'aria-required'?: 'true' };
  people: Person[] | null;
  today: string;
  disabled: boolean;
}

/** Numeric bounds worth telling (a money field's default minimum of 0 is not). */
function boundsOf(field: Field): { min?: number; max?: number } {
  if (field.kind === 'number') return { min: field.min, max: field.max };
  if (field.kind === 'money') return { min: field.min === 0 ? undefined : field.min, max: field.max };
  return {};
}

/** The field's limits in words ("Allowed: 1–10,000", "At most 28 days"), from the served schema. */
export function limitsOf(field: Field, locale: Locale): string {
  const { min, max } = boundsOf(field);
  const n = (value: number) => formatNumber(value, locale);
  if (min !== undefined && max !== undefined) return translate(locale, 'limitRange', { min: n(min), max: n(max) });
  if (min !== undefined) return `${serverText(locale, 'tooSmall', { min: n(min) })}.`;
  if (max !== undefined) return `${serverText(locale, 'tooBig', { max: n(max) })}.`;
  if (field.kind === 'dateRange' && field.maxDays)
    return `${serverText(locale, 'rangeTooLong', { max: field.maxDays })}.`;
  if (field.kind === 'multiselect' && field.maxItems)
    return `${serverText(locale, 'tooManyItems', { max: field.maxItems })}.`;
  return '';
}

function ariaOf(id: string, hasHelp: boolean, error: string | undefined, required: boolean): WidgetProps['aria'] {
  const describedBy = [hasHelp && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(required ? { 'aria-required': 'true' as const } : {}),
  };
}

function Label({ title, required }: { title: string; required: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {title}
      {required && (
        <>
          <span class="req" aria-hidden="true">
            {' *'}
          </span>
          <span class="sr-only"> ({t('requiredMark')})</span>
        </>
      )}
    </>
  );
}

function FieldRow({ field, model, values, errors, onChange, onBlur, people, today, disabled, idPrefix }: RowProps) {
  const { locale } = useI18n();
  const prop = model.props[field.id] as PropertySchema;
  const id = inputId(field.id, idPrefix);
  const error = errors[field.id];
  const required = model.required.has(field.id);
  const hint = [prop.description, limitsOf(field, locale)].filter(Boolean).join(' ');
  const aria = ariaOf(id, hint !== '', error, required);
  const widget: WidgetProps = {
    id,
    field,
    prop,
    value: values[field.id],
    set: (value) => onChange(field.id, value),
    blur: () => onBlur(field.id),
    aria,
    people,
    today,
    disabled: disabled === true,
  };
  const label = <Label title={prop.title} required={required} />;
  const help = hint ? (
    <p class="field-help" id={`${id}-help`}>
      {hint}
    </p>
  ) : null;
  const message = error ? (
    <p class="field-error" id={`${id}-error`}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
  const className = `field field--${field.kind}${error ? ' field--invalid' : ''}`;
  const Widget = WIDGETS[field.kind];
  if (field.kind === 'dateRange' || field.kind === 'multiselect')
    return (
      <fieldset class={className} data-field={field.id} aria-describedby={aria['aria-describedby']}>
        <legend class="field-label">{label}</legend>
        {help}
        <Widget {...widget} />
        {message}
      </fieldset>
    );
  if (field.kind === 'checkbox')
    return (
      <div class={className} data-field={field.id}>
        <div class="check">
          <CheckboxInput {...widget} />
          <label for={id}>{label}</label>
        </div>
        {help}
        {message}
      </div>
    );
  return (
    <div class={className} data-field={field.id}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {help}
      <Widget {...widget} />
      {message}
      {field.kind === 'textarea' && <Counter value={widget.value} max={field.maxLength} />}
    </div>
  );
}

type Input = JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
const text = (event: Input) => event.currentTarget.value;

/** "250 000,50" -> 250000.5; "" -> undefined; anything else stays text for the validator to name. */
export function parseNumber(raw: string): number | string | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  const value = Number(compact);
  return Number.isFinite(value) ? value : raw;
}

/** A text box holding a number: keeps what is typed ("1,") while the value is the parsed number. */
function useNumberText(value: unknown, set: (value: unknown) => void) {
  const shown = value === undefined || value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => {
    if (parseNumber(draft) !== value) setDraft(shown);
    // Only an outside change of the value resets the draft.
  }, [value]);
  return {
    value: draft,
    onInput: (event: Input) => {
      setDraft(text(event));
      set(parseNumber(text(event)));
    },
  };
}

function TextInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
  const max = field.kind === 'text' ? field.maxLength : undefined;
  return (
    <input
      id={id}
      type={field.kind === 'email' ? 'email' : 'text'}
      autocomplete={field.kind === 'email' ? 'email' : 'off'}
      value={typeof value === 'string' ? value : ''}
      maxLength={max}
      onInput={(e) => set(text(e))}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    />
  );
}

function TextArea({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
  return (
    <textarea
      id={id}
      rows={4}
      value={typeof value === 'string' ? value : ''}
      maxLength={field.kind === 'textarea' ? field.maxLength : undefined}
      onInput={(e) => set(text(e))}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    />
  );
}

/** Characters used of the allowed, under the field's error (which belongs right under the box). */
function Counter({ value, max }: { value: unknown; max: number }) {
  const { t } = useI18n();
  const length = typeof value === 'string' ? value.length : 0;
  return (
    <p class="counter" aria-hidden="true">
      {t('charsLeft', { n: length, max })}
    </p>
  );
}

function NumberInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
  const bind = useNumberText(value, set);
  const integer = field.kind === 'number' && field.integer;
  return (
    <input
      id={id}
      class="input-number"
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autocomplete="off"
      {...bind}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    />
  );
}

function MoneyInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
  const { t, locale } = useI18n();
  const money = (value ?? {}) as { amount?: unknown; currency?: string };
  const currencies = field.kind === 'money' ? field.currencies : ['RUB'];
  const currency = money.currency ?? currencies[0] ?? 'RUB';
  const bind = useNumberText(money.amount, (amount) => set({ amount, currency }));
  return (
    <div class="money">
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autocomplete="off"
        {...bind}
        onBlur={blur}
        disabled={disabled}
        {...aria}
      />
      {currencies.length > 1 ? (
        <select
          aria-label={t('currencyLabel')}
          value={currency}
          onChange={(e) => set({ amount: money.amount, currency: text(e) })}
          onBlur={blur}
          disabled={disabled}
        >
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <span class="money-currency" title={currency}>
          {currencySign(currency, locale)}
        </span>
      )}
    </div>
  );
}

function DateInput({ id, field, value, set, blur, aria, today, disabled }: WidgetProps) {
  const notInPast = field.kind === 'date' && field.notInPast;
  return (
    <input
      id={id}
      class="input-date"
      type="date"
      value={typeof value === 'string' ? value : ''}
      min={notInPast ? today : undefined}
      onInput={(e) => set(text(e) || undefined)}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    />
  );
}

function DateRangeInput({ id, field, value, set, blur, aria, today, disabled }: WidgetProps) {
  const { t } = useI18n();
  const range = (value ?? {}) as { from?: string; to?: string };
  const min = field.kind === 'dateRange' && field.notInPast ? today : undefined;
  const update = (end: 'from' | 'to', day: string) => {
    const next = { ...range, [end]: day || undefined };
    set(next.from || next.to ? next : undefined);
  };
  const days = rangeDays(range.from, range.to);
  return (
    <div class="range">
      <div class="range-end">
        <label for={id}>{t('rangeFrom')}</label>
        <input
          id={id}
          type="date"
          value={range.from ?? ''}
          min={min}
          onInput={(e) => update('from', text(e))}
          onBlur={blur}
          disabled={disabled}
          {...aria}
        />
      </div>
      <div class="range-end">
        <label for={`${id}-to`}>{t('rangeTo')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={range.to ?? ''}
          min={range.from ?? min}
          onInput={(e) => update('to', text(e))}
          onBlur={blur}
          disabled={disabled}
          {...aria}
        />
      </div>
      {days !== null && <p class="range-days">{t('rangeDays', { n: days })}</p>}
    </div>
  );
}

function SelectInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
  const { t } = useI18n();
  const options = field.kind === 'select' ? field.options : [];
  return (
    <select
      id={id}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => set(text(e) || undefined)}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    >
      <option value="">{t('chooseOption')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label.en}
        </option>
      ))}
    </select>
  );
}

function MultiSelectInput({ id, field, value, set, blur, disabled }: WidgetProps) {
  const options = field.kind === 'multiselect' ? field.options : [];
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const toggle = (option: string, on: boolean) =>
    set(options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v))));
  return (
    <div class="choices">
      {options.map((o, i) => (
        <div class="check" key={o.value}>
          <input
            id={i === 0 ? id : `${id}-${o.value}`}
            type="checkbox"
            checked={chosen.includes(o.value)}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            onBlur={blur}
            disabled={disabled}
          />
          <label for={i === 0 ? id : `${id}-${o.value}`}>{o.label.en}</label>
        </div>
      ))}
    </div>
  );
}

function CheckboxInput({ id, value, set, blur, aria, disabled }: WidgetProps) {
  return (
    <input
      id={id}
      type="checkbox"
      checked={value === true}
      onChange={(e) => set(e.currentTarget.checked)}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    />
  );
}

function UserInput(props: WidgetProps) {
  const { t, locale } = useI18n();
  const { id, value, set, blur, aria, people, disabled } = props;
  if (!people)
    return (
      <>
        <input
          id={id}
          type="text"
          autocomplete="off"
          placeholder="ivan.sidorov"
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => set(text(e).trim() || undefined)}
          onBlur={blur}
          disabled={disabled}
          {...aria}
        />
        <p class="field-help">{t('userIdHint')}</p>
      </>
    );
  return (
    <select
      id={id}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => set(text(e) || undefined)}
      onBlur={blur}
      disabled={disabled}
      {...aria}
    >
      <option value="">{t('chooseOption')}</option>
      {byName(people).map((p) => (
        <option key={p.id} value={p.id}>
          {p.jobTitle ? `${p.name} — ${p.jobTitle[locale]}` : p.name}
        </option>
      ))}
    </select>
  );
}

const WIDGETS: Record<Field['kind'], (props: WidgetProps) => JSX.Element> = {
  text: TextInput,
  email: TextInput,
  textarea: TextArea,
  number: NumberInput,
  money: MoneyInput,
  date: DateInput,
  dateRange: DateRangeInput,
  select: SelectInput,
  multiselect: MultiSelectInput,
  checkbox: CheckboxInput,
  user: UserInput,
};

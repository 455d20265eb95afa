/** Draws a service form from its JSON Schema: one widget per `x-kind`, `x-showIf` applied live. */
import type { JSX } from 'preact';
import type { Field } from '../../../functions/domain/catalog/schema';
import type { Locale, PropertySchema } from '../api/types';
import { formatNumber } from '../format';
import { useI18n } from '../hooks';
import { serverText, translate } from '../i18n';
import { inputId, visibleFields } from './model';
import type { FormState } from './useForm';
import { CheckboxInput, MultiSelectInput, SelectInput } from './widgets/choice';
import { DateInput, DateRangeInput } from './widgets/date';
import { MoneyInput, NumberInput } from './widgets/number';
import { Counter, TextArea, TextInput } from './widgets/text';
import type { WidgetProps } from './widgets/types';
import { UserInput } from './widgets/user';

export interface FormFieldsProps {
  form: FormState;
  disabled?: boolean;
  /** Prefix of element ids, so two forms can share a page. */
  idPrefix?: string;
}

export function FormFields(props: FormFieldsProps) {
  const visible = visibleFields(props.form.model, props.form.values);
  return (
    <div class="form-fields">
      {props.form.model.fields
        .filter((field) => visible.has(field.id))
        .map((field) => (
          <FieldRow key={field.id} field={field} {...props} />
        ))}
    </div>
  );
}

interface RowProps extends FormFieldsProps {
  field: Field;
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

function FieldRow({ field, form, disabled, idPrefix }: RowProps) {
  const { locale } = useI18n();
  const { model, values, errors, people, today } = form;
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
    set: (value) => form.change(field.id, value),
    blur: () => form.blur(field.id),
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

/** The widget for each kind of field. */
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

/** Text, e-mail and long text, with the long text's character counter. */
import { useI18n } from '../../hooks';
import { text, type WidgetProps } from './types';

export function TextInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
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

export function TextArea({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
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
export function Counter({ value, max }: { value: unknown; max: number }) {
  const { t } = useI18n();
  const length = typeof value === 'string' ? value.length : 0;
  return (
    <p class="counter" aria-hidden="true">
      {t('charsLeft', { n: length, max })}
    </p>
  );
}

/** A day, and a range of days with its length. */
import { rangeDays } from '../../format';
import { useI18n } from '../../hooks';
import { text, type WidgetProps } from './types';

export function DateInput({ id, field, value, set, blur, aria, today, disabled }: WidgetProps) {
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

export function DateRangeInput({ id, field, value, set, blur, aria, today, disabled }: WidgetProps) {
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

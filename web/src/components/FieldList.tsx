/** A request's form values as a definition list, labelled and formatted by the service's schema. */
import type { Locale, Person, PropertySchema, Service } from '../api/types';
import { formatDate, formatMoney, formatNumber, rangeDays } from '../format';
import { useI18n } from '../hooks';
import type { UiKey } from '../i18n';

type Formatter = (value: unknown, prop: PropertySchema, ctx: FormatContext) => string;

interface FormatContext {
  locale: Locale;
  t: (key: UiKey, params?: Record<string, string | number>) => string;
  people: Person[] | null;
}

const optionName = (values: string[] = [], names: string[] = [], value: unknown) =>
  names[values.indexOf(String(value))] ?? String(value);

const formatters: Partial<Record<PropertySchema['x-kind'], Formatter>> = {
  select: (v, p) => optionName(p.enum, p['x-enumNames'], v),
  multiselect: (v, p) =>
    (Array.isArray(v) ? v : []).map((item) => optionName(p.items?.enum, p.items?.['x-enumNames'], item)).join(', '),
  money: (v, _p, { locale }) => formatMoney(v as { amount: number; currency?: string }, locale),
  number: (v, _p, { locale }) => (typeof v === 'number' ? formatNumber(v, locale) : String(v)),
  date: (v, _p, { locale }) => formatDate(String(v), locale),
  dateRange: (v, _p, { locale, t }) => {
    const { from, to } = v as { from: string; to: string };
    const days = rangeDays(from, to);
    return `${formatDate(from, locale)} – ${formatDate(to, locale)}${days ? ` (${t('rangeDays', { n: days })})` : ''}`;
  },
  checkbox: (v, _p, { t }) => (v === true ? t('yes') : t('no')),
  user: (v, _p, { people }) => people?.find((p) => p.id === v)?.name ?? String(v),
};

export function formatValue(value: unknown, prop: PropertySchema, ctx: FormatContext): string {
  const format = formatters[prop['x-kind']];
  return format ? format(value, prop, ctx) : String(value);
}

export function FieldList({
  service,
  fields,
  people,
}: {
  service: Service;
  fields: Record<string, unknown>;
  people: Person[] | null;
}) {
  const { t, locale } = useI18n();
  const order = service.form['x-order'] ?? Object.keys(service.form.properties);
  const shown = order.filter((id) => fields[id] !== undefined && fields[id] !== null && service.form.properties[id]);
  return (
    <dl class="field-list">
      {shown.map((id) => {
        const prop = service.form.properties[id] as PropertySchema;
        return (
          <div key={id} class={`field-item field-item--${prop['x-kind']}`}>
            <dt>{prop.title}</dt>
            <dd>{formatValue(fields[id], prop, { locale, t, people })}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Numbers and money, typed as text so a half-typed number ("1,") stays as typed. */
import { useEffect, useState } from 'preact/hooks';
import { currencySign } from '../../format';
import { useI18n } from '../../hooks';
import { text, type Input, type WidgetProps } from './types';

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

export function NumberInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
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

export function MoneyInput({ id, field, value, set, blur, aria, disabled }: WidgetProps) {
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

/** Choices: one of a list, several of a list, a single checkbox. */
import { useI18n } from '../../hooks';
import { text, type WidgetProps } from './types';

export interface Choice {
  value: string;
  label: string;
}

/** One of `choices` after "Choose…"; choosing nothing leaves the field empty. */
export function ChooseOne(
  props: Pick<WidgetProps, 'id' | 'value' | 'set' | 'blur' | 'aria' | 'disabled'> & { choices: Choice[] },
) {
  const { id, value, set, blur, aria, disabled, choices } = props;
  const { t } = useI18n();
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
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

export function SelectInput(props: WidgetProps) {
  const options = props.field.kind === 'select' ? props.field.options : [];
  return <ChooseOne {...props} choices={options.map((o) => ({ value: o.value, label: o.label.en }))} />;
}

export function MultiSelectInput({ id, field, value, set, blur, disabled }: WidgetProps) {
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

export function CheckboxInput({ id, value, set, blur, aria, disabled }: WidgetProps) {
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

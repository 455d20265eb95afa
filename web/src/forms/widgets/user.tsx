/** A person of the directory; without a directory to list (the cloud), their user id typed in. */
import { byName } from '../../data';
import { useI18n } from '../../hooks';
import { text, type WidgetProps } from './types';

export function UserInput(props: WidgetProps) {
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

/** A person of the directory; without a directory to list (the cloud), their user id typed in. */
import { byName, personLabel } from '../../data';
import { useI18n } from '../../hooks';
import { ChooseOne } from './choice';
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
  const choices = byName(people).map((p) => ({ value: p.id, label: personLabel(p, locale) }));
  return <ChooseOne {...props} choices={choices} />;
}

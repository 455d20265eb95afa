/** Picking the agent of a team a request goes to. */
import type { Person } from '../api/types';
import { personLabel } from '../data';
import { useI18n } from '../hooks';

/** A team member to give requests to: a list when the directory is known, else their user id. */
export function AgentPicker(props: {
  id: string;
  label: string;
  agents: Person[] | null;
  value: string;
  set(id: string): void;
  error?: string;
}) {
  const { id, label, agents, value, set, error } = props;
  const { t, locale } = useI18n();
  return (
    <span class="picker">
      <label for={id}>{label}</label>
      {agents ? (
        <select
          id={id}
          value={value}
          onChange={(e) => set(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
        >
          <option value="">{t('chooseOption')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {personLabel(a, locale)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          placeholder="andrey.kozlov"
          onInput={(e) => set(e.currentTarget.value.trim())}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
    </span>
  );
}

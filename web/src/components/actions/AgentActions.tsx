/** The team's agent (or an admin): take the request, or assign it to a team member. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { isInQueue } from '../../../../functions/domain/requests/model';
import type { Person, RequestDetail } from '../../api/types';
import { teamAgents } from '../../data';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n, useSession } from '../../hooks';
import { AgentPicker } from '../AgentPicker';
import type { Relations } from '../relations';
import { TakeButton } from '../TakeButton';
import { act } from './act';

export function AgentActions(props: {
  request: RequestDetail;
  rel: Relations;
  people: Person[] | null;
  onDone(): void;
}) {
  const { request, rel, people, onDone } = props;
  const { t } = useI18n();
  const { busy, run, detail } = useSubmit(onDone);
  if (!isInQueue(request.status)) return null;
  return (
    <section class="card panel" aria-labelledby="agent-title">
      <h2 id="agent-title">{t('actionsTitle')}</h2>
      {rel.agent && !rel.assignee && (
        <TakeButton
          colleague={request.assigneeName}
          busy={busy !== null}
          onTake={() => run('take', () => act(request, { type: 'take' }), t('taken'))}
        />
      )}
      <AssignForm
        request={request}
        people={people}
        busy={busy !== null}
        error={detail('assigneeId')}
        onAssign={(id, name) =>
          run('assign', () => act(request, { type: 'assign', assigneeId: id }), t('assigned', { name }))
        }
      />
    </section>
  );
}

/** Assign to a team member; taking the request away from a colleague asks first. */
function AssignForm(props: {
  request: RequestDetail;
  people: Person[] | null;
  busy: boolean;
  error?: string;
  onAssign(id: string, name: string): void;
}) {
  const { request, people, busy, error, onAssign } = props;
  const { t } = useI18n();
  const { me } = useSession();
  const [chosen, setChosen] = useState('');
  const [asking, setAsking] = useState(false);
  const agents = people && teamAgents(people, request.team).filter((p) => p.id !== request.assigneeId);
  const name = agents?.find((a) => a.id === chosen)?.name ?? chosen;
  const colleague = request.assigneeId !== me?.id ? request.assigneeName : null;
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    if (colleague && !asking) return setAsking(true);
    setAsking(false);
    onAssign(chosen, name);
  };
  return (
    <form class="assign" onSubmit={submit}>
      <div class="inline">
        <AgentPicker
          id="assign-to"
          label={t('assignTo')}
          agents={agents}
          value={chosen}
          error={error}
          set={(id) => {
            setChosen(id);
            setAsking(false);
          }}
        />
        <button type="submit" class="btn" data-action="assign" disabled={busy || !chosen}>
          {asking ? t('reassign') : t('assign')}
        </button>
      </div>
      {asking && colleague && (
        <p class="assign-question" role="alert">
          {t('reassignQuestion', { name: colleague, to: name })}
        </p>
      )}
      {error && <p class="field-error">{error}</p>}
    </form>
  );
}

/**
 * Taking and assigning from the team queue: one request (with a confirmation when a colleague
 * already works on it) or many at once, each its own change, failures named one by one.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Person, RequestListItem } from '../../api/types';
import { act } from '../../components/actions/act';
import { AgentPicker } from '../../components/AgentPicker';
import { useSubmit } from '../../forms/useSubmit';
import { shortId } from '../../format';
import { useI18n } from '../../hooks';
import { errorText } from '../../toasts';

/** Take or assign, at the version the queue showed: a change made meanwhile answers 409, not a silent overwrite. */
export const assignRequest = (item: RequestListItem, assigneeId: string | null) =>
  act(item, assigneeId === null ? { type: 'take' } : { type: 'assign', assigneeId });

/** Who else works on the request: its assignee unless that is the caller or the one it goes to. */
export const colleagueOn = (item: RequestListItem, me: string, to: string) =>
  item.assigneeId !== null && item.assigneeId !== me && item.assigneeId !== to ? item.assigneeName : null;

const nameIn = (agents: Person[] | null, id: string) => agents?.find((a) => a.id === id)?.name ?? id;
/** The agents a request can go to: not the one who has it. */
const othersThan = (agents: Person[] | null, assigneeId: string | null) =>
  agents && agents.filter((a) => a.id !== assigneeId);

/**
 * Under a queue row: "Take" of a colleague's request asks first; "Assign to…" picks a member, and
 * asks first too when the request goes away from a colleague.
 */
export function AssignPanel(props: {
  item: RequestListItem;
  me: string;
  agents: Person[] | null;
  /** Taking over (no picker), or assigning. */
  taking: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { item, me, agents, taking, onClose, onDone } = props;
  const { t } = useI18n();
  const [chosen, setChosen] = useState(taking ? me : '');
  const [confirming, setConfirming] = useState(taking);
  const { busy, run } = useSubmit(onDone);
  const colleague = chosen ? colleagueOn(item, me, chosen) : null;
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    if (colleague && !confirming) return setConfirming(true);
    void run(
      'assign',
      () => assignRequest(item, taking ? null : chosen),
      taking ? t('taken') : t('assigned', { name: nameIn(agents, chosen) }),
    );
  };
  const code = shortId(item.id);
  return (
    <form class="assign-panel" onSubmit={submit} aria-label={t('assignPanel', { code })}>
      {!taking && (
        <AgentPicker
          id={`assign-${item.id}`}
          label={t('assignTo')}
          agents={othersThan(agents, item.assigneeId)}
          value={chosen}
          set={(id) => {
            setChosen(id);
            setConfirming(false);
          }}
        />
      )}
      {confirming && colleague && (
        <p class="assign-question" role="alert">
          {taking
            ? t('takeOverQuestion', { name: colleague })
            : t('reassignQuestion', { name: colleague, to: nameIn(agents, chosen) })}
        </p>
      )}
      <span class="button-row">
        <button
          type="submit"
          class="btn btn--primary btn--small"
          disabled={busy !== null || !chosen}
          data-action="confirm"
        >
          {confirming && colleague ? t(taking ? 'takeOver' : 'reassign') : t('assign')}
        </button>
        <button type="button" class="btn btn--small" onClick={onClose}>
          {t('cancelChoice')}
        </button>
      </span>
    </form>
  );
}

interface Outcome {
  item: RequestListItem;
  error: string | null;
}

/** "Assign selected to…": every selected request its own change, in turn; the failed stay selected. */
export function BulkAssign(props: {
  selected: RequestListItem[];
  me: string;
  agents: Person[] | null;
  onClear(): void;
  onDone(failed: string[]): void;
}) {
  const { selected, me, agents, onClear, onDone } = props;
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ name: string; outcomes: Outcome[] } | null>(null);
  const colleagues = chosen ? selected.map((item) => colleagueOn(item, me, chosen)).filter((n) => n !== null) : [];
  const run = async () => {
    setBusy(true);
    const outcomes: Outcome[] = [];
    for (const item of selected) {
      try {
        // Already theirs: nothing to change, and the server would refuse it as no change.
        if (item.assigneeId !== chosen) await assignRequest(item, chosen);
        outcomes.push({ item, error: null });
      } catch (error) {
        outcomes.push({ item, error: errorText(error) });
      }
    }
    setBusy(false);
    setConfirming(false);
    setReport({ name: nameIn(agents, chosen), outcomes });
    onDone(outcomes.filter((o) => o.error !== null).map((o) => o.item.id));
  };
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    if (colleagues.length > 0 && !confirming) return setConfirming(true);
    void run();
  };
  const failed = report?.outcomes.filter((o) => o.error !== null) ?? [];
  return (
    <div class="bulk" data-testid="bulk">
      {selected.length > 0 && (
        <form class="bulk-bar" onSubmit={submit} aria-label={t('bulkTitle')}>
          <strong>{t('bulkSelected', { n: selected.length })}</strong>
          <AgentPicker
            id="bulk-assignee"
            label={t('bulkAssignTo')}
            agents={agents}
            value={chosen}
            set={(id) => {
              setChosen(id);
              setConfirming(false);
            }}
          />
          {confirming && (
            <p class="assign-question" role="alert">
              {t('bulkReassignQuestion', { n: colleagues.length, names: [...new Set(colleagues)].join(', ') })}
            </p>
          )}
          <span class="button-row">
            <button type="submit" class="btn btn--primary btn--small" disabled={busy || !chosen} data-action="bulk">
              {confirming ? t('reassign') : t('assign')}
            </button>
            <button type="button" class="btn btn--small" onClick={onClear} disabled={busy}>
              {t('bulkClear')}
            </button>
          </span>
        </form>
      )}
      {report && (
        <div
          class={`bulk-report${failed.length > 0 ? ' bulk-report--failed' : ''}`}
          role={failed.length > 0 ? 'alert' : 'status'}
          data-testid="bulk-report"
        >
          <p>
            {t('bulkDone', {
              name: report.name,
              n: report.outcomes.length - failed.length,
              total: report.outcomes.length,
            })}
          </p>
          {failed.length > 0 && (
            <>
              <p>{t('bulkFailed', { n: failed.length })}</p>
              <ul>
                {failed.map(({ item, error }) => (
                  <li key={item.id}>
                    #{shortId(item.id)} {item.serviceTitle}: {error}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Delegation settings: who decides on my approvals while I am away (PUT/DELETE /api/me/delegation). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Delegation, Me, Person } from '../api/types';
import { Loading, PageHeader } from '../components/ui';
import { todayIn } from '../clock';
import { byName, loadDirectory, personLabel, useAsync } from '../data';
import { formatDate } from '../format';
import { errorAria, LabelledField } from '../forms/LabelledField';
import { useSubmit } from '../forms/useSubmit';
import { useI18n, useSession } from '../hooks';
import { refreshMe } from '../session';

const nameIn = (people: Person[] | null, id: string) => people?.find((p) => p.id === id)?.name ?? id;

export function DelegationPage() {
  const { t } = useI18n();
  const { me, config } = useSession();
  const people = useAsync(() => loadDirectory(config.auth.mode === 'local'), [config]);
  if (!me) return <Loading />;
  return (
    <section class="narrow">
      <PageHeader title={t('delegationTitle')} intro={t('delegationIntro')} />
      <CurrentDelegation current={me.delegation} people={people.data ?? null} />
      <DelegationForm key={me.delegation?.delegateId ?? 'none'} me={me} people={people.data ?? null} />
    </section>
  );
}

function CurrentDelegation({ current, people }: { current: Delegation | null; people: Person[] | null }) {
  const { t, locale } = useI18n();
  return (
    <p class="card panel" role="status">
      {current
        ? t('delegationActive', {
            name: nameIn(people, current.delegateId),
            from: formatDate(current.from, locale),
            until: formatDate(current.until, locale),
          })
        : t('delegationNone')}
    </p>
  );
}

function DelegationForm({ me, people }: { me: Me; people: Person[] | null }) {
  const { t } = useI18n();
  const today = todayIn('UTC');
  const current = me.delegation;
  const [deputy, setDeputy] = useState(current?.delegateId ?? '');
  const [from, setFrom] = useState(current?.from ?? today);
  const [until, setUntil] = useState(current?.until ?? '');
  const { busy, detail, run } = useSubmit();
  const call = (method: 'PUT' | 'DELETE', success: string) =>
    run(
      method,
      async () => {
        await api(method, '/me/delegation', method === 'PUT' ? { delegateId: deputy, from, until } : undefined);
        await refreshMe();
      },
      success,
    );
  const save = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    void call('PUT', t('delegationSaved'));
  };
  return (
    <form class="card panel" onSubmit={save} noValidate>
      <DeputyField me={me} people={people} value={deputy} set={setDeputy} error={detail('delegateId')} />
      <div class="range">
        <DateField id="from" label={t('dateFrom')} value={from} set={setFrom} min={today} error={detail('from')} />
        <DateField
          id="until"
          label={t('dateUntil')}
          value={until}
          set={setUntil}
          min={from || today}
          error={detail('until')}
        />
      </div>
      <div class="button-row">
        <button type="submit" class="btn btn--primary" disabled={busy !== null || !deputy || !from || !until}>
          {t('saveDelegation')}
        </button>
        {current && (
          <button
            type="button"
            class="btn btn--danger-outline"
            disabled={busy !== null}
            onClick={() => call('DELETE', t('delegationRemoved'))}
          >
            {t('removeDelegation')}
          </button>
        )}
      </div>
    </form>
  );
}

function DeputyField(props: { me: Me; people: Person[] | null; value: string; set(v: string): void; error?: string }) {
  const { me, people, value, set, error } = props;
  const { t, locale } = useI18n();
  return (
    <LabelledField id="deputy" label={t('deputy')} error={error}>
      {people ? (
        <select id="deputy" value={value} onChange={(e) => set(e.currentTarget.value)} {...errorAria('deputy', error)}>
          <option value="">{t('chooseOption')}</option>
          {byName(people)
            .filter((p) => p.id !== me.id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {personLabel(p, locale)}
              </option>
            ))}
        </select>
      ) : (
        <input id="deputy" type="text" value={value} onInput={(e) => set(e.currentTarget.value.trim())} />
      )}
    </LabelledField>
  );
}

function DateField(props: {
  id: string;
  label: string;
  value: string;
  set(v: string): void;
  min: string;
  error?: string | undefined;
}) {
  const { id, label, value, set, min, error } = props;
  return (
    <LabelledField id={id} label={label} error={error} class="range-end">
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        onInput={(e) => set(e.currentTarget.value)}
        {...errorAria(id, error)}
      />
    </LabelledField>
  );
}

/** The approver's inbox: requests waiting for their decision, their own and those they decide as a deputy. */
import type { Me, Person, RequestItem, RequestListItem, Service } from '../api/types';
import { DecisionPanel } from '../components/actions/DecisionPanel';
import { FieldList } from '../components/FieldList';
import { OverdueNote } from '../components/overdue';
import { Countdown, PageHeader } from '../components/ui';
import { loadDirectory, loadServices, useAsync } from '../data';
import { formatDateTime, shortId } from '../format';
import { useI18n, useSession } from '../hooks';
import { usePagedRequests } from '../paged';
import { Link } from '../router';
import { RequestList, RowSummary } from './MyRequests';

/** Whose approval this is: the caller's own, or null with the name of the person they stand in for. */
export function onBehalfOf(item: RequestItem, me: Me, people: Person[] | null): string | null {
  const stage = item.approvals.find((s) => s.status === 'pending');
  const entry = stage?.approvers.find((a) => a.id === me.id);
  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? id;
  if (entry) return entry.onBehalfOf ? nameOf(entry.onBehalfOf) : null;
  // Routed to the person the caller deputises for (before the delegation began).
  const absent = stage?.approvers.filter((a) => !a.decision).map((a) => a.name) ?? [];
  return absent.length > 0 ? absent.join(', ') : null;
}

export function Approvals() {
  const { t, locale } = useI18n();
  const { me, config } = useSession();
  const list = usePagedRequests({ view: 'approvals' });
  const services = useAsync(() => loadServices(locale), [locale]);
  const people = useAsync(() => loadDirectory(config.auth.mode === 'local'), [config]);
  return (
    <section>
      <PageHeader title={t('inboxTitle')} intro={t('inboxIntro')}>
        <Link class="btn" href="/delegation">
          {t('delegationLink')}
        </Link>
      </PageHeader>
      <RequestList
        list={list}
        label={t('inboxTitle')}
        empty={<p>{t('inboxEmpty')}</p>}
        row={(item) =>
          me && (
            <InboxItem
              item={item}
              me={me}
              service={services.data?.find((s) => s.id === item.serviceId)}
              people={people.data ?? null}
              onDone={list.reload}
            />
          )
        }
      />
    </section>
  );
}

function InboxItem(props: {
  item: RequestListItem;
  me: Me;
  service: Service | undefined;
  people: Person[] | null;
  onDone(): void;
}) {
  const { item, me, service, people, onDone } = props;
  const { t, locale } = useI18n();
  const stage = item.approvals.find((s) => s.status === 'pending');
  const deputyFor = onBehalfOf(item, me, people);
  return (
    <article class="inbox-item" aria-labelledby={`inbox-${item.id}`}>
      <div class="inbox-head">
        <div>
          <Link id={`inbox-${item.id}`} class="row-title" href={`/requests/${item.id}?decide=1`}>
            {item.serviceTitle}
          </Link>
          <RowSummary item={item} />
          <p class="muted small">
            #{shortId(item.id)} · {item.requesterName} · {formatDateTime(item.createdAt, locale)}
          </p>
        </div>
        <div class="row-side">
          {deputyFor ? (
            <span class="tag tag--delegated">{t('inboxDelegated', { name: deputyFor })}</span>
          ) : (
            <span class="tag tag--own">{t('inboxOwn')}</span>
          )}
          {stage && <span class="small">{stage.title}</span>}
          {stage?.dueAt && <Countdown due={stage.dueAt} />}
        </div>
      </div>
      <OverdueNote stage={stage} />
      {service && <FieldList service={service} fields={item.fields} people={people} />}
      {stage && <DecisionPanel request={item} stage={stage.stage} onDone={onDone} compact />}
    </article>
  );
}

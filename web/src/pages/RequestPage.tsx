/**
 * One request: header (status, assignee, SLA), fields, approval stages, the history timeline, and
 * what the caller may do now (as requester, agent or approver), plus comments.
 */
import type { ComponentChildren } from 'preact';
import { isOpen } from '../../../functions/domain/requests/model';
import { get } from '../api/client';
import type { Me, Person, RequestDetail, Service } from '../api/types';
import { AgentActions } from '../components/actions/AgentActions';
import { AssigneeActions } from '../components/actions/AssigneeActions';
import { DecisionPanel } from '../components/actions/DecisionPanel';
import { ProvideInfo } from '../components/actions/ProvideInfo';
import { RequesterActions } from '../components/actions/RequesterActions';
import { CommentBox, type CommentDraft } from '../components/CommentBox';
import { FieldList } from '../components/FieldList';
import { OverdueNote } from '../components/overdue';
import { relationsOf, type Relations } from '../components/relations';
import { StageLine, stagePhases } from '../components/stages';
import { Timeline } from '../components/Timeline';
import { Avatar, Countdown, ErrorState, Loading, PageHeader, StageChip, StatusChip } from '../components/ui';
import { loadDirectory, loadService, useAsync } from '../data';
import { formatDateTime, shortId } from '../format';
import { useI18n, useSession } from '../hooks';
import { teamName } from '../org';
import { Link } from '../router';

export function RequestPage({ id, decide }: { id: string; decide: boolean }) {
  const { locale } = useI18n();
  const { me, config } = useSession();
  const detail = useAsync(() => get<RequestDetail>(`/requests/${encodeURIComponent(id)}`), [id, locale]);
  const serviceId = detail.data?.serviceId;
  const service = useAsync(
    () => (serviceId ? loadService(serviceId, locale) : Promise.resolve(undefined)),
    [serviceId, locale],
  );
  const people = useAsync(() => loadDirectory(config.auth.mode === 'local'), [config]);
  if (!detail.data && detail.error) return <ErrorState error={detail.error} retry={detail.reload} />;
  if (!detail.data || !me) return <Loading />;
  return (
    <RequestView
      request={detail.data}
      service={service.data}
      me={me}
      decide={decide}
      reload={detail.reload}
      people={people.data ?? null}
    />
  );
}

interface ViewProps {
  request: RequestDetail;
  service: Service | undefined;
  me: Me;
  decide: boolean;
  reload(): void;
  people: Person[] | null;
}

/** The approval stage waiting for decisions now (stages run one after another). */
const currentStage = (request: RequestDetail) =>
  request.status === 'pending_approval' ? request.approvals.find((s) => s.status === 'pending') : undefined;

function BackLink({ rel }: { rel: Relations }) {
  const { t } = useI18n();
  const [href, label] = rel.requester
    ? ['/requests', t('navMine')]
    : rel.team
      ? ['/queue', t('navQueue')]
      : ['/approvals', t('navApprovals')];
  return (
    <nav class="crumbs" aria-label="breadcrumb">
      <Link href={href}>← {label}</Link>
    </nav>
  );
}

function RequestView({ request, service, me, decide, reload, people }: ViewProps) {
  const { t } = useI18n();
  const rel = relationsOf(me, request);
  return (
    <article class="request">
      <BackLink rel={rel} />
      <PageHeader title={request.serviceTitle}>
        <StatusChip status={request.status} />
        {request.sla.breached && <span class="badge badge--danger">{t('slaBreached')}</span>}
        {request.sla.paused && <span class="badge badge--muted">{t('slaPaused')}</span>}
      </PageHeader>
      <p class="muted request-number">{t('requestNumber', { id: `#${shortId(request.id)}` })}</p>
      <OverdueNote stage={currentStage(request)} />
      <Facts request={request} />
      <div class="request-layout">
        <div class="request-main">
          {rel.requester && request.status === 'waiting_for_requester' && service && (
            <ProvideInfo request={request} service={service} onDone={reload} />
          )}
          <Section title={t('detailsTitle')} id="details">
            {service ? <FieldList service={service} fields={request.fields} people={people} /> : <Loading />}
          </Section>
          {request.approvals.length > 0 && (
            <Section title={t('approvalsTitle')} id="approvals">
              <Stages request={request} people={people} />
            </Section>
          )}
          <Section title={t('historyTitle')} id="history">
            <Timeline request={request} service={service} />
          </Section>
        </div>
        <RequestSide {...{ request, service, me, decide, reload, people, rel }} />
      </div>
    </article>
  );
}

function RequestSide({ request, me, decide, reload, people, rel }: ViewProps & { rel: Relations }) {
  const current = currentStage(request);
  const mine = current?.approvers.some((a) => a.id === me.id && !a.decision) ?? false;
  // A deputy's inbox links here with ?decide=1: the server knows the delegation, the page does not.
  const canDecide = current !== undefined && !rel.requester && (mine || decide);
  return (
    <aside class="request-side">
      {canDecide && current && <DecisionPanel request={request} stage={current.stage} onDone={reload} />}
      {rel.requester && <RequesterActions request={request} onDone={reload} />}
      {(rel.agent || rel.admin) && <AgentActions request={request} rel={rel} people={people} onDone={reload} />}
      {!panelTakesComment(request, rel, canDecide) && <Comments request={request} rel={rel} reload={reload} />}
    </aside>
  );
}

/**
 * One comment box per page: where a panel takes a comment with its step (the approver's decision, the
 * requester's answer, close or reopen), that panel's box is the page's.
 */
const panelTakesComment = (request: RequestDetail, rel: Relations, canDecide: boolean) =>
  canDecide || (rel.requester && ['resolved', 'waiting_for_requester'].includes(request.status));

function Comments({ request, rel, reload }: { request: RequestDetail; rel: Relations; reload(): void }) {
  const assigneeActions = (draft: CommentDraft) => <AssigneeActions request={request} draft={draft} onDone={reload} />;
  return (
    <CommentBox
      request={request}
      internalAllowed={rel.team || rel.admin}
      onDone={reload}
      actions={rel.assignee ? assigneeActions : undefined}
    />
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="card section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ request }: { request: RequestDetail }) {
  const { t, locale } = useI18n();
  const { sla } = request;
  const open = isOpen(request.status);
  return (
    <dl class="facts card">
      <Fact label={t('requester')}>
        <Avatar name={request.requesterName} /> {request.requesterName}
      </Fact>
      <Fact label={t('assignee')}>
        <span data-testid="assignee" data-assignee-id={request.assigneeId ?? ''}>
          {request.assigneeName ? (
            <>
              <Avatar name={request.assigneeName} /> {request.assigneeName}
            </>
          ) : (
            <span class="muted">{t('unassigned')}</span>
          )}
        </span>
      </Fact>
      <Fact label={t('team')}>{teamName(request.team, locale)}</Fact>
      <Fact label={t('created')}>{formatDateTime(request.createdAt, locale)}</Fact>
      <Fact label={t('responseDue')}>
        {sla.respondedAt ? (
          <span class="muted">{t('responded', { date: formatDateTime(sla.respondedAt, locale) })}</span>
        ) : (
          <Deadline due={sla.responseDueAt} open={open} paused={sla.paused} />
        )}
      </Fact>
      <Fact label={t('resolutionDue')}>
        {request.resolvedAt ? (
          <span class="muted">{formatDateTime(request.resolvedAt, locale)}</span>
        ) : request.expectedDoneAt ? (
          <span data-testid="expected-done">
            {t('expectedAfterApproval', { date: formatDateTime(request.expectedDoneAt, locale) })}
          </span>
        ) : (
          <Deadline due={sla.resolutionDueAt} open={open} paused={sla.paused} />
        )}
      </Fact>
    </dl>
  );
}

function Deadline({ due, open, paused }: { due: string | null; open: boolean; paused: boolean }) {
  const { t, locale } = useI18n();
  if (!due && paused) return <span class="muted">{t('slaPaused')}</span>;
  if (!due) return <span class="muted">{open ? t('noDeadlineYet') : t('notFilled')}</span>;
  if (!open) return <span class="muted">{formatDateTime(due, locale)}</span>;
  return <Countdown due={due} paused={paused} />;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Stages({ request, people }: { request: RequestDetail; people: ViewProps['people'] }) {
  const { t, locale } = useI18n();
  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? id;
  const phases = stagePhases(request);
  return (
    <ol class="stages">
      {request.approvals.map((stage, index) => (
        <li key={stage.stage} class={`stage stage--${phases[index] ?? stage.status}`}>
          <div class="stage-head">
            <span class="stage-title">{stage.title}</span>
            <StageChip status={phases[index] ?? stage.status} />
          </div>
          <StageLine
            stage={stage}
            due={
              phases[index] === 'pending' && stage.dueAt && t('stageDue', { date: formatDateTime(stage.dueAt, locale) })
            }
          />
          {phases[index] === 'pending' && <OverdueNote stage={stage} />}
          <ul class="approvers">
            {stage.approvers.map((a) => (
              <li key={a.id}>
                <Avatar name={a.name} />
                <span>
                  {a.name}
                  {a.onBehalfOf && <span class="muted"> ({t('onBehalfOf', { name: nameOf(a.onBehalfOf) })})</span>}
                  {a.decision && (
                    <span class="muted small">
                      {' · '}
                      {t(
                        a.decision === 'approve'
                          ? 'ap_approved'
                          : a.decision === 'reject'
                            ? 'ap_rejected'
                            : 'ap_returned',
                      )}
                      {a.decidedAt && `, ${formatDateTime(a.decidedAt, locale)}`}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

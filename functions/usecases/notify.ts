/**
 * Turns one history event into the e-mails it implies: plan the notices, then for each recipient
 * claim the send (at most once per request, event and recipient), render in their language and send.
 * Comments come as digests: at most one e-mail per request, recipient and 10 minutes.
 */
import { randomBytes } from 'node:crypto';
import type { Person, Service } from '../domain/catalog/schema';
import { decisionUrl, linkExpiry } from '../domain/notifications/decision-link';
import { commentsFor, digestOf, digestVerdict } from '../domain/notifications/digest';
import { planNotices, type Notice, type PlanContext } from '../domain/notifications/plan';
import { renderMail, type MailContext } from '../domain/notifications/templates';
import type { HistoryEvent, RequestRecord } from '../domain/requests/model';
import type { Calls, Directory, Needs } from '../ports';
import { calendarOf, catalog } from './catalog';
import { isImported } from './imported';

/** Of the requests, notifying only reads a request and its newest history. */
export type NotifyPorts = Needs<'clock' | 'directory' | 'mailer'> &
  Calls<'requests', 'getRequest' | 'recentHistory'> &
  Calls<
    'notifications',
    'claimNotice' | 'releaseNotice' | 'markNoticeSent' | 'getDigest' | 'moveDigest' | 'putMailToken'
  >;

/** Configuration the entry point reads: where the portal lives, for every link in a mail. */
export interface NotifySettings {
  portalUrl: string;
}

const planContext = (directory: Directory): PlanContext => ({
  teamLeadOf: (team) => directory.team(team)?.leadId,
  admins: () =>
    directory
      .people()
      .filter((p) => p.roles.includes('admin'))
      .map((p) => p.id),
});

interface Delivery {
  request: RequestRecord;
  event: HistoryEvent;
  notice: Notice;
  recipient: Person;
  service: Service;
  portalUrl: string;
}

/**
 * An approve-by-e-mail link: valid until the stage's deadline, 72 hours at most (and only while the
 * stage still waits), its token in the fragment so it never reaches a log (domain/notifications/decision-link.ts).
 */
async function decisionLink(
  ports: NotifyPorts,
  { request, recipient, portalUrl }: Delivery,
): Promise<string | undefined> {
  if (request.currentStage === null) return undefined;
  const issuedAt = Math.floor(ports.clock.now().getTime() / 1000);
  const expiresAt = linkExpiry(issuedAt, request.approvals[request.currentStage]?.dueAt);
  if (expiresAt === undefined) return undefined;
  const token = randomBytes(32).toString('base64url');
  await ports.notifications.putMailToken(token, {
    requestId: request.id,
    round: request.round,
    stageIndex: request.currentStage,
    approverId: recipient.id,
    issuedAt,
    expiresAt,
  });
  return decisionUrl(portalUrl, token);
}

function stageTitle(request: RequestRecord, event: HistoryEvent, recipient: Person) {
  const stageId = (event.data?.stage as string | undefined) ?? request.approvals[request.currentStage ?? -1]?.stage;
  const stage = request.approvals.find((s) => s.stage === stageId);
  return { title: stage?.title[recipient.locale], dueAt: stage?.dueAt };
}

async function mailContext(ports: NotifyPorts, delivery: Delivery): Promise<MailContext> {
  const { request, event, notice, recipient, service, portalUrl } = delivery;
  const stage = stageTitle(request, event, recipient);
  const approval = notice.kind === 'approval_needed';
  // Approval notices name the stage's deadline; the others the request's resolution deadline.
  const stageDue = approval || notice.kind === 'approval_overdue';
  return {
    requestId: request.id,
    serviceTitle: request.serviceTitle[recipient.locale],
    requesterName: request.requesterName,
    actorName: event.actorName,
    recipientName: recipient.name,
    comment: event.internal && recipient.id === request.requesterId ? undefined : event.comment,
    stageTitle: stage.title,
    dueAt: stageDue ? stage.dueAt : request.sla.resolutionDueAt,
    link: `${portalUrl}/requests/${request.id}`,
    decisionLink: approval ? await decisionLink(ports, delivery) : undefined,
    timeZone: calendarOf(service).timeZone,
  };
}

/** How much of the history after the last digest one digest reads (the newest; it says when there is more). */
const DIGEST_READ = 50;

/**
 * A comment: at most one e-mail per request, recipient and 10 minutes, quoting every comment not yet
 * mailed (domain/notifications/digest.ts). Answers the message id, or why nothing was sent.
 */
async function sendComments(ports: NotifyPorts, delivery: Delivery): Promise<string | undefined> {
  const { request, event, recipient } = delivery;
  const { notifications } = ports;
  const last = await notifications.getDigest(request.id, recipient.id);
  const verdict = digestVerdict(last, event);
  if (verdict !== 'send') return `digest:${verdict}`;
  const recent = await ports.requests.recentHistory(request.id, last?.lastSeq ?? 0, DIGEST_READ);
  const context = planContext(ports.directory);
  const digest = digestOf(event, recent, (events) => commentsFor(recipient.id, events, request, context));
  // Moved before the send, so a second delivery racing this one holds or skips instead of sending too.
  if (!(await notifications.moveDigest(request.id, recipient.id, last, digest.next)))
    throw new Error('The comment digest moved meanwhile; the stream retries this record');
  try {
    const base = await mailContext(ports, delivery);
    const [first] = digest.quoted;
    const quotes =
      digest.quoted.length > 1
        ? { comments: digest.quoted.map((c) => ({ actorName: c.actorName, text: c.comment ?? '' })) }
        : { actorName: first?.actorName ?? event.actorName, comment: first?.comment };
    const mail = renderMail('comment', { ...base, ...quotes, moreComments: digest.more }, recipient.locale);
    return await ports.mailer.send({ to: recipient.email, ...mail });
  } catch (error) {
    await notifications.moveDigest(request.id, recipient.id, digest.next, last);
    throw error;
  }
}

async function sendOne(ports: NotifyPorts, delivery: Delivery) {
  const mail = renderMail(delivery.notice.kind, await mailContext(ports, delivery), delivery.recipient.locale);
  return ports.mailer.send({ to: delivery.recipient.email, ...mail });
}

async function deliver(ports: NotifyPorts, delivery: Omit<Delivery, 'recipient' | 'service'>) {
  const { request, event, notice } = delivery;
  const { notifications } = ports;
  const recipient = ports.directory.person(notice.recipientId);
  const service = catalog.service(request.serviceId);
  if (!recipient || !service) return;
  const at = ports.clock.now().toISOString();
  if (!(await notifications.claimNotice(request.id, event.seq, recipient.id, at))) return;
  try {
    const full = { ...delivery, recipient, service };
    const messageId = notice.kind === 'comment' ? await sendComments(ports, full) : await sendOne(ports, full);
    await notifications.markNoticeSent(request.id, event.seq, recipient.id, messageId);
  } catch (error) {
    await notifications.releaseNotice(request.id, event.seq, recipient.id);
    throw error;
  }
}

export async function notifyAbout(
  ports: NotifyPorts,
  requestId: string,
  event: HistoryEvent,
  { portalUrl }: NotifySettings,
) {
  // Imported history is finished: nobody is told about it again (functions/usecases/imported.ts).
  if (isImported(event)) return;
  const request = await ports.requests.getRequest(requestId);
  if (!request) return;
  const notices = planNotices(event, request, planContext(ports.directory));
  for (const notice of notices) await deliver(ports, { request, event, notice, portalUrl });
}

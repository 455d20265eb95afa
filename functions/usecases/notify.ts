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
import { clock } from '../adapters/clock';
import { sendMail } from '../adapters/mail';
import {
  claimNotice,
  getDigest,
  markNoticeSent,
  moveDigest,
  putMailToken,
  releaseNotice,
} from '../adapters/store/notifications';
import { getRequest, recentHistory } from '../adapters/store/requests';
import { ENV, requiredEnv } from '../shared/env';
import { calendarOf, catalog } from './catalog';
import { isImported } from './imported';

const PLAN_CONTEXT: PlanContext = {
  teamLeadOf: (team) => catalog.team(team)?.leadId,
  admins: () => catalog.data.directory.filter((p) => p.roles.includes('admin')).map((p) => p.id),
};

/**
 * An approve-by-e-mail link: valid until the stage's deadline, 72 hours at most (and only while the
 * stage still waits), its token in the fragment so it never reaches a log (domain/notifications/decision-link.ts).
 */
async function decisionLink(request: RequestRecord, recipient: Person): Promise<string | undefined> {
  if (request.currentStage === null) return undefined;
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  const expiresAt = linkExpiry(issuedAt, request.approvals[request.currentStage]?.dueAt);
  if (expiresAt === undefined) return undefined;
  const token = randomBytes(32).toString('base64url');
  await putMailToken(token, {
    requestId: request.id,
    round: request.round,
    stageIndex: request.currentStage,
    approverId: recipient.id,
    issuedAt,
    expiresAt,
  });
  return decisionUrl(requiredEnv(ENV.portalUrl), token);
}

function stageTitle(request: RequestRecord, event: HistoryEvent, recipient: Person) {
  const stageId = (event.data?.stage as string | undefined) ?? request.approvals[request.currentStage ?? -1]?.stage;
  const stage = request.approvals.find((s) => s.stage === stageId);
  return { title: stage?.title[recipient.locale], dueAt: stage?.dueAt };
}

interface Delivery {
  request: RequestRecord;
  event: HistoryEvent;
  notice: Notice;
  recipient: Person;
  service: Service;
}

async function mailContext({ request, event, notice, recipient, service }: Delivery): Promise<MailContext> {
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
    link: `${requiredEnv(ENV.portalUrl)}/requests/${request.id}`,
    decisionLink: approval ? await decisionLink(request, recipient) : undefined,
    timeZone: calendarOf(service).timeZone,
  };
}

/** How much of the history after the last digest one digest reads (the newest; it says when there is more). */
const DIGEST_READ = 50;

/**
 * A comment: at most one e-mail per request, recipient and 10 minutes, quoting every comment not yet
 * mailed (domain/notifications/digest.ts). Answers the message id, or why nothing was sent.
 */
async function sendComments(delivery: Delivery): Promise<string | undefined> {
  const { request, event, recipient } = delivery;
  const last = await getDigest(request.id, recipient.id);
  const verdict = digestVerdict(last, event);
  if (verdict !== 'send') return `digest:${verdict}`;
  const recent = await recentHistory(request.id, last?.lastSeq ?? 0, DIGEST_READ);
  const digest = digestOf(event, recent, (events) => commentsFor(recipient.id, events, request, PLAN_CONTEXT));
  // Moved before the send, so a second delivery racing this one holds or skips instead of sending too.
  if (!(await moveDigest(request.id, recipient.id, last, digest.next)))
    throw new Error('The comment digest moved meanwhile; the stream retries this record');
  try {
    const base = await mailContext(delivery);
    const [first] = digest.quoted;
    const quotes =
      digest.quoted.length > 1
        ? { comments: digest.quoted.map((c) => ({ actorName: c.actorName, text: c.comment ?? '' })) }
        : { actorName: first?.actorName ?? event.actorName, comment: first?.comment };
    const mail = renderMail('comment', { ...base, ...quotes, moreComments: digest.more }, recipient.locale);
    return await sendMail({ to: recipient.email, ...mail });
  } catch (error) {
    await moveDigest(request.id, recipient.id, digest.next, last);
    throw error;
  }
}

async function sendOne(delivery: Delivery) {
  const mail = renderMail(delivery.notice.kind, await mailContext(delivery), delivery.recipient.locale);
  return sendMail({ to: delivery.recipient.email, ...mail });
}

async function deliver(request: RequestRecord, event: HistoryEvent, notice: Notice) {
  const recipient = catalog.person(notice.recipientId);
  const service = catalog.service(request.serviceId);
  if (!recipient || !service) return;
  if (!(await claimNotice(request.id, event.seq, recipient.id, clock.nowIso()))) return;
  try {
    const delivery = { request, event, notice, recipient, service };
    const messageId = notice.kind === 'comment' ? await sendComments(delivery) : await sendOne(delivery);
    await markNoticeSent(request.id, event.seq, recipient.id, messageId);
  } catch (error) {
    await releaseNotice(request.id, event.seq, recipient.id);
    throw error;
  }
}

export async function notifyAbout(requestId: string, event: HistoryEvent) {
  // Imported history is finished: nobody is told about it again (functions/usecases/imported.ts).
  if (isImported(event)) return;
  const request = await getRequest(requestId);
  if (!request) return;
  const notices = planNotices(event, request, PLAN_CONTEXT);
  for (const notice of notices) await deliver(request, event, notice);
}

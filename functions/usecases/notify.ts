/**
 * Turns one history event into the e-mails it implies: plan the notices, then for each recipient
 * claim the send (at most once per request, event and recipient), render in their language and send.
 */
import { randomBytes } from 'node:crypto';
import type { Person } from '../domain/catalog/schema';
import { planNotices, type Notice } from '../domain/notifications/plan';
import { renderMail } from '../domain/notifications/templates';
import type { HistoryEvent, RequestRecord } from '../domain/requests/model';
import { clock } from '../adapters/clock';
import { sendMail } from '../adapters/mail';
import { claimNotice, markNoticeSent, putMailToken, releaseNotice } from '../adapters/store/notifications';
import { getRequest } from '../adapters/store/requests';
import { ENV, requiredEnv } from '../shared/env';
import { calendarOf, catalog } from './catalog';
import { isImported } from './imported';

/** Approve-by-e-mail links stay valid this long (and only while the stage still waits). */
const TOKEN_DAYS = 14;

async function decisionLink(request: RequestRecord, recipient: Person): Promise<string | undefined> {
  if (request.currentStage === null) return undefined;
  const token = randomBytes(32).toString('base64url');
  await putMailToken(token, {
    requestId: request.id,
    round: request.round,
    stageIndex: request.currentStage,
    approverId: recipient.id,
    expiresAt: Math.floor(clock.now().getTime() / 1000) + TOKEN_DAYS * 86_400,
  });
  return `${requiredEnv(ENV.portalUrl)}/api/email-decision?token=${token}`;
}

function stageTitle(request: RequestRecord, event: HistoryEvent, recipient: Person) {
  const stageId = (event.data?.stage as string | undefined) ?? request.approvals[request.currentStage ?? -1]?.stage;
  const stage = request.approvals.find((s) => s.stage === stageId);
  return { title: stage?.title[recipient.locale], dueAt: stage?.dueAt };
}

async function deliver(request: RequestRecord, event: HistoryEvent, notice: Notice) {
  const recipient = catalog.person(notice.recipientId);
  const service = catalog.service(request.serviceId);
  if (!recipient || !service) return;
  if (!(await claimNotice(request.id, event.seq, recipient.id, clock.nowIso()))) return;
  try {
    const stage = stageTitle(request, event, recipient);
    const approval = notice.kind === 'approval_needed';
    const mail = renderMail(
      notice.kind,
      {
        requestId: request.id,
        serviceTitle: request.serviceTitle[recipient.locale],
        requesterName: request.requesterName,
        actorName: event.actorName,
        recipientName: recipient.name,
        comment: event.internal && recipient.id === request.requesterId ? undefined : event.comment,
        stageTitle: stage.title,
        dueAt: approval ? stage.dueAt : request.sla.resolutionDueAt,
        link: `${requiredEnv(ENV.portalUrl)}/requests/${request.id}`,
        decisionLink: approval ? await decisionLink(request, recipient) : undefined,
        timeZone: calendarOf(service).timeZone,
      },
      recipient.locale,
    );
    const messageId = await sendMail({ to: recipient.email, ...mail });
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
  const notices = planNotices(event, request, { teamLeadOf: (team) => catalog.team(team)?.leadId });
  for (const notice of notices) await deliver(request, event, notice);
}

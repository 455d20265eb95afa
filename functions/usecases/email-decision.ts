/**
 * Approving from the e-mail: the link's token (single-use, expiring with its stage's deadline or after
 * 72 hours, stored hashed) names one approver of one stage of one request. The decision goes through
 * the same path as the API's, recorded with its channel (`data.channel: 'email'`).
 */
import type { Locale, Person } from '../domain/catalog/schema';
import { DomainError } from '../domain/errors';
import { t } from '../domain/i18n';
import { withinLifetime } from '../domain/notifications/decision-link';
import type { Decision, Principal, RequestRecord } from '../domain/requests/model';
import type { Calls, MailToken, Needs } from '../ports';
import { catalog } from './catalog';
import { decide, type DecisionPorts } from './decisions';

export type MailDecisionPorts = DecisionPorts & Calls<'notifications', 'getMailToken' | 'useMailToken'>;

export interface ValidLink {
  token: MailToken;
  request: RequestRecord;
  approver: Person;
  stage: RequestRecord['approvals'][number];
}

/** The link's token if it may still be used for a decision; a DomainError saying why not otherwise. */
export async function openLink(
  ports: Calls<'notifications', 'getMailToken'> & Calls<'requests', 'getRequest'> & Needs<'clock' | 'directory'>,
  rawToken: string,
  locale: Locale,
): Promise<ValidLink> {
  const valid = rawToken.length > 0 && rawToken.length < 200;
  const token = valid ? await ports.notifications.getMailToken(rawToken) : undefined;
  if (!token) throw new DomainError('not_found', t(locale, 'mailLinkInvalid'));
  if (token.usedAt) throw new DomainError('conflict', t(locale, 'mailLinkUsed'));
  if (!withinLifetime(token) || token.expiresAt * 1000 < ports.clock.now().getTime())
    throw new DomainError('gone', t(locale, 'mailLinkExpired'));
  const request = await ports.requests.getRequest(token.requestId);
  const stage = request && stillWaiting(request, token);
  const approver = ports.directory.person(token.approverId);
  if (!request || !stage || !approver) throw new DomainError('conflict', t(locale, 'mailStageClosed'));
  return { token, request, approver, stage };
}

/** The token's stage, if it is still the current one and still waits for this approver. */
function stillWaiting(request: RequestRecord, token: MailToken) {
  const stage = request.approvals[token.stageIndex];
  const current = request.round === token.round && request.currentStage === token.stageIndex;
  const undecided = stage?.approvers.some((a) => a.id === token.approverId && !a.decision);
  return current && stage?.status === 'pending' && undecided ? stage : undefined;
}

export async function decideByMail(
  ports: MailDecisionPorts,
  rawToken: string,
  decision: Decision,
  comment: string | undefined,
  locale: Locale,
) {
  const link = await openLink(ports, rawToken, locale);
  const principal: Principal = {
    id: link.approver.id,
    email: link.approver.email,
    name: link.approver.name,
    locale: link.approver.locale,
    roles: link.approver.roles,
    teams: link.approver.teams,
  };
  const request = await decide(
    ports,
    principal,
    link.request.id,
    { stage: link.stage.stage, decision, comment, channel: 'email' },
    { locale },
  );
  // Used once the decision is recorded; a second click finds the decision taken (409) either way.
  await ports.notifications.useMailToken(rawToken, ports.clock.now().toISOString());
  return request;
}

/** What the confirmation page shows of the request, in the approver's language. */
export function summaryOf(link: ValidLink, locale: Locale) {
  const service = catalog.service(link.request.serviceId);
  const fields = (service?.fields ?? [])
    .filter((f) => link.request.fields[f.id] !== undefined)
    .map((f) => ({ label: f.label[locale], value: displayValue(link.request.fields[f.id]) }));
  return {
    serviceTitle: link.request.serviceTitle[locale],
    requesterName: link.request.requesterName,
    stageTitle: link.stage.title[locale],
    fields,
  };
}

function displayValue(value: unknown): string {
  if (value && typeof value === 'object' && 'amount' in value)
    return `${(value as { amount: number }).amount} ${(value as { currency?: string }).currency ?? ''}`.trim();
  if (value && typeof value === 'object' && 'from' in value) {
    const range = value as { from: string; to: string };
    return `${range.from} — ${range.to}`;
  }
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The approve-by-e-mail link. Its secret rides in the URL fragment (`#token=`), which a browser never
 * sends to a server: no CloudFront, WAF, API Gateway or proxy log ever sees it. The page behind the
 * link posts it (decision-page.ts). A link lives until its stage's deadline, 72 hours at most.
 */

/** The longest a decision link lives, whatever the stage's deadline. */
export const MAX_LINK_HOURS = 72;
const MAX_LINK_SECONDS = MAX_LINK_HOURS * 3600;

/**
 * When a link issued at `issuedAt` (epoch seconds) expires (epoch seconds): the stage's deadline or
 * 72 hours, whichever comes first. Undefined when the deadline has already passed: no link then
 * (the e-mail still leads to the portal).
 */
export function linkExpiry(issuedAt: number, stageDueAt: string | undefined): number | undefined {
  const cap = issuedAt + MAX_LINK_SECONDS;
  const due = stageDueAt === undefined ? Number.NaN : Math.floor(Date.parse(stageDueAt) / 1000);
  const expiresAt = Number.isNaN(due) ? cap : Math.min(cap, due);
  return expiresAt > issuedAt ? expiresAt : undefined;
}

/**
 * Whether a stored token may be honoured at all: it records when it was issued and lives 72 hours at
 * most. Tokens of the old query-string links (14 days, no issue time) fail this: anyone who opened one
 * wrote it into the access logs.
 */
export const withinLifetime = (token: { issuedAt?: number; expiresAt: number }) =>
  typeof token.issuedAt === 'number' && token.expiresAt - token.issuedAt <= MAX_LINK_SECONDS;

/** The link as mailed: the path the API serves, the secret after `#`. */
export const decisionUrl = (portalUrl: string, token: string) => `${portalUrl}/api/email-decision#token=${token}`;

/** The portal's own list of approvals waiting for the reader: where to go without a link. */
export const approvalsUrl = (portalUrl: string) => `${portalUrl}/approvals`;

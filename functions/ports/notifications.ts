/**
 * What e-mail notification keeps in the table: a claim per (request, event, recipient) so a send
 * happens at most once, the comment digest per (request, recipient), and the single-use
 * approve-by-e-mail tokens (held only as their hash; callers pass the secret).
 */
import type { DigestState } from '../domain/notifications/digest';

export type { DigestState };

export interface MailToken {
  requestId: string;
  round: number;
  stageIndex: number;
  approverId: string;
  /** Epoch seconds; absent on tokens of the old 14-day query-string links, which are never honoured. */
  issuedAt?: number;
  /** Epoch seconds; the record is removed some time afterwards. */
  expiresAt: number;
  usedAt?: string;
}

export interface NotificationStore {
  /** True if this call may send; false if the notice was already claimed (sent or being sent). */
  claimNotice(requestId: string, seq: number, recipientId: string, at: string): Promise<boolean>;
  /** A send that failed gives its claim back, so the retry can send. */
  releaseNotice(requestId: string, seq: number, recipientId: string): Promise<void>;
  markNoticeSent(requestId: string, seq: number, recipientId: string, messageId: string | undefined): Promise<void>;
  getDigest(requestId: string, recipientId: string): Promise<DigestState | undefined>;
  /**
   * Moves the digest from `from` (undefined: there was none) to `to` (undefined: back to none); false
   * when it is no longer at `from` (another delivery moved it first).
   */
  moveDigest(
    requestId: string,
    recipientId: string,
    from: DigestState | undefined,
    to: DigestState | undefined,
  ): Promise<boolean>;
  putMailToken(secret: string, token: MailToken): Promise<void>;
  getMailToken(secret: string): Promise<MailToken | undefined>;
  /** Marks the token used; false if it already was (or does not exist). */
  useMailToken(secret: string, at: string): Promise<boolean>;
}

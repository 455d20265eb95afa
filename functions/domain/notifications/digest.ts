/**
 * Comment e-mails as digests (F7): at most one "new comment" e-mail per request, recipient and
 * 10 minutes, however fast people write.
 *
 * The first comment a recipient hears of goes out at once, quoting every comment they have not been
 * mailed yet that the history holds by then. A comment made within 10 minutes of that mail's is held;
 * the next comment after the window sends the next mail, which quotes the held ones too (each comment
 * is mailed at most once: a digest remembers the newest history seq it covered). So nothing is lost
 * from the mail, only delayed to the next mail, with one honest gap: the comments held at the end of a
 * burst wait for the next comment on that request, and without one they are in the portal only. Every
 * comment e-mail says so. A trailing mail after each window would close the gap, at the cost of a timer
 * per (request, recipient) (a Step Functions wait or a scheduled sweep): not worth it for comments,
 * which the portal always shows.
 *
 * Time is the comments' own (`at`), not the stream's: a replayed or late stream decides the same.
 */
import type { HistoryEvent, RequestRecord } from '../requests/model';
import { planNotices, type PlanContext } from './plan';

export const DIGEST_WINDOW_MINUTES = 10;
const WINDOW_MS = DIGEST_WINDOW_MINUTES * 60_000;
/** The most comments one e-mail quotes (the newest); it says when there are more. */
export const DIGEST_MAX_QUOTED = 10;

/** The last comment e-mail to one recipient about one request. */
export interface DigestState {
  /** When the comment that sent it was made (ISO). */
  sentAt: string;
  /** The newest history seq it covered: comments up to here are mailed or were never to be. */
  lastSeq: number;
}

/** `send`: this comment sends a digest; `held`: within the window, for the next one; `covered`: already mailed. */
export type DigestVerdict = 'send' | 'held' | 'covered';

export function digestVerdict(last: DigestState | undefined, comment: HistoryEvent): DigestVerdict {
  if (!last) return 'send';
  if (comment.seq <= last.lastSeq) return 'covered';
  return Date.parse(comment.at) - Date.parse(last.sentAt) < WINDOW_MS ? 'held' : 'send';
}

/** The comments among `events` that `recipientId` is to hear of: the rule of a single comment's e-mail. */
export function commentsFor(
  recipientId: string,
  events: readonly HistoryEvent[],
  request: RequestRecord,
  context: PlanContext,
): HistoryEvent[] {
  return events.filter(
    (e) =>
      e.type === 'comment' &&
      planNotices(e, request, context).some((n) => n.recipientId === recipientId && n.kind === 'comment'),
  );
}

export interface Digest {
  /** Oldest first, the newest DIGEST_MAX_QUOTED. */
  quoted: HistoryEvent[];
  /** Whether the portal has comments for the recipient that this mail does not quote. */
  more: boolean;
  /** The state after sending it. */
  next: DigestState;
}

/**
 * The digest `comment` sends, from the newest history after the last digest (`recent`, oldest first;
 * `truncated` when older events were not read). The triggering comment is always in it.
 */
export function digestOf(
  comment: HistoryEvent,
  recent: { events: readonly HistoryEvent[]; truncated: boolean },
  mine: (events: readonly HistoryEvent[]) => HistoryEvent[],
): Digest {
  const events = recent.events.some((e) => e.seq === comment.seq)
    ? recent.events
    : [comment, ...recent.events].sort((a, b) => a.seq - b.seq);
  const comments = mine(events);
  const quoted = comments.slice(-DIGEST_MAX_QUOTED);
  return {
    quoted,
    more: recent.truncated || comments.length > quoted.length,
    next: { sentAt: comment.at, lastSeq: Math.max(...events.map((e) => e.seq)) },
  };
}

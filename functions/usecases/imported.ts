/**
 * Imported history: requests written in bulk with their whole past (the local demo quarter,
 * local/demo-history.ts), every event marked `data.imported`. It is finished history, not news: the
 * import counts it into the analytics itself, and the stream consumers that react to new events
 * (e-mails, workflows, aggregates) leave it alone.
 */
import type { HistoryEvent } from '../domain/requests/model';

export const isImported = (event: HistoryEvent) => event.data?.imported === true;

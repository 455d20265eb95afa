/**
 * Requests in a known state for the API suites, built through the public API only (submit, take,
 * ask, resolve, close), and small helpers for dates and paginated lists.
 */
import { as, settle } from './api';

export const REQUESTER = 'ivan.sidorov';
export const HR_AGENT = 'maria.ivanova';

/** A valid employment-certificate form (HR team, no approval stage: straight to the queue). */
export const CERTIFICATE = { purpose: 'bank', copies: 2, language: 'ru', delivery: 'email' };

export type FixtureStatus = 'in_progress' | 'waiting_for_requester' | 'resolved' | 'closed';

async function act(userId: string, id: string, body: Record<string, unknown>) {
  const response = await as(userId, 'POST', `/requests/${id}/actions`, body);
  if (response.status !== 200)
    throw new Error(`fixture step ${userId} ${JSON.stringify(body)} on ${id}: ${response.status} ${response.text}`);
  return response.body as { status: string; assigneeId: string | null };
}

/**
 * An employment certificate submitted by `requester`, assigned to `assignee` (taken if the automatic
 * assignment picked someone else) and moved to `status`. Returns its id.
 */
export async function certificateRequest(
  status: FixtureStatus,
  people: { requester?: string; assignee?: string } = {},
): Promise<string> {
  const requester = people.requester ?? REQUESTER;
  const assignee = people.assignee ?? HR_AGENT;
  const created = await as(requester, 'POST', '/requests', {
    serviceId: 'employment-certificate',
    fields: CERTIFICATE,
  });
  if (created.status !== 201) throw new Error(`fixture submit: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  // The automatic assignment runs in the request's workflow, after the submit answered: wait for it.
  await settle();
  const assigned = await as(assignee, 'GET', `/requests/${id}`);
  if (assigned.body.assigneeId !== assignee) await act(assignee, id, { type: 'take' });
  if (status === 'waiting_for_requester') await act(assignee, id, { type: 'request_info', comment: 'Which bank?' });
  if (status === 'resolved' || status === 'closed') await act(assignee, id, { type: 'resolve', comment: 'Done' });
  if (status === 'closed') await act(requester, id, { type: 'close' });
  return id;
}

export interface ListedRequest {
  id: string;
  status: string;
  team: string;
  requesterId: string;
}

/** Every item of a list, following `nextCursor` (bounded, so a cursor loop cannot hang the suite). */
export async function allPages(userId: string, query: string): Promise<{ status: number; items: ListedRequest[] }> {
  const items: ListedRequest[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await as(userId, 'GET', `/requests?${query}&limit=100${suffix}`);
    if (response.status !== 200) return { status: response.status, items };
    items.push(...(response.body.items as ListedRequest[]));
    cursor = response.body.nextCursor as string | null;
    if (!cursor) break;
  }
  return { status: 200, items };
}

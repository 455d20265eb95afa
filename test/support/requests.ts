/** Valid requests the API tests submit, and shortcuts to drive one into a given status. */
import { expect } from 'vitest';
import { as, settle } from './api';

export const CERTIFICATE = {
  serviceId: 'employment-certificate',
  fields: { purpose: 'bank', copies: 2, language: 'ru', delivery: 'email' },
};

/**
 * An HR request by ivan.sidorov (or `requester`), auto-assigned by its workflow; with `takenBy`, that
 * HR agent ends up its assignee.
 */
export async function submitCertificate(options: { requester?: string; takenBy?: string } = {}) {
  const created = await as(options.requester ?? 'ivan.sidorov', 'POST', '/requests', CERTIFICATE);
  expect(created.status, created.text).toBe(201);
  const id: string = created.body.id;
  await settle();
  if (options.takenBy) {
    const current = await as(options.takenBy, 'GET', `/requests/${id}`);
    if (current.body.assigneeId !== options.takenBy) await act(options.takenBy, id, { type: 'take' });
  }
  return id;
}

export async function act(userId: string, id: string, body: Record<string, unknown>, expected = 200) {
  const response = await as(userId, 'POST', `/requests/${id}/actions`, body);
  expect(response.status, response.text).toBe(expected);
  return response;
}

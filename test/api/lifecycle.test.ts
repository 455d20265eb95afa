import { describe, expect, it } from 'vitest';
import { as, settle } from '../support/api';

const certificate = { purpose: 'bank', copies: 2, language: 'ru', delivery: 'email' };
const HR_AGENTS = ['maria.ivanova', 'ekaterina.fedorova', 'tatiana.vasilieva'];

describe('request lifecycle through the API', () => {
  it('should submit, assign, ask, answer, resolve and close with a contiguous history', async () => {
    const submitted = await as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'employment-certificate',
      fields: certificate,
    });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'in_progress', team: 'hr', version: 1 });
    const id: string = submitted.body.id;
    await settle();

    const assigned = await as('ivan.sidorov', 'GET', `/requests/${id}`);
    const agent: string = assigned.body.assigneeId;
    expect(HR_AGENTS).toContain(agent);

    const asked = await as(agent, 'POST', `/requests/${id}/actions`, { type: 'request_info', comment: 'Which bank?' });
    expect(asked.body.status).toBe('waiting_for_requester');
    expect(asked.body.sla.paused).toBe(true);

    const answered = await as('ivan.sidorov', 'POST', `/requests/${id}/actions`, {
      type: 'provide_info',
      comment: 'Sberbank',
      fields: { copies: 3 },
    });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.body).toMatchObject({ status: 'in_progress', fields: { copies: 3 }, sla: { paused: false } });

    const internal = await as(agent, 'POST', `/requests/${id}/comments`, { text: 'Check salary data', internal: true });
    expect(internal.status).toBe(201);
    const resolved = await as(agent, 'POST', `/requests/${id}/actions`, { type: 'resolve', comment: 'Sent by e-mail' });
    expect(resolved.body.status).toBe('resolved');
    const closed = await as('ivan.sidorov', 'POST', `/requests/${id}/actions`, { type: 'close' });
    expect(closed.body.status).toBe('closed');

    const forTeam = await as(agent, 'GET', `/requests/${id}`);
    expect(forTeam.body.history.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(forTeam.body.history.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'assigned',
      'info_requested',
      'info_provided',
      'comment',
      'resolved',
      'closed',
    ]);
    const forRequester = await as('ivan.sidorov', 'GET', `/requests/${id}`);
    expect(forRequester.body.history.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 6, 7]);
  });
});

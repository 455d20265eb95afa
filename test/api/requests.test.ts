import { describe, expect, it } from 'vitest';
import { as, call, settle, tokenFor } from '../support/api';
import { act, CERTIFICATE, submitCertificate } from '../support/requests';
import { dateFromToday } from '../support/moments';

describe('submitting', () => {
  it('should store the validated form and route the request to its team', async () => {
    const response = await as('james.wilson', 'POST', '/requests', CERTIFICATE);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      serviceId: 'employment-certificate',
      serviceTitle: 'Employment certificate',
      requesterId: 'james.wilson',
      status: 'in_progress',
      team: 'hr',
      fields: CERTIFICATE.fields,
      version: 1,
      sla: { paused: false, breached: false },
    });
    expect(Date.parse(response.body.sla.resolutionDueAt)).toBeGreaterThan(Date.parse(response.body.createdAt));
  });

  it('should answer in the language asked for', async () => {
    const token = await tokenFor('james.wilson');
    const response = await call('POST', '/requests', CERTIFICATE, { token, headers: { 'accept-language': 'ru' } });
    expect(response.body.serviceTitle).toBe('Справка с места работы');
  });
});

describe('idempotent submit', () => {
  it('should return the first request for the same key and body, and 409 for another body', async () => {
    const token = await tokenFor('ivan.sidorov');
    const headers = { 'idempotency-key': `key-${Date.now()}-${Math.random()}` };
    const first = await call('POST', '/requests', CERTIFICATE, { token, headers });
    const again = await call(
      'POST',
      '/requests',
      { fields: CERTIFICATE.fields, serviceId: CERTIFICATE.serviceId },
      { token, headers },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await call(
      'POST',
      '/requests',
      { ...CERTIFICATE, fields: { ...CERTIFICATE.fields, copies: 3 } },
      { token, headers },
    );
    expect(other.status).toBe(409);
    const mine = await call('GET', '/requests?limit=100', undefined, { token });
    expect(mine.body.items.filter((r: { id: string }) => r.id === first.body.id)).toHaveLength(1);
  });

  it('should create exactly one request when the same key races', async () => {
    const token = await tokenFor('anna.petrova');
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/requests', CERTIFICATE, { token, headers })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('should keep keys per user: the same key from two people makes two requests', async () => {
    const headers = { 'idempotency-key': `shared-${Date.now()}` };
    const a = await call('POST', '/requests', CERTIFICATE, { token: await tokenFor('daria.mikhailova'), headers });
    const b = await call('POST', '/requests', CERTIFICATE, { token: await tokenFor('daniel.hughes'), headers });
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('list views', () => {
  it('should list my requests newest first, with paging and filters', async () => {
    const user = 'konstantin.titov';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await submitCertificate({ requester: user }));
    await act(user, ids[0] as string, { type: 'cancel' });
    const page1 = await as(user, 'GET', '/requests?view=mine&limit=2');
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await as(user, 'GET', `/requests?view=mine&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    const cancelled = await as(user, 'GET', '/requests?status=cancelled');
    expect(cancelled.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
  });

  it('should fill a filtered page from further down the list instead of answering with empty pages', async () => {
    // Oldest first: cancelled, open, cancelled, open, open. A page of 1 cancelled request must reach past
    // the two newest open ones; the second page ends the list.
    const user = 'svetlana.novikova';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submitCertificate({ requester: user }));
    for (const i of [0, 2]) await act(user, ids[i] as string, { type: 'cancel' });
    const page1 = await as(user, 'GET', '/requests?view=mine&status=cancelled&limit=1');
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await as(user, 'GET', `/requests?view=mine&status=cancelled&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('should filter an approver’s inbox by service', async () => {
    const created = await as('ivan.sidorov', 'POST', '/requests', {
      serviceId: 'purchase',
      fields: {
        item: 'Inbox filter',
        quantity: 1,
        amount: { amount: 9_000 },
        neededBy: dateFromToday(30),
        justification: 'x',
      },
    });
    expect(created.status, created.text).toBe(201);
    await settle();
    const ids = (page: { body: { items: { id: string; serviceId: string }[] } }) => page.body.items.map((r) => r.id);
    const purchases = await as('elena.kuznetsova', 'GET', '/requests?view=approvals&serviceId=purchase&limit=100');
    expect(ids(purchases)).toContain(created.body.id);
    expect(purchases.body.items.every((r: { serviceId: string }) => r.serviceId === 'purchase')).toBe(true);
    const vacations = await as('elena.kuznetsova', 'GET', '/requests?view=approvals&serviceId=vacation&limit=100');
    expect(ids(vacations)).not.toContain(created.body.id);
  });

  it('should show a team its open requests, soonest due first, and nobody else', async () => {
    const id = await submitCertificate({ requester: 'vladimir.kiselev' });
    const queue = await as('ekaterina.fedorova', 'GET', '/requests?view=queue&limit=100');
    const dues: string[] = queue.body.items.map((r: { sla: { resolutionDueAt: string } }) => r.sla.resolutionDueAt);
    expect(queue.body.items.some((r: { id: string }) => r.id === id)).toBe(true);
    expect(queue.body.items.every((r: { team: string; status: string }) => r.team === 'hr')).toBe(true);
    expect([...dues].sort()).toEqual(dues);
    const otherTeam = await as('nikita.lebedev', 'GET', '/requests?view=queue&limit=100');
    expect(otherTeam.body.items.some((r: { id: string }) => r.id === id)).toBe(false);
    const employee = await as('vladimir.kiselev', 'GET', '/requests?view=queue');
    expect(employee.body.items).toEqual([]);
  });

  it('should drop requests from the queue once resolved', async () => {
    const id = await submitCertificate({ requester: 'sarah.mitchell', takenBy: 'maria.ivanova' });
    await act('maria.ivanova', id, { type: 'resolve', comment: 'Done' });
    const queue = await as('maria.ivanova', 'GET', '/requests?view=queue&limit=100');
    expect(queue.body.items.some((r: { id: string }) => r.id === id)).toBe(false);
  });

  it('should show every request to admins only', async () => {
    const id = await submitCertificate({ requester: 'artem.grigoriev' });
    const all = await as('olga.smirnova', 'GET', '/requests?view=all&limit=100');
    expect(all.body.items.some((r: { id: string }) => r.id === id)).toBe(true);
    const denied = await as('maria.ivanova', 'GET', '/requests?view=all');
    expect(denied.status).toBe(403);
  });

  it('should reject a cursor issued for another list', async () => {
    const page = await as('olga.smirnova', 'GET', '/requests?view=all&limit=1');
    const forged = await as('ivan.sidorov', 'GET', `/requests?view=mine&cursor=${page.body.nextCursor}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].path).toBe('query.cursor');
  });
});

describe('comments', () => {
  it('should hide internal comments from the requester only', async () => {
    const id = await submitCertificate({ requester: 'emily.clarke', takenBy: 'maria.ivanova' });
    const internal = await as('maria.ivanova', 'POST', `/requests/${id}/comments`, {
      text: 'Salary needs HR director sign-off',
      internal: true,
    });
    const publicReply = await as('emily.clarke', 'POST', `/requests/${id}/comments`, { text: 'Thanks!' });
    expect(publicReply.status).toBe(201);
    expect(publicReply.body).toMatchObject({ seq: internal.body.seq + 1, type: 'comment', comment: 'Thanks!' });
    const all = Array.from({ length: publicReply.body.seq }, (_, i) => i + 1);
    const requesterView = await as('emily.clarke', 'GET', `/requests/${id}`);
    expect(requesterView.body.history.map((e: { seq: number }) => e.seq)).toEqual(
      all.filter((s) => s !== internal.body.seq),
    );
    expect(JSON.stringify(requesterView.body)).not.toContain('Salary needs');
    const teamView = await as('tatiana.vasilieva', 'GET', `/requests/${id}`);
    expect(teamView.body.history.map((e: { seq: number }) => e.seq)).toEqual(all);
  });

  it('should not let a requester write an internal comment', async () => {
    const id = await submitCertificate({ requester: 'emily.clarke' });
    const response = await as('emily.clarke', 'POST', `/requests/${id}/comments`, { text: 'psst', internal: true });
    expect(response.status).toBe(403);
  });

  it('should count the first public team comment as the response', async () => {
    const id = await submitCertificate({ requester: 'emily.clarke' });
    await as('ekaterina.fedorova', 'POST', `/requests/${id}/comments`, { text: 'We are on it' });
    const detail = await as('emily.clarke', 'GET', `/requests/${id}`);
    expect(detail.body.sla.respondedAt).toEqual(expect.any(String));
  });
});

describe('me and catalog', () => {
  it('should describe the signed-in user', async () => {
    const me = await as('maria.ivanova', 'GET', '/me');
    expect(me.body).toMatchObject({
      id: 'maria.ivanova',
      teams: ['hr'],
      roles: ['employee', 'agent'],
      delegation: null,
    });
  });

  it('should serve the catalog with forms as JSON Schema', async () => {
    const services = await as('ivan.sidorov', 'GET', '/services');
    expect(services.body.items.length).toBeGreaterThanOrEqual(12);
    const cert = await as('ivan.sidorov', 'GET', '/services/employment-certificate');
    expect(cert.body.form).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['purpose']),
    });
    expect((await as('ivan.sidorov', 'GET', '/services/nope')).status).toBe(404);
  });

  it('should publish an OpenAPI document without a token', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/requests', '/requests/{id}', '/requests/{id}/actions']),
    );
  });
});

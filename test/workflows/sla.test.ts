/**
 * SLA clocks in business hours (Moscow: 09:00-18:00, lunch 13:00-14:00, RU holidays) driven by the
 * SLA timer state machine on the local virtual clock: no test sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { FRIDAY_5PM } from '../support/moments';

let portal: IsolatedRuntime;
let waiting: string; // a request that will wait for its requester
let ignored: string; // a request nobody works on

const sickLeave = {
  serviceId: 'sick-leave',
  fields: { reason: 'own-illness', period: { from: '2026-12-04', to: '2026-12-10' } },
};

async function submit(requester: string) {
  const response = await portal.as(requester, 'POST', '/requests', sickLeave);
  expect(response.status, response.text).toBe(201);
  return response.body;
}
const detail = async (id: string) => (await portal.as('olga.smirnova', 'GET', `/requests/${id}`)).body;
const count = (request: { history: { type: string }[] }, type: string) =>
  request.history.filter((e) => e.type === type).length;

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: FRIDAY_5PM });
  const first = await submit('ivan.sidorov');
  const second = await submit('james.wilson');
  await portal.settle();
  waiting = first.id;
  ignored = second.id;
  // 8 business hours (sick-leave's resolution target) from Friday 17:00: 1 h on Friday, then
  // Monday 09:00-13:00 and 14:00-17:00.
  expect(first.sla).toMatchObject({
    resolutionDueAt: '2026-12-07T14:00:00.000Z', // Monday 17:00
    responseDueAt: '2026-12-07T09:00:00.000Z', // 4 business hours: Monday 12:00
  });
}, 90_000);
afterAll(() => portal?.stop());

describe('SLA in business hours', () => {
  it('should not count the weekend: Friday 17:00 + 8 h is due Monday 17:00', async () => {
    expect((await detail(ignored)).sla.resolutionDueAt).toBe('2026-12-07T14:00:00.000Z'); // Monday 17:00
  });

  it('should move the deadline by exactly the business hours spent waiting for the requester', async () => {
    expect(await portal.advance('PT64H')).toBe('2026-12-07T06:00:00.000Z'); // Monday 09:00
    const agent = (await detail(waiting)).assigneeId;
    const asked = await portal.as(agent, 'POST', `/requests/${waiting}/actions`, {
      type: 'request_info',
      comment: 'Certificate number?',
    });
    expect(asked.body.sla).toMatchObject({ paused: true, resolutionDueAt: null });
    await portal.advance('P2D'); // Wednesday 09:00: Monday and Tuesday (16 business hours) paused
    const answered = await portal.as('ivan.sidorov', 'POST', `/requests/${waiting}/actions`, {
      type: 'provide_info',
      comment: '123',
    });
    // Wednesday 17:00: the Monday 17:00 deadline plus the two paused days.
    expect(answered.body.sla).toMatchObject({ paused: false, resolutionDueAt: '2026-12-09T14:00:00.000Z' });
    const history = await detail(waiting);
    expect(count(history, 'sla_breached')).toBe(0);
  });

  it('should warn at 75 % and record each breach once, escalating to the team lead', async () => {
    const request = await detail(ignored);
    expect(request.sla.breached).toBe(true);
    const clocks = (type: string) =>
      request.history
        .filter((e: { type: string }) => e.type === type)
        .map((e: { data: { clock: string } }) => e.data.clock)
        .sort();
    expect(clocks('sla_warning')).toEqual(['resolution', 'response']);
    expect(clocks('sla_breached')).toEqual(['resolution', 'response']);
    const escalations = request.history.filter((e: { type: string }) => e.type === 'escalated');
    expect(escalations.map((e: { data: { escalatedTo: string } }) => e.data.escalatedTo)).toEqual([
      'tatiana.vasilieva',
      'tatiana.vasilieva',
    ]);
    const warning = request.history.find(
      (e: { type: string; data: { clock: string } }) => e.type === 'sla_warning' && e.data.clock === 'resolution',
    );
    expect(warning.at).toBe('2026-12-07T12:00:00.000Z'); // 6 of 8 hours: Monday 15:00
    await portal.advance('P3D');
    const later = await detail(ignored);
    expect(later.history.length).toBe(request.history.length);
  });

  it('should skip the New Year holidays', async () => {
    const now = Date.parse((await portal.call('GET', '/dev/clock')).body.now);
    // A calendar fact: Wednesday 30 December 2026, 17:00 in Moscow, the eve of the RU New Year holidays.
    const target = Date.parse('2026-12-30T14:00:00.000Z');
    await portal.advance(`PT${Math.round((target - now) / 1000)}S`);
    const request = await submit('anna.petrova');
    // 1 h on the 30th; 31 December (decree), 1-8 January (holidays) and the weekend are days off.
    expect(request.sla.resolutionDueAt).toBe('2027-01-11T14:00:00.000Z'); // Monday 11 January, 17:00
  });
});

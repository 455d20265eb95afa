/**
 * Actions and comments on a request through their ports: the agent's resolve, the optimistic
 * `version` check, a closed request refusing comments, and the requester's answer restarting the
 * SLA clock with a new SLA timer.
 */
import { describe, expect, it } from 'vitest';
import type { ActionInput } from '../../functions/domain/requests/actions';
import { addComment, performAction } from '../../functions/usecases/activity';
import { calendarOf } from '../../functions/usecases/catalog';
import { submitRequest } from '../../functions/usecases/requests';
import { CERTIFICATE_FORM, serviceById } from '../support/usecase-forms';
import { principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const certificate = serviceById('employment-certificate');

const IVAN = principalOf('ivan.sidorov');
const MARIA = principalOf('maria.ivanova');
const en = { locale: 'en' as const };
const HOUR = 3_600_000;

const act = (ports: TestPorts, who: string, id: string, input: ActionInput & { version?: number }) =>
  performAction(ports, principalOf(who), id, input, en);

/** An employment certificate (no approval: straight into the HR queue) that Maria has taken. */
async function takenCertificate(ports: TestPorts) {
  const { id } = await submitRequest(ports, IVAN, { serviceId: certificate.id, fields: CERTIFICATE_FORM }, 'en');
  await act(ports, MARIA.id, id, { type: 'take' });
  return id;
}

const historyOf = async (ports: TestPorts, id: string) => (await ports.requests.getRequestWithHistory(id))?.history;

describe('act', () => {
  it('should let the assigned agent resolve the request', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await takenCertificate(ports);
    ports.clock.advance(HOUR);

    const resolved = await act(ports, MARIA.id, id, { type: 'resolve', comment: 'Sent by e-mail' });

    expect(resolved).toMatchObject({ status: 'resolved', assigneeId: MARIA.id });
    const stored = await ports.requests.getRequest(id);
    expect(stored?.resolvedAt).toBe(ports.clock.now().toISOString());
    const last = (await historyOf(ports, id))?.at(-1);
    expect(last).toMatchObject({ type: 'resolved', actorId: MARIA.id, to: 'resolved', comment: 'Sent by e-mail' });
  });

  it('should refuse a change made on a stale version, naming `version`', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await takenCertificate(ports);
    const before = await ports.requests.getRequest(id);
    const stale = (before?.version ?? 0) - 1;

    const refused = act(ports, MARIA.id, id, { type: 'resolve', comment: 'Done', version: stale });

    await expect(refused).rejects.toMatchObject({ code: 'conflict', details: [{ path: 'version' }] });
    expect(await ports.requests.getRequest(id)).toEqual(before);
  });

  it('should refuse a comment on a closed request', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await takenCertificate(ports);
    await act(ports, MARIA.id, id, { type: 'resolve', comment: 'Sent by e-mail' });
    await act(ports, IVAN.id, id, { type: 'close' });
    const before = await historyOf(ports, id);

    const refused = addComment(ports, IVAN, id, { text: 'Thanks!' }, en);

    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    expect(await historyOf(ports, id)).toEqual(before);
  });

  it('should resume the SLA clock and start a new SLA timer when the requester provides the information', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await takenCertificate(ports);
    const running = await ports.requests.getRequest(id);
    await act(ports, MARIA.id, id, { type: 'request_info', comment: 'Which bank?' });
    // While the clock stands still there is no deadline.
    expect((await ports.requests.getRequest(id))?.sla.resolutionDueAt).toBeNull();
    const pausedAt = ports.clock.now().toISOString();
    ports.clock.advance(HOUR);

    const answered = await act(ports, IVAN.id, id, { type: 'provide_info', comment: 'Sberbank' });

    expect(answered.status).toBe('in_progress');
    const stored = await ports.requests.getRequest(id);
    expect(stored?.sla.pauses).toEqual([{ from: pausedAt, to: ports.clock.now().toISOString() }]);
    // An hour stood still: the deadline is later than before the question.
    expect(Date.parse(stored?.sla.resolutionDueAt ?? '')).toBeGreaterThan(
      Date.parse(running?.sla.resolutionDueAt ?? ''),
    );
    // The timer that started at submit is superseded by one named after the answer's event.
    const timer = `${id}-sla-${stored?.lastSeq}`;
    expect(stored?.slaTimer).toBe(timer);
    expect(ports.workflows.started('sla')).toEqual([`${id}-sla-1`, timer]);
    expect(ports.workflows.starts.at(-1)).toEqual({ machine: 'sla', name: timer, input: { requestId: id, timer } });
  });
});

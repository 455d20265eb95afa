/**
 * `mutate`'s optimistic retries through the ports: a change committed by someone else between the
 * read and the commit makes the mutation be decided again on the fresh request, so both changes are
 * in the history with contiguous seqs; out of attempts it gives up with a TransientError.
 */
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../functions/domain/requests/model';
import type { RequestStore } from '../../functions/ports';
import { performAction } from '../../functions/usecases/activity';
import { calendarOf } from '../../functions/usecases/catalog';
import { mutate, TransientError, type Mutation } from '../../functions/usecases/mutate';
import { submitRequest } from '../../functions/usecases/requests';
import { CERTIFICATE_FORM, serviceById } from '../support/usecase-forms';
import { principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const certificate = serviceById('employment-certificate');
const en = { locale: 'en' as const };

async function queuedCertificate(ports: TestPorts) {
  const input = { serviceId: certificate.id, fields: CERTIFICATE_FORM };
  return (await submitRequest(ports, principalOf('ivan.sidorov'), input, 'en')).id;
}

/** A system note: a change that appends one event and leaves the state as it is. */
const note = (ports: TestPorts, text: string) => (): Mutation => ({
  changes: {},
  events: [
    { at: ports.clock.now().toISOString(), actorId: 'system', actorName: 'Test', type: 'comment', comment: text },
  ],
  bumpsVersion: false,
});

/**
 * The store, except that its first read lets `concurrent` commit right after it: whoever read first
 * now holds a stale request, as when two Lambdas change the same request at once.
 */
function racing(ports: TestPorts, concurrent: () => Promise<unknown>): TestPorts {
  let raced = false;
  const requests: RequestStore = {
    ...ports.requests,
    async getRequest(id) {
      const request = await ports.requests.getRequest(id);
      if (!raced) {
        raced = true;
        await concurrent();
      }
      return request;
    },
  };
  return { ...ports, requests };
}

const historyOf = async (ports: TestPorts, id: string) =>
  ((await ports.requests.getRequestWithHistory(id))?.history ?? []).map((e) => [e.seq, e.type, e.comment]);

describe('retries', () => {
  it('should decide again on fresh data when another change committed in between, keeping both', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await queuedCertificate(ports);
    const seen: number[] = [];

    const { events } = await mutate(
      racing(ports, () => mutate(ports, id, note(ports, 'theirs'))),
      id,
      (request: RequestRecord) => {
        seen.push(request.lastSeq);
        return note(ports, 'mine')();
      },
    );

    expect(seen).toEqual([1, 2]);
    expect(events.map((e) => e.seq)).toEqual([3]);
    expect(await historyOf(ports, id)).toEqual([
      [1, 'submitted', undefined],
      [2, 'comment', 'theirs'],
      [3, 'comment', 'mine'],
    ]);
    expect((await ports.requests.getRequest(id))?.lastSeq).toBe(3);
  });

  it('should give up with a TransientError when out of attempts, committing nothing of its own', async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await queuedCertificate(ports);

    const attempt = mutate(
      racing(ports, () => mutate(ports, id, note(ports, 'theirs'))),
      id,
      note(ports, 'mine'),
      {
        attempts: 1,
      },
    );

    await expect(attempt).rejects.toBeInstanceOf(TransientError);
    expect(await historyOf(ports, id)).toEqual([
      [1, 'submitted', undefined],
      [2, 'comment', 'theirs'],
    ]);
  });

  it("should refuse an agent's resolve decided again after the requester cancelled in between", async () => {
    const ports = testPorts(workingMorning(calendarOf(certificate)));
    const id = await queuedCertificate(ports);
    const maria = principalOf('maria.ivanova');
    await performAction(ports, maria, id, { type: 'take' }, en);
    const cancel = () => performAction(ports, principalOf('ivan.sidorov'), id, { type: 'cancel' }, en);

    const resolve = performAction(racing(ports, cancel), maria, id, { type: 'resolve', comment: 'Done' }, en);

    await expect(resolve).rejects.toMatchObject({ code: 'conflict' });
    expect((await ports.requests.getRequest(id))?.status).toBe('cancelled');
    expect((await historyOf(ports, id)).map(([, type]) => type)).toEqual(['submitted', 'assigned', 'cancelled']);
  });
});

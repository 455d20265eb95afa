/**
 * The SLA timer's wake-up through its ports: past 75 % of a business-hours target the warning is
 * recorded once, past 100 % the breach with the team lead's escalation, and a timer that a newer one
 * superseded just ends.
 */
import { describe, expect, it } from 'vitest';
import { WARNING_SHARE } from '../../functions/domain/sla/sla-watch';
import { calendarOf } from '../../functions/usecases/catalog';
import { submitRequest } from '../../functions/usecases/requests';
import { checkSla } from '../../functions/usecases/sla-check';
import { CERTIFICATE_FORM, serviceById } from '../support/usecase-forms';
import { minutesAfter, principalOf, testPorts, workingMorning, type TestPorts } from '../support/usecase-ports';

const certificate = serviceById('employment-certificate');
const calendar = calendarOf(certificate);
const { responseHours } = certificate.sla;
/** The HR team's lead (catalog/teams.ts), to whom breaches escalate. */
const HR_LEAD = 'tatiana.vasilieva';

/** A certificate: no approval, so its SLA clock and its first timer start at submit. */
async function queuedCertificate(ports: TestPorts) {
  const input = { serviceId: certificate.id, fields: CERTIFICATE_FORM };
  const { id } = await submitRequest(ports, principalOf('ivan.sidorov'), input, 'en');
  const timer = `${id}-sla-1`;
  expect(ports.workflows.started('sla')).toEqual([timer]);
  return { id, timer, start: ports.clock.now() };
}

const slaHistory = async (ports: TestPorts, id: string) =>
  ((await ports.requests.getRequestWithHistory(id))?.history ?? []).filter((e) =>
    ['sla_warning', 'sla_breached', 'escalated'].includes(e.type),
  );

describe('SLA check', () => {
  it('should record nothing before 75 % of the response target and say when to wake', async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, timer, start } = await queuedCertificate(ports);
    const warningAt = calendar.addBusinessHours(start, responseHours * WARNING_SHARE);
    ports.clock.set(minutesAfter(warningAt, -1));

    const wake = await checkSla(ports, { requestId: id, timer });

    expect(wake).toEqual({ done: false, wakeAt: warningAt.toISOString() });
    expect(await slaHistory(ports, id)).toEqual([]);
  });

  it('should record the response warning once past 75 % of its business hours', async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, timer, start } = await queuedCertificate(ports);
    const warningAt = calendar.addBusinessHours(start, responseHours * WARNING_SHARE);
    ports.clock.set(minutesAfter(warningAt, 1));

    const wake = await checkSla(ports, { requestId: id, timer });
    ports.clock.advance(60_000);
    await checkSla(ports, { requestId: id, timer });

    expect(wake).toEqual({ done: false, wakeAt: calendar.addBusinessHours(start, responseHours).toISOString() });
    expect(await slaHistory(ports, id)).toEqual([
      expect.objectContaining({ type: 'sla_warning', data: expect.objectContaining({ clock: 'response' }) }),
    ]);
    const stored = await ports.requests.getRequest(id);
    expect(stored?.slaEvents).toEqual(['response_warning']);
    expect(stored?.sla.breached).toBe(false);
  });

  it('should record the breach and escalate to the team lead past 100 %', async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, timer, start } = await queuedCertificate(ports);
    ports.clock.set(minutesAfter(calendar.addBusinessHours(start, responseHours), 1));

    await checkSla(ports, { requestId: id, timer });
    await checkSla(ports, { requestId: id, timer });

    // Both thresholds had passed unannounced: the warning comes first, each is said once.
    expect((await slaHistory(ports, id)).map((e) => [e.type, e.data?.clock])).toEqual([
      ['sla_warning', 'response'],
      ['sla_breached', 'response'],
      ['escalated', 'response'],
    ]);
    expect((await slaHistory(ports, id)).at(-1)?.data).toMatchObject({ escalatedTo: HR_LEAD });
    expect((await ports.requests.getRequest(id))?.sla.breached).toBe(true);
  });

  it('should end a timer that a newer one superseded, recording nothing', async () => {
    const ports = testPorts(workingMorning(calendar));
    const { id, start } = await queuedCertificate(ports);
    ports.clock.set(minutesAfter(calendar.addBusinessHours(start, responseHours), 1));

    const wake = await checkSla(ports, { requestId: id, timer: `${id}-sla-0` });

    expect(wake).toEqual({ done: true, wakeAt: null });
    expect(await slaHistory(ports, id)).toEqual([]);
  });
});

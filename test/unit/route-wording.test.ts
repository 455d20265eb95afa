/**
 * How the portal words deadlines and route conditions, and the completion date it promises before
 * the SLA clock starts (issue 15: "5 рабочих дней", a per-stage "by when", the date kept after submit).
 */
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { loadCatalog } from '../../functions/domain/catalog/catalog';
import type { Calendar, Service } from '../../functions/domain/catalog/schema';
import { describeCondition } from '../../functions/domain/forms/describe-condition';
import type { ApprovalStageState, RequestStatus } from '../../functions/domain/requests/model';
import { BusinessCalendar } from '../../functions/domain/sla/business-calendar';
import { expectedCompletion, schedule } from '../../functions/domain/sla/expected-completion';
import { workdayHours, workingTime } from '../../functions/domain/sla/working-time';
import { TUESDAY_10AM as TUESDAY } from '../support/moments';

const catalog = loadCatalog(demoCatalog);
const moscowCalendar = catalog.calendar('ru-msk') as Calendar;
const moscow = new BusinessCalendar(moscowCalendar);
const service = (id: string) => catalog.service(id) as Service;
/** Intl separates thousands and the currency sign with (narrow) no-break spaces: compare them as spaces. */
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('deadlines in working days or hours', () => {
  it('should count the working day of a calendar without its breaks', () => {
    expect(workdayHours(moscowCalendar)).toBe(8); // 9:00–18:00, lunch 13:00–14:00
    expect(workdayHours(catalog.calendar('en-london') as Calendar)).toBe(9);
  });

  it('should say one working day or more in working days, with Russian plural forms', () => {
    const ru = (hours: number) => workingTime(hours, 8, 'ru');
    expect(ru(8)).toBe('1 рабочий день');
    expect(ru(16)).toBe('2 рабочих дня');
    expect(ru(24)).toBe('3 рабочих дня');
    expect(ru(40)).toBe('5 рабочих дней');
    expect(ru(88)).toBe('11 рабочих дней');
    expect(ru(168)).toBe('21 рабочий день');
    expect(ru(12)).toBe('1,5 рабочего дня');
  });

  it('should say less than a working day in working hours, with Russian plural forms', () => {
    const ru = (hours: number) => workingTime(hours, 8, 'ru');
    expect(ru(1)).toBe('1 рабочий час');
    expect(ru(2)).toBe('2 рабочих часа');
    expect(ru(4)).toBe('4 рабочих часа');
    expect(ru(5)).toBe('5 рабочих часов');
  });

  it('should say the same in English', () => {
    const en = (hours: number) => workingTime(hours, 8, 'en');
    expect(en(8)).toBe('1 working day');
    expect(en(40)).toBe('5 working days');
    expect(en(12)).toBe('1.5 working days');
    expect(en(1)).toBe('1 working hour');
    expect(en(4)).toBe('4 working hours');
    expect(workingTime(9, 9, 'en'), 'a London day has 9 working hours').toBe('1 working day');
  });
});

describe('a route stage on a field not filled in yet', () => {
  it('should say the amount the stage waits for, with its currency', () => {
    const finance = service('purchase').approvals.find((s) => s.id === 'finance');
    expect(finance?.when).toBeDefined();
    const when = finance?.when ?? { field: 'amount' };
    expect(spaced(describeCondition(when, service('purchase').fields, 'ru'))).toBe(
      'если «Ориентировочная общая стоимость» больше 100 000 ₽',
    );
    expect(spaced(describeCondition(when, service('purchase').fields, 'en'))).toBe(
      'if “Estimated total cost” is over ₽100,000',
    );
  });

  it('should name options by their labels, several joined with "or"', () => {
    const fields = service('workplace').fields;
    expect(describeCondition({ field: 'requestType', in: ['move', 'new-desk'] }, fields, 'ru')).toBe(
      'если «Тип заявки» — «Переезд на другое место» или «Рабочее место для нового сотрудника»',
    );
    expect(describeCondition({ field: 'system', eq: 'finance-erp' }, service('access-request').fields, 'en')).toBe(
      'if “System” is “Finance ERP (1C)”',
    );
  });
});

/** Tuesday 1 December 2026, 10:00 in Moscow. */
// A pure rule's argument: a Tuesday 10:00 in Moscow, so the Thursday/Monday deadlines below are calendar facts.
const TUESDAY_10AM = new Date(TUESDAY);

const stage = (id: string, status: ApprovalStageState['status'], dueHours: number, dueAt?: string) =>
  ({
    stage: id,
    title: { en: id, ru: id },
    mode: 'any',
    status,
    approvers: [],
    dueHours,
    ...(dueAt ? { dueAt } : {}),
  }) satisfies ApprovalStageState;

describe('the promised completion date', () => {
  it('should chain the stages by their business-hours deadlines, then the resolution target', () => {
    const plan = schedule(moscow, TUESDAY_10AM, [16, 16], 40);
    expect(plan.stages.map((d) => d.toISOString())).toEqual([
      '2026-12-03T07:00:00.000Z', // the manager by Thursday 10:00
      '2026-12-07T07:00:00.000Z', // the CFO by Monday 10:00
    ]);
    expect(plan.done.toISOString()).toBe('2026-12-14T07:00:00.000Z'); // five working days later
  });

  const awaiting = (status: RequestStatus, approvals: ApprovalStageState[]) => ({ status, approvals });

  it('should promise on the request what the preview promised: current deadline, later stages, resolution', () => {
    const request = awaiting('pending_approval', [
      stage('manager', 'pending', 16, '2026-12-03T07:00:00.000Z'),
      stage('finance', 'pending', 16),
    ]);
    expect(expectedCompletion(request, 40, moscow, TUESDAY_10AM)).toBe('2026-12-14T07:00:00.000Z');
    // The manager approved: the CFO's stage is current, due Monday 10:00.
    const next = awaiting('pending_approval', [
      stage('manager', 'approved', 16),
      stage('finance', 'pending', 16, '2026-12-07T07:00:00.000Z'),
    ]);
    expect(expectedCompletion(next, 40, moscow, new Date('2026-12-02T07:00:00.000Z'))).toBe('2026-12-14T07:00:00.000Z');
  });

  it('should count from now once the current stage is overdue, and skip stages that do not apply', () => {
    const request = awaiting('pending_approval', [
      stage('manager', 'pending', 16, '2026-12-03T07:00:00.000Z'),
      stage('finance', 'skipped', 16),
    ]);
    // Monday 7 December 10:00, the manager still silent: the decision may come any moment.
    expect(expectedCompletion(request, 40, moscow, new Date('2026-12-07T07:00:00.000Z'))).toBe(
      '2026-12-14T07:00:00.000Z',
    );
  });

  it('should promise nothing once the SLA clock runs or the request waits for its requester', () => {
    const approved = [stage('manager', 'approved', 16)];
    expect(expectedCompletion(awaiting('in_progress', approved), 40, moscow, TUESDAY_10AM)).toBeNull();
    const returned = [stage('manager', 'returned', 16), stage('finance', 'pending', 16)];
    expect(expectedCompletion(awaiting('waiting_for_requester', returned), 40, moscow, TUESDAY_10AM)).toBeNull();
  });
});

/**
 * How the demo company behaves, with two bottlenecks planted on purpose so the analytics have
 * something true to find: the CFO (natalia.orlova) takes days over her approvals, and the legal team
 * is understaffed (long queue waits before a first response, many SLA breaches).
 * Durations are business hours, log-normal around the medians below.
 */
export const SLOW_APPROVER = 'natalia.orlova';
export const UNDERSTAFFED_TEAM = 'legal';

/** Relative demand per service. */
export const SERVICE_WEIGHTS: Record<string, number> = {
  vacation: 10,
  'sick-leave': 4,
  'employment-certificate': 6,
  'business-trip': 5,
  'expense-refund': 7,
  'payment-request': 7,
  'contract-review': 7,
  nda: 6,
  'access-request': 9,
  equipment: 6,
  software: 5,
  purchase: 7,
  'office-pass': 5,
  workplace: 3,
  courier: 3,
};

export const DELAYS = {
  approval: { median: 2.5, spread: 0.8 },
  slowApproval: { median: 26, spread: 0.5 },
  queue: { median: 1.2, spread: 0.8 },
  understaffedQueue: { median: 18, spread: 0.5 },
  /** Work after the first response, as a share of the service's resolution target. */
  workShare: { median: 0.35, spread: 0.6 },
  understaffedWorkShare: { median: 0.8, spread: 0.5 },
  requesterAnswer: { median: 4, spread: 0.9 },
  closeAfter: { median: 10, spread: 0.6 },
} as const;

export const ODDS = {
  reject: 0.04,
  return: 0.04,
  requestInfo: 0.18,
  cancel: 0.03,
  reopen: 0.03,
  close: 0.6,
} as const;

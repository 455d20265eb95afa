/**
 * The moments the tests that need a known calendar situation run at. The local runtime starts a fresh
 * clock at any instant, past or future (`clockStart`), so these are calendar facts, not "now": the
 * suite gives the same answers on whatever day it runs. Tests that run at the real now (the shared
 * runtime) must hold on any day; CI checks that with the machine's clock moved (README, Testing).
 */

/** Tuesday 1 December 2026, 10:00 in Moscow (UTC+3): a full working week ahead, no holiday before 31 December. */
export const TUESDAY_10AM = '2026-12-01T07:00:00.000Z';

/** Friday 4 December 2026, 17:00 in Moscow: one business hour before the weekend. */
export const FRIDAY_5PM = '2026-12-04T14:00:00.000Z';

/** A calendar date `days` from the real today (UTC), as forms expect it: YYYY-MM-DD (for runtimes at the real now). */
export const dateFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The one source of "now" for the domain: real time in the cloud; the local runtime replaces the
 * source with its virtual clock so tests can cross a weekend without sleeping.
 */
let source: () => Date = () => new Date();

export const clock = {
  now: (): Date => source(),
  nowIso: (): string => source().toISOString(),
  /** Today in UTC, `YYYY-MM-DD` (absences and delegations are whole UTC days). */
  todayUtc: (): string => source().toISOString().slice(0, 10),
  /** Local runtime only. */
  useSource(next: () => Date) {
    source = next;
  },
};

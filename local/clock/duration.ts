/**
 * ISO 8601 durations for `POST /dev/clock`: weeks, days, hours, minutes, seconds. Years and months
 * have no fixed length, so they are refused rather than guessed.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];
/** Ten years: beyond that a typo is likelier than a test. */
export const MAX_ADVANCE_MS = 3650 * 86_400_000;

export class DurationError extends Error {
  override name = 'DurationError';
}

/** Milliseconds in an ISO 8601 duration like "PT8H", "P3D", "P1DT30M", "PT0.5S". */
export function parseIsoDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    const hint = /^P.*[YM]/.test(text) ? ' (years and months are not supported: use days)' : '';
    throw new DurationError(`"${text}" is not an ISO 8601 duration such as PT8H or P3D${hint}`);
  }
  const ms = UNIT_MS.reduce((sum, unit, i) => sum + Number(match[i + 1] ?? 0) * unit, 0);
  if (ms > MAX_ADVANCE_MS) throw new DurationError(`"${text}" is longer than ten years`);
  return Math.round(ms);
}

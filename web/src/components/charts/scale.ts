/** Scales, ticks and text fitting for the hand-written SVG charts (no chart library). */

/** 1, 2, 2.5 or 5 times a power of ten (whole numbers only: 1, 2 or 5 below ten): the step nearest above `raw`. */
function niceStep(raw: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiples = whole && power <= 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = (multiples.find((m) => m * power >= raw) ?? 10) * power;
  return whole ? Math.max(1, step) : step;
}

/**
 * Round ticks from 0 covering `max` in about `count` steps; the last tick is the axis's end.
 * `whole`: every tick a whole number (counts have no 0.5).
 */
export function niceTicks(max: number, count = 4, whole = false): number[] {
  if (!(max > 0)) return [0, 1];
  const step = niceStep(max / count, whole);
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step * 0.999; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return ticks;
}

/** What an axis measures: whole numbers, business hours, or per cent of a row (stacked shares). */
export type Measure = { kind: 'count' } | { kind: 'time'; hoursPerDay: number } | { kind: 'share' };

/** The unit an axis and the values on it are written in. */
export type Unit = 'count' | 'percent' | 'minute' | 'hour' | 'day';

export interface Axis {
  unit: Unit;
  /** Data units (a count, business hours, per cent) in one axis unit: 1/60 for minutes, 8 for working days. */
  per: number;
  /**
   * Decimals of the axis unit values are written with: the ticks' own for counts and minutes, at
   * least one for hours and days (so 3 hours read "0.4 working days", not "0", on a 0–3 days axis).
   */
  decimals: number;
  /** Tick positions, in data units; the last one is the axis's end. */
  ticks: number[];
  domain: number;
}

/**
 * The unit business hours read best in at this size: minutes below an hour, hours below two
 * working days, else working days.
 */
export function timeUnit(maxHours: number, hoursPerDay: number): { unit: Unit; per: number } {
  if (maxHours < 1) return { unit: 'minute', per: 1 / 60 };
  if (maxHours < 2 * hoursPerDay) return { unit: 'hour', per: 1 };
  return { unit: 'day', per: hoursPerDay };
}

/** Decimals a step needs to be written exactly (0.5: 1, 2.5: 1, 0.25: 2). */
function decimalsOf(step: number): number {
  let decimals = 0;
  while (decimals < 3 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9) decimals++;
  return decimals;
}

/** An axis for values up to `max` (data units) in about `steps` steps. */
export function axisFor(measure: Measure, max: number, steps: number): Axis {
  if (measure.kind === 'share') {
    const ticks = steps >= 4 ? [0, 25, 50, 75, 100] : [0, 50, 100];
    return { unit: 'percent', per: 1, decimals: 0, ticks, domain: 100 };
  }
  // Minutes are whole too: seconds of waiting are noise on a chart of business time.
  const { unit, per } =
    measure.kind === 'count' ? { unit: 'count' as const, per: 1 } : timeUnit(max, measure.hoursPerDay);
  const whole = unit === 'count' || unit === 'minute';
  const inUnit = niceTicks(max / per, steps, whole);
  const step = (inUnit[1] ?? 1) - (inUnit[0] ?? 0);
  const ticks = inUnit.map((tick) => tick * per);
  return {
    unit,
    per,
    decimals: whole ? decimalsOf(step) : Math.max(1, decimalsOf(step)),
    ticks,
    domain: ticks[ticks.length - 1] ?? per,
  };
}

/** A value as written on this axis: in its unit, rounded to its decimals (a tick reads as itself). */
export function shown(axis: Axis, value: number): number {
  const factor = 10 ** axis.decimals;
  return Math.round((value / axis.per) * factor) / factor;
}

/** Where a value's bar ends, in data units: at the value its label says (nothing for one that reads 0). */
export const drawn = (axis: Axis, value: number) => shown(axis, value) * axis.per;

/** Average glyph width of the portal's system font, as a share of the font size (Latin and Cyrillic, generous). */
const GLYPH = 0.62;

/** The width a text of this length takes at this font size, roughly (SVG text cannot be measured before layout). */
export const textWidth = (text: string, fontSize: number) => Math.ceil(text.length * fontSize * GLYPH);

/** Words, and the parts of hyphenated ones (the hyphen stays at the end of its part). */
const pieces = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=-)/));

/** Splits a label into at most `maxLines` lines of about `width` pixels; an ellipsis ends what does not fit. */
export function wrapText(text: string, width: number, fontSize: number, maxLines = 2): string[] {
  const perLine = Math.max(4, Math.floor(width / (fontSize * GLYPH)));
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text)) {
    const next = !line || line.endsWith('-') ? line + piece : `${line} ${piece}`;
    if (next.length <= perLine || !line) line = next;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  const cut = (l: string) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l);
  const kept = lines.slice(0, maxLines).map(cut);
  if (lines.length > maxLines) kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').slice(0, perLine - 1)}…`;
  return kept;
}

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

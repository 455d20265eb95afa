/** Scales, ticks and text fitting for the hand-written SVG charts (no chart library). */

/** 1, 2, 2.5 or 5 times a power of ten: the step nearest above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/** Round ticks from 0 covering `max` in about `count` steps; the last tick is the axis's end. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const step = niceStep(max / count);
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step * 0.999; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return ticks;
}

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

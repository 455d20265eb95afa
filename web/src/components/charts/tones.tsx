/**
 * The charts' colours, from the portal's palette (styles/charts.css, `.chart-tone--*`). Every tone holds
 * 3:1 against white; "bad" tones are also striped, so colour is never the only difference.
 */
import type { Tone } from './layout';

export type { Tone };

const STRIPED: readonly Tone[] = ['danger'];

const patternId = (chartId: string, tone: Tone) => `${chartId}-stripes-${tone}`;

/** Inline fill for a striped tone (the pattern of this chart), else undefined: the class colours it. */
export const stripedFill = (chartId: string, tone: Tone) =>
  STRIPED.includes(tone) ? `url(#${patternId(chartId, tone)})` : undefined;

/** Pattern definitions for one chart's striped tones. */
export function Patterns({ chartId }: { chartId: string }) {
  return (
    <defs>
      {STRIPED.map((tone) => (
        <pattern
          key={tone}
          id={patternId(chartId, tone)}
          width="7"
          height="7"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="7" height="7" class={`chart-tone--${tone}`} />
          <rect width="2.5" height="7" class="chart-stripe" />
        </pattern>
      ))}
    </defs>
  );
}

export interface LegendItem {
  key: string;
  label: string;
  tone: Tone;
}

/** The series of a chart, as text with a swatch. */
export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul class="chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span class={`chart-swatch chart-swatch--${item.tone}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

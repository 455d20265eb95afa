/**
 * A donut in inline SVG: parts of a whole around a ring, the headline number in the middle. One
 * image for assistive technology (`label`); the parts' values are in the legend and the data table.
 */
import { Patterns, stripedFill, type Tone } from './tones';

export interface DonutPart {
  key: string;
  label: string;
  value: number;
  tone: Tone;
}

export interface DonutProps {
  id: string;
  label: string;
  parts: DonutPart[];
  /** The big text in the middle, and the small one under it. */
  center: string;
  caption: string;
  size?: number;
}

const RING = 22;

export function Donut({ id, label, parts, center, caption, size = 176 }: DonutProps) {
  const radius = (size - RING) / 2;
  const circumference = 2 * Math.PI * radius;
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let offset = 0;
  return (
    <svg class="chart donut" width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <Patterns chartId={id} />
      <circle class="donut-track" cx={size / 2} cy={size / 2} r={radius} stroke-width={RING} fill="none" />
      {parts.map((part) => {
        const length = total > 0 ? (part.value / total) * circumference : 0;
        const arc = (
          <circle
            key={part.key}
            data-series={part.key}
            data-value={part.value}
            class={`donut-part chart-stroke--${part.tone}`}
            style={{ stroke: stripedFill(id, part.tone) }}
            cx={size / 2}
            cy={size / 2}
            r={radius}
            fill="none"
            stroke-width={RING}
            stroke-dasharray={`${length} ${circumference - length}`}
            stroke-dashoffset={-offset}
            transform={`rotate(-90 ${size / 2} ${size / 2})`}
          >
            <title>{`${part.label}: ${part.value}`}</title>
          </circle>
        );
        offset += length;
        return arc;
      })}
      <text class="donut-center" x={size / 2} y={size / 2 - 6} text-anchor="middle" dominant-baseline="central">
        {center}
      </text>
      <text class="donut-caption" x={size / 2} y={size / 2 + 18} text-anchor="middle" dominant-baseline="central">
        {caption}
      </text>
    </svg>
  );
}

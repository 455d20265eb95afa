/**
 * Horizontal bar chart in inline SVG: a row per item (its label on the left), one or more panels
 * of bars (grouped: a bar per series; stacked: one bar of segments), the value printed after each
 * bar (or the total after a stacked one, and a segment's value inside it when it fits), a light grid
 * with round ticks. A bar ends where its label says (layout.ts, scale.ts: the same unit and rounding
 * as the axis). The SVG is one image for assistive technology: `label` says what it shows.
 */
import {
  barsTop,
  layoutBars,
  scaleX,
  SIZE,
  tickText,
  totalText,
  valueText,
  type BarRow,
  type Layout,
  type PanelBox,
} from './layout';
import { drawn, textWidth } from './scale';
import { Patterns, stripedFill } from './tones';
import { useWidth } from './useWidth';

export type { BarRow, Panel, Series } from './layout';

export interface BarChartProps {
  id: string;
  /** The summary assistive technology reads for the whole chart. */
  label: string;
  panels: BarChartPanels;
  rows: BarRow[];
}

type BarChartPanels = Parameters<typeof layoutBars>[1];

export function BarChart({ id, label, panels, rows }: BarChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(520);
  const layout = layoutBars(width, panels, rows);
  return (
    <div ref={ref} class="chart-frame">
      <svg
        class="chart"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={label}
      >
        <Patterns chartId={id} />
        {layout.panels.map((box) => (
          <Axis key={box.panel.key} box={box} layout={layout} />
        ))}
        {layout.rows.map((row) => (
          <g key={row.row.key} class="chart-row" data-key={row.row.key}>
            <RowLabel text={row.row.label} lines={row.lines} x={layout.labelWidth} center={row.center} />
            {layout.panels.map((box) =>
              box.panel.stacked ? (
                <StackedBar key={box.panel.key} chartId={id} box={box} row={row.row} center={row.center} />
              ) : (
                <GroupedBars key={box.panel.key} box={box} row={row.row} center={row.center} />
              ),
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

function Axis({ box, layout }: { box: PanelBox; layout: Layout }) {
  return (
    <g class="chart-axis" data-panel={box.panel.key} data-unit={box.axis.unit} aria-hidden="true">
      {box.titleLines.map((line, i) => (
        <text key={i} class="chart-panel-title" x={box.x} y={(i + 1) * SIZE.titleLine}>
          {line}
        </text>
      ))}
      {box.axis.ticks.map((value, i) => {
        const x = box.x + scaleX(box, value);
        return (
          <g key={value}>
            <line
              class={i === 0 ? 'chart-baseline' : 'chart-gridline'}
              x1={x}
              x2={x}
              y1={layout.plotTop}
              y2={layout.plotBottom}
            />
            <text class="chart-tick" x={x} y={layout.plotBottom + 16} text-anchor={i === 0 ? 'start' : 'middle'}>
              {tickText(box.panel, box.axis, value)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function RowLabel({ text, lines, x, center }: { text: string; lines: string[]; x: number; center: number }) {
  const first = center - ((lines.length - 1) * SIZE.line) / 2;
  return (
    <text class="chart-label" x={x} y={first} text-anchor="end" dominant-baseline="central">
      <title>{text}</title>
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={first + i * SIZE.line}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function GroupedBars({ box, row, center }: { box: PanelBox; row: BarRow; center: number }) {
  const values = row.values[box.index] ?? [];
  const top = barsTop(box, center);
  return (
    <g data-panel={box.panel.key}>
      {box.panel.series.map((series, i) => {
        const value = values[i] ?? null;
        const width = value === null ? 0 : scaleX(box, drawn(box.axis, value));
        const y = top + i * (SIZE.bar + SIZE.barGap);
        const text = value === null ? '—' : valueText(box.panel, box.axis, value);
        return (
          <g key={series.key} data-series={series.key} data-value={value ?? ''}>
            <title>{`${row.label} · ${series.label}: ${text}`}</title>
            {width > 0 && (
              <rect class={`chart-tone--${series.tone}`} x={box.x} y={y} width={width} height={SIZE.bar} rx="2" />
            )}
            <text class="chart-value" x={box.x + width + 5} y={y + SIZE.bar / 2} dominant-baseline="central">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}

interface Segment {
  key: string;
  label: string;
  tone: PanelBox['panel']['series'][number]['tone'];
  value: number;
  x: number;
  width: number;
}

function segmentsOf(box: PanelBox, values: (number | null)[]): Segment[] {
  const total = values.reduce<number>((s, v) => s + (v ?? 0), 0);
  const share = box.axis.unit === 'percent';
  const scale = share ? (total > 0 ? 100 / total : 0) : 1;
  let x = box.x;
  return box.panel.series.map((series, i) => {
    const value = values[i] ?? 0;
    const width = scaleX(box, share ? value * scale : drawn(box.axis, value));
    const segment = { key: series.key, label: series.label, tone: series.tone, value, x, width };
    x += width;
    return segment;
  });
}

function StackedBar({ chartId, box, row, center }: { chartId: string; box: PanelBox; row: BarRow; center: number }) {
  const values = row.values[box.index] ?? [];
  const segments = segmentsOf(box, values);
  const end = segments.reduce((x, s) => Math.max(x, s.x + s.width), box.x);
  const y = barsTop(box, center);
  return (
    <g data-panel={box.panel.key}>
      {segments.map((s) => {
        const text = valueText(box.panel, box.axis, s.value);
        const inside = s.width >= textWidth(text, SIZE.valueFont) + 10;
        return (
          <g key={s.key} data-series={s.key} data-value={s.value}>
            <title>{`${row.label} · ${s.label}: ${text}`}</title>
            {s.width > 0 && (
              <rect
                class={`chart-tone--${s.tone}`}
                style={{ fill: stripedFill(chartId, s.tone) }}
                x={s.x}
                y={y}
                width={s.width}
                height={SIZE.stacked}
              />
            )}
            {s.value > 0 && inside && (
              <text
                class={`chart-inside chart-inside--${s.tone}`}
                x={s.x + s.width / 2}
                y={center}
                text-anchor="middle"
                dominant-baseline="central"
              >
                {text}
              </text>
            )}
          </g>
        );
      })}
      <text class="chart-total" data-total="" x={end + 6} y={center} dominant-baseline="central">
        {totalText(box.panel, box.axis, values)}
      </text>
    </g>
  );
}

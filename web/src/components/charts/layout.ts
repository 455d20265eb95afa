/**
 * Where everything of a horizontal bar chart goes, in pixels, for the width it is drawn at: the row
 * labels on the left (wrapped to two lines), then one or more panels side by side (each its own
 * axis), each with room on its right for the values printed after the bars.
 */
import { axisFor, clamp, shown, textWidth, wrapText, type Axis, type Measure, type Unit } from './scale';

/** A series' colour (tones.tsx; plain TypeScript here, so the layout is testable without JSX). */
export type Tone = 'primary' | 'secondary' | 'success' | 'danger' | 'warning';

export interface Series {
  key: string;
  label: string;
  tone: Tone;
}

export interface Panel {
  key: string;
  /** Printed above the panel (when a chart has several). */
  title?: string;
  series: Series[];
  /** One bar of the series end to end (else a bar per series). */
  stacked?: boolean;
  /**
   * What the axis measures (counts by default). `share`: stacked bars as shares of their row's
   * total, every bar full width, the axis in per cent and the segments' counts inside.
   */
  measure?: Measure;
  /** A value already in `unit` and rounded as the axis is: "3", "12 min", "1.5 working days", "75%". */
  format: (value: number, unit: Unit) => string;
  /** The text after a stacked bar; the formatted total by default. */
  total?: (values: (number | null)[]) => string;
  /** Share of the plot width against the other panels (default 1). */
  weight?: number;
}

export interface BarRow {
  key: string;
  label: string;
  /** Per panel, per series; null: nothing measured. */
  values: (number | null)[][];
}

export const SIZE = {
  labelFont: 13,
  valueFont: 12,
  line: 16,
  bar: 13,
  barGap: 3,
  stacked: 20,
  rowPad: 14,
  axis: 24,
  titleLine: 15,
  /** Panel titles are set at 12 px, semibold (.chart-panel-title): measured at that size, so a long one wraps. */
  titleFont: 12,
  gap: 12,
  panelGap: 24,
} as const;

export interface PanelBox {
  panel: Panel;
  index: number;
  x: number;
  width: number;
  axis: Axis;
  titleLines: string[];
}

export interface RowBox {
  row: BarRow;
  lines: string[];
  top: number;
  height: number;
  center: number;
}

export interface Layout {
  width: number;
  height: number;
  labelWidth: number;
  plotTop: number;
  plotBottom: number;
  panels: PanelBox[];
  rows: RowBox[];
}

const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const COUNTS: Measure = { kind: 'count' };
const measureOf = (panel: Panel) => panel.measure ?? COUNTS;

/** A value's text on this axis: in its unit and rounding (a share's segments are counts). */
export const valueText = (panel: Panel, axis: Axis, value: number) =>
  axis.unit === 'percent' ? panel.format(value, 'count') : panel.format(shown(axis, value), axis.unit);

/** A tick's text: plain numbers, the unit once at the axis's end ("0 10 20 30 min"); per cent on each. */
export function tickText(panel: Panel, axis: Axis, tick: number): string {
  const last = tick === axis.domain;
  return panel.format(shown(axis, tick), last || axis.unit === 'percent' ? axis.unit : 'count');
}

/** The text after a bar: the value (grouped) or the total (stacked). */
export const totalText = (panel: Panel, axis: Axis, values: (number | null)[]) =>
  panel.total ? panel.total(values) : valueText(panel, axis, sum(values));

const barsHeight = (panel: Panel) =>
  panel.stacked ? SIZE.stacked : panel.series.length * SIZE.bar + (panel.series.length - 1) * SIZE.barGap;

function afterTexts(panel: Panel, index: number, rows: BarRow[], axis: Axis): string[] {
  return rows.flatMap((row) => {
    const values = row.values[index] ?? [];
    return panel.stacked
      ? [totalText(panel, axis, values)]
      : values.map((v) => (v === null ? '—' : valueText(panel, axis, v)));
  });
}

const maxOf = (panel: Panel, index: number, rows: BarRow[]) =>
  Math.max(
    0,
    ...rows
      .map((row) => row.values[index] ?? [])
      .map((v) => (panel.stacked ? sum(v) : Math.max(0, ...v.map((x) => x ?? 0)))),
  );

/** The axis of a panel: at most 4 steps, each wide enough for its tick's text. */
export function axisOf(panel: Panel, index: number, rows: BarRow[], width: number): Axis {
  const max = maxOf(panel, index, rows);
  for (let steps = 4; steps > 1; steps--) {
    const axis = axisFor(measureOf(panel), max, steps);
    const spacing = width / Math.max(1, axis.ticks.length - 1);
    const widest = Math.max(...axis.ticks.map((tick) => textWidth(tickText(panel, axis, tick), SIZE.valueFont)));
    if (spacing >= Math.max(28, widest + 6)) return axis;
  }
  return axisFor(measureOf(panel), max, 1);
}

function panelBoxes(width: number, labelWidth: number, panels: Panel[], rows: BarRow[]): PanelBox[] {
  const room = panels.map((panel, i) => {
    const texts = afterTexts(panel, i, rows, axisFor(measureOf(panel), maxOf(panel, i, rows), 4));
    return Math.max(28, ...texts.map((t) => textWidth(t, SIZE.valueFont))) + 8;
  });
  const free =
    width - labelWidth - SIZE.gap - room.reduce((s, r) => s + r, 0) - SIZE.panelGap * (panels.length - 1) - 4;
  const weights = panels.reduce((s, p) => s + (p.weight ?? 1), 0);
  let x = labelWidth + SIZE.gap;
  return panels.map((panel, index) => {
    const boxWidth = Math.max(40, (free * (panel.weight ?? 1)) / weights);
    // A panel's title may run over the room for its values, not further.
    const titleLines = panel.title ? wrapText(panel.title, boxWidth + (room[index] ?? 0), SIZE.titleFont) : [];
    const box = { panel, index, x, width: boxWidth, titleLines, axis: axisOf(panel, index, rows, boxWidth) };
    x += box.width + (room[index] ?? 0) + SIZE.panelGap;
    return box;
  });
}

export function layoutBars(width: number, panels: Panel[], rows: BarRow[]): Layout {
  const longest = Math.max(0, ...rows.map((row) => textWidth(row.label, SIZE.labelFont)));
  const labelWidth = clamp(longest + 6, Math.min(90, width * 0.3), Math.min(230, width * 0.36));
  const boxes = panelBoxes(width, labelWidth, panels, rows);
  const titleLines = Math.max(0, ...boxes.map((box) => box.titleLines.length));
  const plotTop = titleLines > 0 ? titleLines * SIZE.titleLine + 10 : 4;
  const bars = Math.max(...panels.map(barsHeight));
  let top = plotTop;
  const rowBoxes = rows.map((row) => {
    const lines = wrapText(row.label, labelWidth - 4, SIZE.labelFont);
    const height = Math.max(bars, lines.length * SIZE.line) + SIZE.rowPad;
    const box = { row, lines, top, height, center: top + height / 2 };
    top += height;
    return box;
  });
  return { width, height: top + SIZE.axis, labelWidth, plotTop, plotBottom: top, panels: boxes, rows: rowBoxes };
}

/** The x of a value on a panel's axis. */
export const scaleX = (box: PanelBox, value: number) => (Math.max(0, value) / box.axis.domain) * box.width;

export const barsTop = (box: PanelBox, center: number) => center - barsHeight(box.panel) / 2;

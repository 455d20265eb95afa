/**
 * The charts' shared scale (web/src/components/charts/scale.ts, layout.ts), pure: count axes tick
 * in whole numbers only, time axes pick minutes, hours or working days by magnitude, and every bar
 * ends where its label says, in the axis's unit and rounding (a value that reads 0 is drawn as 0;
 * hours and days are written with at least one decimal, minutes and counts whole).
 */
import { describe, expect, it } from 'vitest';
import { axisOf, layoutBars, scaleX, tickText, valueText, type Panel } from '../../web/src/components/charts/layout';
import { axisFor, drawn, niceTicks, shown, timeUnit, type Unit } from '../../web/src/components/charts/scale';

const HOURS_PER_DAY = 8;
const UNIT_TEXT: Record<Unit, string> = { count: '', percent: ' %', minute: ' min', hour: ' h', day: ' wd' };
const format = (value: number, unit: Unit) => `${value}${UNIT_TEXT[unit]}`;
const series = [
  { key: 'p50', label: 'p50', tone: 'primary' as const },
  { key: 'p90', label: 'p90', tone: 'secondary' as const },
];
const countPanel: Panel = { key: 'count', series, format };
const timePanel: Panel = { key: 'time', series, format, measure: { kind: 'time', hoursPerDay: HOURS_PER_DAY } };
const rowsOf = (values: (number | null)[][]) =>
  values.map((pair, i) => ({ key: `r${i}`, label: `Row ${i}`, values: [pair] }));

describe('count axes', () => {
  it('should tick in whole numbers only, from 0 past the largest count', () => {
    for (let max = 0; max <= 120; max++)
      for (const steps of [1, 2, 3, 4]) {
        const { ticks } = axisFor({ kind: 'count' }, max, steps);
        expect(ticks.every(Number.isInteger), `max ${max}, ${steps} steps: ${ticks.join(' ')}`).toBe(true);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      }
  });

  it('should not split one request into halves (the review’s 0; 0,5; 1 axis)', () => {
    expect(axisFor({ kind: 'count' }, 1, 4).ticks).toEqual([0, 1]);
    expect(axisFor({ kind: 'count' }, 3, 4).ticks).toEqual([0, 1, 2, 3]);
    expect(axisFor({ kind: 'count' }, 7, 4).ticks).toEqual([0, 2, 4, 6, 8]);
    // Fractions stay possible where they mean something (hours, days).
    expect(niceTicks(1.5, 3)).toEqual([0, 0.5, 1, 1.5]);
  });

  it('should keep whole ticks however narrow or wide the chart is drawn', () => {
    const rows = rowsOf([[1, 0]]);
    for (const width of [40, 90, 160, 400, 900]) {
      const axis = axisOf(countPanel, 0, rows, width);
      expect(axis.ticks.every(Number.isInteger), `${width} px`).toBe(true);
      expect(axis.ticks.map((tick) => tickText(countPanel, axis, tick))).toEqual(axis.ticks.map(String));
    }
  });
});

describe('time axes', () => {
  it('should choose minutes below an hour, hours below two working days, then working days', () => {
    expect(timeUnit(0.03, HOURS_PER_DAY)).toEqual({ unit: 'minute', per: 1 / 60 });
    expect(timeUnit(0.99, HOURS_PER_DAY).unit).toBe('minute');
    expect(timeUnit(1, HOURS_PER_DAY).unit).toBe('hour');
    expect(timeUnit(15.9, HOURS_PER_DAY).unit).toBe('hour');
    expect(timeUnit(16, HOURS_PER_DAY)).toEqual({ unit: 'day', per: HOURS_PER_DAY });
  });

  it('should write the review’s 0.03 h stage as 2 min on a whole-minute axis, not 0 h on 0–0.03', () => {
    const axis = axisFor({ kind: 'time', hoursPerDay: HOURS_PER_DAY }, 0.03, 4);
    expect(axis.unit).toBe('minute');
    expect(axis.ticks.map((tick) => shown(axis, tick))).toEqual([0, 1, 2]);
    expect(valueText(timePanel, axis, 0.03)).toBe('2 min');
    expect(tickText(timePanel, axis, axis.domain)).toBe('2 min');
    expect(tickText(timePanel, axis, axis.ticks[1] ?? NaN)).toBe('1');
  });

  it('should write working days with a decimal, and the ticks’ decimals where they have more', () => {
    const axis = axisFor({ kind: 'time', hoursPerDay: HOURS_PER_DAY }, 20, 4);
    expect(axis.unit).toBe('day');
    expect(axis.ticks.map((tick) => shown(axis, tick))).toEqual([0, 1, 2, 3]);
    expect(valueText(timePanel, axis, 20)).toBe('2.5 wd');
    expect(valueText(timePanel, axis, 3)).toBe('0.4 wd');
    expect(valueText(timePanel, axis, 0.3)).toBe('0 wd');
    const fine = axisFor({ kind: 'time', hoursPerDay: HOURS_PER_DAY }, 20, 6);
    expect(fine.ticks.map((tick) => shown(fine, tick))).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(valueText(timePanel, fine, 19)).toBe('2.4 wd');
    const finer = axisFor({ kind: 'time', hoursPerDay: HOURS_PER_DAY }, 17, 10);
    expect(finer.ticks.map((tick) => shown(finer, tick))).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25]);
    expect(valueText(timePanel, finer, 15)).toBe('1.88 wd');
  });
});

describe('bars and their labels', () => {
  /** Every bar's end, read back on its axis in the axis's unit, against the number its label prints. */
  function barsAgainstLabels(panel: Panel, values: (number | null)[][], width: number) {
    const layout = layoutBars(width, [panel], rowsOf(values));
    const box = layout.panels[0];
    if (!box) throw new Error('no panel');
    return values.flat().flatMap((value) => {
      if (value === null) return [];
      const barEnd = (scaleX(box, drawn(box.axis, value)) / box.width) * (box.axis.domain / box.axis.per);
      const label = Number.parseFloat(valueText(panel, box.axis, value));
      return [{ value, barEnd: Math.round(barEnd * 1000) / 1000, label }];
    });
  }

  it('should end each bar where its label says, in every unit', () => {
    const cases: (number | null)[][][] = [
      [[0.03, 0.031]],
      [[0.0001, 0.5]],
      [
        [2.6, 3.4],
        [0.2, null],
      ],
      [
        [20, 33.3],
        [1, 0],
      ],
      [[120, 400]],
    ];
    for (const values of cases)
      for (const width of [120, 300, 600])
        for (const bar of barsAgainstLabels(timePanel, values, width))
          expect(bar.barEnd, JSON.stringify(bar)).toBe(bar.label);
  });

  it('should draw a value that reads 0 as no bar at all', () => {
    const [tiny] = barsAgainstLabels(timePanel, [[0.001, 0.5]], 300);
    expect(tiny).toEqual({ value: 0.001, barEnd: 0, label: 0 });
  });

  it('should count bars in whole numbers', () => {
    for (const bar of barsAgainstLabels(
      countPanel,
      [
        [3, 0],
        [1, 1],
      ],
      300,
    ))
      expect(bar.barEnd).toBe(bar.label);
  });
});

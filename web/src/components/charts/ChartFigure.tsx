/**
 * A chart's frame: a <figure> whose caption is its heading and explanation, the picture (SVG with
 * role="img" and a summary in its aria-label), the legend, and the numbers as a table behind
 * "Show data" for anyone who prefers or needs them.
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../hooks';
import { Legend, type LegendItem } from './tones';

export interface ChartFigureProps {
  id: string;
  title: string;
  text: string;
  legend?: LegendItem[];
  /** The same numbers as a table (shown on demand). */
  table: ComponentChildren;
  children: ComponentChildren;
}

export function ChartFigure({ id, title, text, legend, table, children }: ChartFigureProps) {
  const { t } = useI18n();
  return (
    <figure class="card chart-card" data-chart={id} aria-labelledby={`${id}-title`}>
      <figcaption class="chart-caption">
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{text}</p>
      </figcaption>
      {legend && legend.length > 0 && <Legend items={legend} />}
      <div class="chart-body">{children}</div>
      <details class="chart-data">
        <summary>{t('showData')}</summary>
        {table}
      </details>
    </figure>
  );
}

/** "No data for this period" in place of an empty chart. */
export function NoData() {
  const { t } = useI18n();
  return <p class="chart-empty">{t('chartNoData')}</p>;
}

// A horizontal bar chart (Apache ECharts, loaded on demand) with its data table beside it: the
// chart is one image with a text alternative for screen readers, the table carries the figures
// (WCAG 1.1.1 and 1.3.1). Suppressed values ("<5") and missing values get no bar.
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Cell, HeaderCell, Table, TableBody, TableFooter, TableHeader, TableRow } from './Table';
import './chart.css';

export interface ChartRow {
  key: string;
  label: string;
  /** the number to draw; null draws no bar (suppressed or unknown) */
  value: number | null;
  /** the value as shown in the table ("12", "<5", "€ 490,00") */
  display: ReactNode;
}

export interface BarChartProps {
  /** the chart's text alternative, e.g. "Staafdiagram van aanmeldingen per bron" */
  ariaLabel: string;
  rows: ChartRow[];
  /** formats the numbers on the value axis and bar labels */
  formatValue?: (value: number) => string;
}

const BAR_COLOUR = '#1b4a7d';
const TEXT_COLOUR = '#1a1a1a';
const AXIS_COLOUR = '#4d4d4d';

/** Only the chart (role="img"); use ChartWithTable unless the same figures are in a table nearby. */
export function BarChart({ ariaLabel, rows, formatValue = String }: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const height = Math.max(120, rows.length * 32 + 48);
  // Re-draw when the figures or labels change, not on every render.
  const signature = JSON.stringify(
    rows.map((row) => [row.label, row.value, row.value === null ? '' : formatValue(row.value)]),
  );

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const data = JSON.parse(signature) as [string, number | null, string][];
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./echarts').then(({ init }) => {
      if (disposed) return;
      const chart = init(element, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        aria: { enabled: false },
        grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
        xAxis: {
          type: 'value',
          minInterval: 1,
          // The bars carry their own value labels; the axis numbers would only repeat them.
          axisLabel: { show: false },
          splitLine: { lineStyle: { color: '#d9d9d9' } },
        },
        yAxis: {
          type: 'category',
          inverse: true,
          data: data.map(([label]) => label),
          axisLabel: { color: TEXT_COLOUR, fontSize: 13, width: 220, overflow: 'truncate' },
          axisTick: { show: false },
          axisLine: { lineStyle: { color: AXIS_COLOUR } },
        },
        series: [
          {
            type: 'bar',
            data: data.map(([, value]) => value),
            itemStyle: { color: BAR_COLOUR },
            barMaxWidth: 22,
            label: {
              show: true,
              position: 'right',
              color: TEXT_COLOUR,
              formatter: ({ dataIndex }: { dataIndex: number }) => data[dataIndex]?.[2] ?? '',
            },
          },
        ],
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [signature]);

  return (
    <div ref={ref} role="img" aria-label={ariaLabel} className="sk-chart" style={{ height }} />
  );
}

/**
 * A chart and the table with the same figures. The chart is left out when there is nothing to
 * draw (every value suppressed or unknown); the table is always there.
 */
export function ChartWithTable({
  caption,
  captionHidden,
  ariaLabel,
  labelHeader,
  valueHeader,
  rows,
  total,
  totalLabel,
  formatValue,
  note,
}: {
  caption: string;
  /** hide the caption visually when a heading with the same text stands right above */
  captionHidden?: boolean;
  ariaLabel: string;
  labelHeader: string;
  valueHeader: string;
  rows: ChartRow[];
  total?: ReactNode;
  totalLabel?: string;
  formatValue?: (value: number) => string;
  note?: ReactNode;
}) {
  // Suppressed rows are left out of the chart altogether (an empty place would read as zero);
  // a chart of a single bar among hidden ones tells nothing, so then the table stands alone.
  const drawn = rows.filter((row) => row.value !== null);
  const hidden = rows.length - drawn.length;
  const drawable = drawn.length > 0 && (hidden === 0 || drawn.length > 1);
  return (
    <div className="sk-chart-block">
      {drawable && (
        <div className="sk-chart-block__chart">
          <BarChart ariaLabel={ariaLabel} rows={drawn} formatValue={formatValue} />
        </div>
      )}
      <div className="sk-chart-block__table">
        <Table caption={caption} captionHidden={captionHidden} compact>
          <TableHeader>
            <TableRow>
              <HeaderCell>{labelHeader}</HeaderCell>
              <HeaderCell numeric>{valueHeader}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.key}>
                <HeaderCell scope="row">{row.label}</HeaderCell>
                <Cell numeric>{row.display}</Cell>
              </TableRow>
            ))}
          </TableBody>
          {total !== undefined && (
            <TableFooter>
              <TableRow>
                <HeaderCell scope="row">{totalLabel}</HeaderCell>
                <Cell numeric>{total}</Cell>
              </TableRow>
            </TableFooter>
          )}
        </Table>
        {note}
      </div>
    </div>
  );
}

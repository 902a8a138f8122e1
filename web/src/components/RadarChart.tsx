// A radar chart (Apache ECharts, loaded on demand) with its data table beside it: the chart is
// one image with a text alternative, the table carries the figures (WCAG 1.1.1 and 1.3.1). Used
// for the ZRM per moment and the Positieve Gezondheid web. Series differ in colour, line style and
// point shape, so they can be told apart without colour too.
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from './Table';
import './radar.css';

export interface RadarAxis {
  key: string;
  label: string;
}

export interface RadarSeries {
  key: string;
  /** "Start", "Na drie maanden", ... */
  label: string;
  /** per axis key; null or missing draws no point ("Niet besproken") */
  values: Record<string, number | null>;
}

const COLOURS = ['#8a4b00', '#1b4a7d', '#1e6b30', '#6a1b9a', '#a3123a'];
const LINE_TYPES = ['dotted', 'dashed', 'solid'] as const;
const SYMBOLS = ['triangle', 'rect', 'circle', 'diamond', 'roundRect'];
const TEXT_COLOUR = '#1a1a1a';

interface Drawing {
  axes: string[];
  series: { label: string; values: (number | '-')[] }[];
  min: number;
  max: number;
  splitNumber: number;
}

/** Only the chart (role="img"); use RadarWithTable unless the same figures are in a table nearby. */
export function RadarChart({
  ariaLabel,
  axes,
  series,
  min,
  max,
  height = 360,
}: {
  ariaLabel: string;
  axes: RadarAxis[];
  series: RadarSeries[];
  min: number;
  max: number;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const drawing: Drawing = {
    axes: axes.map((axis) => axis.label),
    series: series.map((item) => ({
      label: item.label,
      values: axes.map((axis) => item.values[axis.key] ?? '-'),
    })),
    min,
    max,
    splitNumber: max - min <= 5 ? max - min : 5,
  };
  const signature = JSON.stringify(drawing);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const data = JSON.parse(signature) as Drawing;
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import('./radarEcharts').then(({ init }) => {
      if (disposed) return;
      const chart = init(element, null, { renderer: 'svg' });
      const count = data.series.length;
      // On a phone the axis names need the room: a smaller web, smaller type.
      const narrow = element.clientWidth < 480;
      chart.setOption({
        animation: false,
        aria: { enabled: false },
        legend: {
          bottom: 0,
          textStyle: { color: TEXT_COLOUR, fontSize: 13 },
          data: data.series.map((item) => item.label),
        },
        radar: {
          center: ['50%', '46%'],
          radius: narrow ? '38%' : '56%',
          min: data.min,
          max: data.max,
          splitNumber: data.splitNumber,
          indicator: data.axes.map((name) => ({ name, min: data.min, max: data.max })),
          axisName: {
            color: TEXT_COLOUR,
            fontSize: narrow ? 11 : 12,
            width: narrow ? 76 : 110,
            overflow: 'break',
          },
          axisLabel: { show: false },
          splitLine: { lineStyle: { color: '#b3b3b3' } },
          splitArea: { areaStyle: { color: ['#fff', '#f5f5f5'] } },
          axisLine: { lineStyle: { color: '#8c8c8c' } },
        },
        series: [
          {
            type: 'radar',
            data: data.series.map((item, index) => {
              // The latest measurement is drawn solid and on top; earlier ones dashed or dotted.
              const fromEnd = count - 1 - index;
              const colour = COLOURS[fromEnd % COLOURS.length];
              return {
                name: item.label,
                value: item.values,
                symbol: SYMBOLS[fromEnd % SYMBOLS.length],
                symbolSize: 7,
                lineStyle: {
                  color: colour,
                  width: fromEnd === 0 ? 3 : 2,
                  type: LINE_TYPES[Math.max(0, LINE_TYPES.length - 1 - fromEnd)],
                },
                itemStyle: { color: colour },
                areaStyle: fromEnd === 0 ? { color: colour, opacity: 0.12 } : undefined,
              };
            }),
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
    <div ref={ref} role="img" aria-label={ariaLabel} className="sk-radar" style={{ height }} />
  );
}

/**
 * The radar chart and the table with the same figures (axes as rows, series as columns). The chart
 * is left out when no series has a value; the table is always there.
 */
export function RadarWithTable({
  ariaLabel,
  caption,
  axisHeader,
  axes,
  series,
  min,
  max,
  formatValue = String,
  emptyValue,
  note,
}: {
  ariaLabel: string;
  caption: string;
  axisHeader: string;
  axes: RadarAxis[];
  series: RadarSeries[];
  min: number;
  max: number;
  formatValue?: (value: number) => string;
  /** what the table shows for a missing value ("–", with a title "Niet besproken") */
  emptyValue: ReactNode;
  note?: ReactNode;
}) {
  const drawable = series.some((item) =>
    axes.some((axis) => typeof item.values[axis.key] === 'number'),
  );
  return (
    <div className="sk-radar-block">
      {drawable && (
        <div className="sk-radar-block__chart">
          <RadarChart ariaLabel={ariaLabel} axes={axes} series={series} min={min} max={max} />
        </div>
      )}
      <div className="sk-radar-block__table">
        <Table caption={caption}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{axisHeader}</HeaderCell>
              {series.map((item) => (
                <HeaderCell key={item.key} numeric>
                  {item.label}
                </HeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {axes.map((axis) => (
              <TableRow key={axis.key}>
                <HeaderCell scope="row">{axis.label}</HeaderCell>
                {series.map((item) => {
                  const value = item.values[axis.key];
                  return (
                    <Cell key={item.key} numeric>
                      {typeof value === 'number' ? formatValue(value) : emptyValue}
                    </Cell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {note}
      </div>
    </div>
  );
}

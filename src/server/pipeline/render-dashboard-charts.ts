/**
 * The overview's charts drawn on the server as SVG with ECharts' server-side rendering, so /console ships no
 * chart script: the funnel (leads that reached each stage), leads by source and occupancy per building, all
 * horizontal bars whose category labels sit in a margin wide enough for them (long names wrap, very long ones
 * end in "…"; the tables beside the charts carry every full name and number).
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

const WIDTH = 340;
const ROW = 34;
const LABEL_WIDTH = 108;
// Unquoted family names: the SVG's style attribute is written in double quotes.
const FONT = 'system-ui, -apple-system, Segoe UI, PingFang SC, Microsoft YaHei, sans-serif';
const INK = '#3b4452';
const BAR = '#2a7fa3';
/** The occupancy chart's stacked parts: leased, then available. */
const PART_COLOUR = { leased: '#13233d', available: '#1f9d6b' };

export interface NamedValue {
  name: string;
  value: number;
}

export interface OccupancyRow {
  name: string;
  leased: number;
  available: number;
}

/** Renders one ECharts option to an SVG string of the given height, freeing the chart afterwards. */
function renderSvg(height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: INK }, ...option });
    // The static picture needs none of the hover rules ECharts writes into a <style> element (which the
    // Content-Security-Policy would refuse, logging an error on every view).
    return (
      chart
        .renderToSVGString()
        .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
        // ECharts marks shapes with its own ecmeta_* attributes for client hydration; HTML does not allow them.
        .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    );
  } finally {
    chart.dispose();
  }
}

const categoryAxis = (names: string[], overflow: 'break' | 'truncate') => ({
  type: 'category',
  inverse: true,
  data: names,
  axisTick: { show: false },
  axisLine: { lineStyle: { color: '#c8ced8' } },
  axisLabel: { color: INK, fontSize: 12, width: LABEL_WIDTH - 12, overflow, ellipsis: '…', lineHeight: 14 },
});

const valueAxis = (max?: number) => ({
  type: 'value',
  minInterval: 1,
  max,
  axisLabel: { color: INK, fontSize: 11 },
  splitLine: { lineStyle: { color: '#e6e9ee' } },
});

/** One horizontal bar per row with its value written after the bar. */
export function renderBarsSvg(rows: readonly NamedValue[]): string {
  const top = Math.max(1, ...rows.map((r) => r.value));
  return renderSvg(Math.max(120, rows.length * ROW + 40), {
    grid: { left: LABEL_WIDTH, right: 36, top: 8, bottom: 28 },
    xAxis: valueAxis(top),
    yAxis: categoryAxis(
      rows.map((r) => r.name),
      'truncate',
    ),
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: BAR, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: INK, fontSize: 12 },
        data: rows.map((r) => r.value),
      },
    ],
  });
}

/** Leased and available area per building as stacked bars, with a legend above that keeps clear of its swatches. */
export function renderOccupancySvg(
  rows: readonly OccupancyRow[],
  names: { leased: string; available: string },
  unit: string,
): string {
  return renderSvg(Math.max(140, rows.length * ROW + 76), {
    legend: {
      top: 0,
      left: LABEL_WIDTH - 8,
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 20,
      textStyle: { color: INK, fontSize: 12, padding: [0, 0, 0, 4] },
    },
    grid: { left: LABEL_WIDTH, right: 24, top: 32, bottom: 40 },
    // Three or four ticks: five-digit areas side by side would touch on a phone.
    xAxis: {
      ...valueAxis(),
      splitNumber: 3,
      name: unit,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: INK, fontSize: 11 },
    },
    yAxis: categoryAxis(
      rows.map((r) => r.name),
      'break',
    ),
    series: (['leased', 'available'] as const).map((part) => ({
      name: names[part],
      type: 'bar',
      stack: 'area',
      barMaxWidth: 18,
      itemStyle: { color: PART_COLOUR[part] },
      data: rows.map((r) => r[part]),
    })),
  });
}

/**
 * The overview's charts (Apache ECharts, only the parts used, drawn as SVG): the funnel, leads by source and
 * occupancy per building. The same numbers stand in tables beside them for reading and for screen readers.
 */
import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

interface Props {
  funnel: Array<{ name: string; value: number }>;
  sources: Array<{ name: string; value: number }>;
  occupancy: Array<{ name: string; leased: number; available: number }>;
  titles: { funnel: string; sources: string; occupancy: string; leased: string; available: string };
}

const PALETTE = ['#13233d', '#2a7fa3', '#6cbad6', '#c19a4f', '#1f9d6b', '#7c5ce0', '#8c9aab', '#d49a1f'];

function useChart(option: echarts.EChartsCoreOption) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ color: PALETTE, textStyle: { fontFamily: 'inherit' }, ...option });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, []);
  return ref;
}

export default function DashboardCharts({ funnel, sources, occupancy, titles }: Props) {
  const funnelRef = useChart({ tooltip: { trigger: 'item' }, series: [{ type: 'funnel', sort: 'none', left: '5%', width: '90%', label: { formatter: '{b}: {c}' }, data: funnel }] });
  const sourcesRef = useChart({ tooltip: { trigger: 'item' }, legend: { bottom: 0, type: 'scroll' }, series: [{ type: 'pie', radius: ['40%', '70%'], data: sources }] });
  const occupancyRef = useChart({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 90, right: 20, top: 10, bottom: 40 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: occupancy.map((o) => o.name) },
    series: [
      { name: titles.leased, type: 'bar', stack: 'area', data: occupancy.map((o) => o.leased) },
      { name: titles.available, type: 'bar', stack: 'area', data: occupancy.map((o) => o.available), itemStyle: { color: '#1f9d6b' } },
    ],
  });
  const box = 'rounded-2xl border border-ink-200 bg-white p-4';
  return (
    <div className="grid gap-4 lg:grid-cols-3" aria-hidden="true">
      <figure className={box}><figcaption className="text-sm font-semibold">{titles.funnel}</figcaption><div ref={funnelRef} className="h-64" /></figure>
      <figure className={box}><figcaption className="text-sm font-semibold">{titles.sources}</figcaption><div ref={sourcesRef} className="h-64" /></figure>
      <figure className={box}><figcaption className="text-sm font-semibold">{titles.occupancy}</figcaption><div ref={occupancyRef} className="h-64" /></figure>
    </div>
  );
}

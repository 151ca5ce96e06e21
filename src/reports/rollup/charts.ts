import * as echarts from 'echarts';
import type { YearFigures } from './rollup.ts';

/**
 * The roll-up's charts, rendered to SVG on the server (no script in the page). Every chart
 * has a table beside it that says the same in text, for screen readers and for printing.
 */
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

const render = (width: number, height: number, option: echarts.EChartsCoreOption): string => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};

/** Applications received in the year, per agency: one horizontal bar each. */
export const applicationsPerAgencyChart = (
  rows: readonly { readonly name: string; readonly received: number; readonly replied: number }[],
): string => {
  const height = Math.max(160, 60 + rows.length * 34);
  return render(720, height, {
    grid: { left: 200, right: 40, top: 40, bottom: 24 },
    legend: { data: ['收到申请', '作出答复'], top: 4 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        name: '收到申请',
        type: 'bar',
        data: rows.map((r) => r.received),
        label: { show: true, position: 'right' },
      },
      {
        name: '作出答复',
        type: 'bar',
        data: rows.map((r) => r.replied),
        label: { show: true, position: 'right' },
      },
    ],
  });
};

/** The government's main figures across the years: one line per figure. */
export const trendChart = (years: readonly YearFigures[]): string =>
  render(720, 320, {
    grid: { left: 56, right: 32, top: 48, bottom: 32 },
    legend: { data: ['本年新收申请', '办理结果总计', '行政复议', '行政诉讼'], top: 4 },
    xAxis: { type: 'category', data: years.map((y) => `${y.year}年`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: '本年新收申请',
        type: 'line',
        data: years.map((y) => y.newApplications),
        label: { show: true },
      },
      { name: '办理结果总计', type: 'line', data: years.map((y) => y.decided) },
      { name: '行政复议', type: 'line', data: years.map((y) => y.reconsiderations) },
      { name: '行政诉讼', type: 'line', data: years.map((y) => y.lawsuits) },
    ],
  });

/** Chart geometry for the summary's SVG charts: computed here so the templates only print numbers. */

export interface BarChart {
  id: string;
  title: string;
  width: number;
  height: number;
  empty: boolean;
  emptyText: string;
  bars: Array<{ label: string; value: number; cls: string; y: number; barWidth: number; textY: number; valueX: number }>;
  labelWidth: number;
}

export interface StackChart {
  id: string;
  title: string;
  width: number;
  height: number;
  empty: boolean;
  segments: Array<{ label: string; value: number; cls: string; x: number; w: number; legendX: number; legendY: number }>;
}

export function barChart(id: string, title: string, items: Array<{ label: string; value: number; cls: string }>, emptyText: string): BarChart {
  const labelWidth = 112;
  const barMax = 170;
  const row = 24;
  const max = Math.max(0, ...items.map((i) => i.value));
  const bars = items.map((item, i) => ({
    ...item,
    y: 8 + i * row,
    textY: 8 + i * row + 13,
    barWidth: max === 0 ? 0 : Math.max(item.value > 0 ? 2 : 0, Math.round((item.value / max) * barMax)),
    valueX: 0,
  }));
  for (const b of bars) b.valueX = labelWidth + b.barWidth + 6;
  return { id, title, width: labelWidth + barMax + 34, height: 16 + items.length * row, empty: max === 0, emptyText, bars, labelWidth };
}

export function stackChart(id: string, title: string, items: Array<{ label: string; value: number; cls: string }>): StackChart {
  const width = 420;
  const total = items.reduce((s, i) => s + i.value, 0);
  let x = 0;
  const segments = items.map((item, i) => {
    const w = total === 0 ? 0 : i === items.length - 1 ? width - x : Math.round((item.value / total) * width);
    const seg = { ...item, x, w, legendX: i * 140, legendY: 52 };
    x += w;
    return seg;
  });
  return { id, title, width, height: 62, empty: total === 0, segments };
}

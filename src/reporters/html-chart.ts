import { esc } from './html-escape.ts';

/** One bar of a chart; `cls` picks its colour from the report's style sheet. */
export interface Bar {
  label: string;
  value: number;
  cls: string;
}

const ROW = 26;
const AREA = 240;
/** Width of a 12px system-font character, to size the label column to the longest label. */
const CHAR = 6.8;

/**
 * A horizontal bar chart as inline SVG (no script, no external resource): one row per bar with its label,
 * a bar proportional to the largest value and the count. Sizes are attributes, not CSS, so the report's
 * Content-Security-Policy needs no `unsafe-inline` for styles.
 */
export function barChart(bars: Bar[], label: string): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const LABEL = Math.ceil(Math.min(360, Math.max(40, ...bars.map((b) => [...b.label].length * CHAR))) + 12);
  const height = bars.length * ROW + 4;
  const width = LABEL + AREA + 50;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 2;
    const w = b.value ? Math.max(2, Math.round((b.value / max) * AREA)) : 0;
    return (
      `<g><title>${esc(`${b.label}: ${b.value}`)}</title>` +
      `<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${esc(b.label)}</text>` +
      `<rect x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="3" class="bar ${esc(b.cls)}"></rect>` +
      `<text x="${LABEL + w + 6}" y="${y + 17}" class="chart-value">${b.value}</text></g>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>`;
}

/** Findings per scan over time, oldest first: vertical bars with the date and total as tooltip. */
export function trendChart(points: { startedAt: string; total: number }[]): string {
  const shown = points.slice(-40);
  const max = Math.max(1, ...shown.map((p) => p.total));
  const barW = 14;
  const gap = 4;
  const h = 90;
  const width = Math.max(1, shown.length) * (barW + gap) + 40;
  const bars = shown.map((p, i) => {
    const bh = p.total ? Math.max(2, Math.round((p.total / max) * (h - 20))) : 0;
    const x = 34 + i * (barW + gap);
    return `<g><title>${esc(`${p.startedAt}: ${p.total} findings`)}</title><rect x="${x}" y="${h - bh}" width="${barW}" height="${bh}" rx="2" class="bar trend"></rect></g>`;
  });
  const axis = `<text x="28" y="14" text-anchor="end" class="chart-value">${max}</text><text x="28" y="${h}" text-anchor="end" class="chart-value">0</text>`;
  return `<svg class="chart" role="img" aria-label="Findings per scan, oldest first" viewBox="0 0 ${width} ${h + 4}" width="${width}" height="${h + 4}">${axis}${bars.join('')}</svg>`;
}

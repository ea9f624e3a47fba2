// SVG charts drawn here, without a library (the CSP allows only mamori's own scripts):
// horizontal bars of a share (0–1) and a line of shares over time. Colours come from
// app.css (classes chart-*), never inline style. Every chart has a <title> and, as a
// table beside it on the page, its figures in text, for screen readers.
// Exports barChart(), lineChart(), heatMap(), percent().

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A share as "42.0%" (— for none). */
export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * barChart({ title, rows: [{ label, rate, indent, valueText }] }): one bar a row, the
 * share implemented, with the label left and the percentage (or valueText) right.
 */
export function barChart({ title, rows, id }) {
  const rowH = 26, labelW = 220, barW = 360, pctW = 70, width = labelW + barW + pctW;
  const height = rows.length * rowH + 8;
  const svg = s('svg', { class: 'chart chart-bars', id, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': title, width: '100%', preserveAspectRatio: 'xMinYMin meet' }, s('title', null, title));
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const indent = (r.indent ?? 0) * 12;
    const w = r.rate === null || r.rate === undefined ? 0 : Math.max(0, Math.min(1, r.rate)) * barW;
    svg.append(s('g', { class: 'chart-row', 'data-label': r.label },
      s('text', { x: 4 + indent, y: y + 17, class: 'chart-label' }, r.label),
      s('rect', { x: labelW, y: y + 4, width: barW, height: rowH - 10, class: 'chart-track' }),
      s('rect', { x: labelW, y: y + 4, width: w.toFixed(1), height: rowH - 10, class: 'chart-bar' }),
      s('text', { x: labelW + barW + 6, y: y + 17, class: 'chart-value' }, r.valueText ?? percent(r.rate))));
  });
  return svg;
}

/**
 * lineChart({ title, points: [{ label, rate }] }): the share over time, 0–100% on the
 * vertical axis, a label under each point (every other one when crowded).
 */
export function lineChart({ title, points, id }) {
  const width = 640, height = 240, left = 44, right = 12, top = 12, bottom = 40;
  const plotW = width - left - right, plotH = height - top - bottom;
  const svg = s('svg', { class: 'chart chart-line', id, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': title, width: '100%', preserveAspectRatio: 'xMinYMin meet' }, s('title', null, title));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const y = top + plotH * (1 - v);
    svg.append(s('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'chart-grid' }),
      s('text', { x: left - 6, y: y + 4, class: 'chart-axis', 'text-anchor': 'end' }, `${v * 100}%`));
  }
  const step = points.length > 1 ? plotW / (points.length - 1) : 0;
  const xy = points.map((p, i) => [left + (points.length > 1 ? i * step : plotW / 2),
    top + plotH * (1 - Math.max(0, Math.min(1, p.rate ?? 0)))]);
  if (xy.length > 1) {
    svg.append(s('polyline', { points: xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
      class: 'chart-path' }));
  }
  const every = points.length > 12 ? 2 : 1;
  points.forEach((p, i) => {
    const [x, y] = xy[i];
    svg.append(s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 4, class: 'chart-point', 'data-period': p.label },
      s('title', null, `${p.label}: ${percent(p.rate)}`)));
    if (i % every === 0) {
      svg.append(s('text', { x: x.toFixed(1), y: height - bottom + 18, class: 'chart-axis', 'text-anchor': 'middle' },
        p.label));
    }
  });
  return svg;
}

/** About how wide text is drawn in the chart's axis font (11px): CJK twice Latin. */
function textWidth(text) {
  let w = 0;
  for (const ch of String(text ?? '')) w += ch.codePointAt(0) >= 0x2e80 ? 11 : 6.5;
  return w;
}

/**
 * heatMap({ title, cells, id, xLabel, yLabel, xTicks, yTicks }): a likelihood × impact
 * grid; cells are rows from the highest likelihood down, each the counts for impact 1
 * up. A cell's class (chart-heat-low/mid/high) follows its level (likelihood × impact)
 * against the grid's largest; its count is written in it. xTicks and yTicks (optional)
 * name the steps from 1 up ("3 起こりうる", the matrix's words); without them the steps
 * are numbered. The impact's names are drawn slanted under their columns.
 */
export function heatMap({ title, cells, id, xLabel, yLabel, xTicks, yTicks }) {
  const n = cells.length, cell = 48, top = 8;
  const yText = (l) => yTicks?.[l - 1] ?? String(l);
  const xText = (i) => xTicks?.[i - 1] ?? String(i);
  const yWidth = Math.max(...Array.from({ length: n }, (_, r) => textWidth(yText(r + 1))));
  const xWidth = Math.max(...Array.from({ length: n }, (_, c) => textWidth(xText(c + 1))));
  const slanted = Boolean(xTicks);
  const left = 28 + Math.ceil(yWidth);
  // Slanted at 40°: the height of the longest name, then the axis title.
  const bottom = (slanted ? Math.ceil(xWidth * 0.65) + 24 : 16) + 24;
  const width = left + n * cell + 8 + (slanted ? 8 : 0), height = top + n * cell + bottom;
  const svg = s('svg', { class: 'chart chart-heat', id, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': title, width: '100%', preserveAspectRatio: 'xMinYMin meet' }, s('title', null, title));
  const max = n * n;
  cells.forEach((row, r) => {
    const likelihood = n - r;
    row.forEach((count, c) => {
      const impact = c + 1, level = likelihood * impact;
      const band = level * 3 > max * 2 ? 'high' : level * 3 > max ? 'mid' : 'low';
      const x = left + c * cell, y = top + r * cell;
      svg.append(s('g', { class: 'chart-cell', 'data-likelihood': likelihood, 'data-impact': impact, 'data-count': count },
        s('title', null, `${yText(likelihood)} × ${xText(impact)}: ${count}`),
        s('rect', { x, y, width: cell - 2, height: cell - 2, class: `chart-heat-${band}` }),
        s('text', { x: x + cell / 2 - 1, y: y + cell / 2 + 5, class: 'chart-value', 'text-anchor': 'middle' },
          count ? String(count) : '')));
    });
    svg.append(s('text', { x: left - 8, y: top + r * cell + cell / 2 + 4, class: 'chart-axis chart-tick-y',
      'data-step': likelihood, 'text-anchor': 'end' }, yText(likelihood)));
  });
  for (let c = 0; c < n; c++) {
    const cx = left + c * cell + cell / 2 - 1, cy = top + n * cell + 14;
    svg.append(s('text', slanted
      ? { x: cx + 4, y: cy, class: 'chart-axis chart-tick-x', 'data-step': c + 1, 'text-anchor': 'end',
        transform: `rotate(-40 ${cx + 4} ${cy})` }
      : { x: cx, y: cy, class: 'chart-axis chart-tick-x', 'data-step': c + 1, 'text-anchor': 'middle' }, xText(c + 1)));
  }
  svg.append(s('text', { x: left + (n * cell) / 2, y: height - 6, class: 'chart-axis', 'text-anchor': 'middle' }, xLabel),
    s('text', { x: 10, y: top + (n * cell) / 2, class: 'chart-axis', 'text-anchor': 'middle',
      transform: `rotate(-90 10 ${top + (n * cell) / 2})` }, yLabel));
  return svg;
}

// Showing instants and dates in the body's zone.
//
// The server stores and sends UTC (2026-11-25T08:00:00Z); people read the
// body's local time, Asia/Tokyo, whatever zone the browser is in. Japanese
// dates are written in 和暦, English ones as ISO 8601 (YYYY-MM-DD).
// Exports ZONE, zonedParts(), formatDate(), formatDateTime(), formatWeekday().

import { formatWareki } from './wareki.js';

export const ZONE = 'Asia/Tokyo';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric',
  hourCycle: 'h23',
});

const pad2 = (n) => String(n).padStart(2, '0');

function toDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** { year, month, day, hour, minute, second } of an instant, in ZONE. */
export function zonedParts(value) {
  const d = toDate(value);
  if (!d) return null;
  const out = {};
  for (const p of partsFormat.formatToParts(d)) {
    if (p.type !== 'literal' && p.type !== 'dayPeriod' && p.type !== 'era') out[p.type] = Number(p.value);
  }
  return out;
}

/** The date of an instant in ZONE: '令和8年11月25日' (ja) or '2026-11-25' (en). */
export function formatDate(value, lang) {
  const p = zonedParts(value);
  if (!p) return String(value ?? '');
  if (lang === 'ja') return formatWareki(p.year, p.month, p.day);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Date and time in ZONE, e.g. '令和8年11月25日 17:00:00' or '2026-11-25 17:00:00'. */
export function formatDateTime(value, lang, { seconds = true } = {}) {
  const p = zonedParts(value);
  if (!p) return String(value ?? '');
  const time = `${pad2(p.hour)}:${pad2(p.minute)}` + (seconds ? `:${pad2(p.second)}` : '');
  return `${formatDate(value, lang)} ${time}`;
}

/** Short weekday of an instant in ZONE: '水' (ja) or 'Wed' (en). */
export function formatWeekday(value, lang) {
  const d = toDate(value);
  if (!d) return '';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: ZONE, weekday: 'short' }).format(d);
}

// Showing instants and dates in the body's zone.
//
// The server stores and sends UTC (2026-11-25T08:00:00Z); people read the
// body's local time, Asia/Tokyo, whatever zone the browser is in. Japanese
// dates are written in 和暦, English ones as ISO 8601 (YYYY-MM-DD).
// Dates typed in the UI are dates in ZONE; zonedDayStart() turns one into the
// UTC instant the server wants (canonical text, 2026-03-31T15:00:00Z).
// Dates that are dates (an employment date, the first day of a role) are shown
// as they are, without any zone: formatDay().
// Exports ZONE, zonedParts(), formatDate(), formatDateTime(), formatWeekday(),
// canonUtc(), zonedDayStart(), nextDate(), todayInZone(), formatDay().

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

/** Canonical UTC text of an instant, as the server stores it: 'YYYY-MM-DDTHH:MM:SSZ'. */
export function canonUtc(value) {
  const d = toDate(value);
  if (!d) return null;
  const iso = d.toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY-…, which is no canonical time.
  return /^\d{4}-/.test(iso) ? iso.replace(/\.\d{3}Z$/, 'Z') : null;
}

/** [year, month, day] of 'YYYY-MM-DD' if it is a real date, else null. */
function parseDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date ?? ''));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return [y, mo, d];
}

/** The wall-clock time in ZONE of the UTC instant t (ms), as if it were UTC, minus t. */
function zoneOffsetMs(t) {
  const p = zonedParts(t);
  const wall = new Date(0);
  wall.setUTCFullYear(p.year, p.month - 1, p.day);
  wall.setUTCHours(p.hour, p.minute, p.second, 0);
  return wall.getTime() - t;
}

/**
 * The instant the date 'YYYY-MM-DD' begins in ZONE, as canonical UTC text:
 * zonedDayStart('2026-04-01') is '2026-03-31T15:00:00Z'. Null for a date that
 * does not exist or cannot be written canonically.
 */
export function zonedDayStart(date) {
  const ymd = parseDate(date);
  if (!ymd) return null;
  const midnight = new Date(0);
  midnight.setUTCFullYear(ymd[0], ymd[1] - 1, ymd[2]);
  const wall = midnight.getTime();
  // The zone's offset is taken at the result a second time, for zones with summer time.
  let t = wall - zoneOffsetMs(wall);
  t = wall - zoneOffsetMs(t);
  return canonUtc(t);
}

/** The day after 'YYYY-MM-DD', or null. */
export function nextDate(date) {
  const ymd = parseDate(date);
  if (!ymd) return null;
  const d = new Date(0);
  d.setUTCFullYear(ymd[0], ymd[1] - 1, ymd[2] + 1);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Today's date in ZONE, 'YYYY-MM-DD'. */
export function todayInZone(now = new Date()) {
  const p = zonedParts(now);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** A date 'YYYY-MM-DD' as it is: '令和8年4月1日' (ja) or '2026-04-01' (en); other text unchanged. */
export function formatDay(date, lang) {
  const ymd = parseDate(date);
  if (!ymd) return String(date ?? '');
  return lang === 'ja' ? formatWareki(ymd[0], ymd[1], ymd[2]) : String(date);
}

// 和暦 (Japanese era) dates for the Japanese UI.
//
// Pure calendar arithmetic, no time zones: callers pass the year, month and day
// already taken in the body's zone (see time.js). Exports toWareki() and
// formatWareki(). The first year of an era is written 元年, as in official
// documents (令和元年5月1日). Dates before the Gregorian calendar was adopted
// (明治6年 = 1873) have no exact era date here and fall back to the western year.

// Newest first. firstYear is the western year of the era's year 1; from is the
// first day (Gregorian) the era applies to.
const ERAS = [
  { name: '令和', firstYear: 2019, from: [2019, 5, 1] },
  { name: '平成', firstYear: 1989, from: [1989, 1, 8] },
  { name: '昭和', firstYear: 1926, from: [1926, 12, 25] },
  { name: '大正', firstYear: 1912, from: [1912, 7, 30] },
  { name: '明治', firstYear: 1868, from: [1873, 1, 1] },
];

const dayKey = (y, m, d) => y * 10000 + m * 100 + d;

/** Returns { era, year } for a Gregorian date, or null before 1873-01-01. */
export function toWareki(year, month, day) {
  const key = dayKey(year, month, day);
  for (const era of ERAS) {
    if (key >= dayKey(...era.from)) {
      return { era: era.name, year: year - era.firstYear + 1 };
    }
  }
  return null;
}

/** '令和8年11月25日'; '令和元年5月1日' for the first year of an era. */
export function formatWareki(year, month, day) {
  const w = toWareki(year, month, day);
  if (!w) return `${year}年${month}月${day}日`;
  const y = w.year === 1 ? '元' : String(w.year);
  return `${w.era}${y}年${month}月${day}日`;
}

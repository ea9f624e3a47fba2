// The date helpers of web/ run in Node too: 和暦 conversion (元年 for the first
// year, era boundaries), Tokyo-zone formatting whatever the machine's zone, and
// dates typed in Tokyo turned into the server's canonical UTC instants.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toWareki, formatWareki } from '../../web/wareki.js';
import {
  formatDate, formatDateTime, zonedParts, canonUtc, zonedDayStart, nextDate, todayInZone,
} from '../../web/time.js';

test('和暦 dates', () => {
  const cases = [
    [[2026, 11, 25], '令和8年11月25日'],
    [[2019, 5, 1], '令和元年5月1日'],
    [[2019, 4, 30], '平成31年4月30日'],
    [[2020, 1, 1], '令和2年1月1日'],
    [[1989, 1, 8], '平成元年1月8日'],
    [[1989, 1, 7], '昭和64年1月7日'],
    [[1926, 12, 25], '昭和元年12月25日'],
    [[1926, 12, 24], '大正15年12月24日'],
    [[1912, 7, 30], '大正元年7月30日'],
    [[1912, 7, 29], '明治45年7月29日'],
    [[1873, 1, 1], '明治6年1月1日'],
    [[1872, 12, 31], '1872年12月31日'],
  ];
  for (const [[y, m, d], expected] of cases) assert.equal(formatWareki(y, m, d), expected, `${y}-${m}-${d}`);
  assert.deepEqual(toWareki(2026, 4, 1), { era: '令和', year: 8 });
  assert.equal(toWareki(1800, 1, 1), null);
});

test('instants are shown in Asia/Tokyo', () => {
  // 15:00 UTC is already the next day in Tokyo (UTC+9, no DST).
  assert.deepEqual(zonedParts('2026-11-24T15:00:00Z'),
    { year: 2026, month: 11, day: 25, hour: 0, minute: 0, second: 0 });
  assert.equal(formatDate('2026-11-24T15:00:00Z', 'ja'), '令和8年11月25日');
  assert.equal(formatDate('2026-11-24T15:00:00Z', 'en'), '2026-11-25');
  assert.equal(formatDateTime('2026-11-25T08:00:05Z', 'ja'), '令和8年11月25日 17:00:05');
  assert.equal(formatDateTime('2026-11-25T08:00:05Z', 'en'), '2026-11-25 17:00:05');
  assert.equal(formatDateTime('2019-04-30T15:30:00Z', 'ja', { seconds: false }), '令和元年5月1日 00:30');
});

test('unparseable times are shown as given', () => {
  assert.equal(formatDateTime('not a time', 'ja'), 'not a time');
  assert.equal(formatDate(undefined, 'en'), '');
});

test('a date in Tokyo begins at 15:00 UTC the day before', () => {
  assert.equal(zonedDayStart('2026-04-01'), '2026-03-31T15:00:00Z');
  assert.equal(zonedDayStart('2027-01-01'), '2026-12-31T15:00:00Z');
  assert.equal(zonedDayStart('2028-02-29'), '2028-02-28T15:00:00Z');
  for (const bad of ['2026-02-30', '2026-13-01', '2026-4-1', '', null, undefined, '2026-04-01T00:00:00Z']) {
    assert.equal(zonedDayStart(bad), null, String(bad));
  }
  assert.equal(nextDate('2026-12-31'), '2027-01-01');
  assert.equal(nextDate('2028-02-28'), '2028-02-29');
  assert.equal(nextDate('9999-12-31'), null);
  assert.equal(canonUtc('2026-11-25T08:00:05.123Z'), '2026-11-25T08:00:05Z');
  assert.equal(canonUtc('nonsense'), null);
  assert.equal(todayInZone(new Date('2026-11-24T15:00:00Z')), '2026-11-25');
  assert.equal(todayInZone(new Date('2026-11-24T14:59:59Z')), '2026-11-24');
});

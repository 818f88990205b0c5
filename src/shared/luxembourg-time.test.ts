import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luxembourgDay, luxembourgInstant, luxembourgTime, luxembourgWallClock } from './luxembourg-time.js';

test('winter and summer instants show Luxembourg clock time (UTC+1, UTC+2)', () => {
  assert.equal(luxembourgTime(new Date('2026-01-15T09:30:00Z')), '10:30');
  assert.equal(luxembourgTime(new Date('2026-07-15T09:30:00Z')), '11:30');
  assert.equal(luxembourgDay(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
});

test('a wall-clock time converts back to the instant, across the summer-time changes', () => {
  for (const iso of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-10-25T02:30:00Z', '2026-06-01T08:00:00Z']) {
    const instant = new Date(iso);
    assert.equal(luxembourgInstant(luxembourgWallClock(instant)).toISOString(), instant.toISOString());
  }
  const skipped = luxembourgInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 });
  assert.equal(luxembourgTime(skipped), '03:30');
});

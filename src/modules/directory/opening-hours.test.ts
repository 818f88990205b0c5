import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPENING_HOURS_MAX_LENGTH,
  compileOpeningHours,
  isOpenAt,
  nextChange,
  openStateAt,
  scheduleFor,
  validateOpeningHours,
  weeklySchedule,
} from './opening-hours.js';

const OFFICE = 'Mo-Fr 09:00-12:00,14:00-17:00';
const TWICE_A_WEEK = 'Tu,Th 14:00-18:00; PH off';

// The zone checks call the functions that compute afresh; isOpenAt, nextChange and
// weeklySchedule remember their answers (tested at the end).
const openAt = (text: string, at: Date): boolean => openStateAt(compileOpeningHours(text)!, at).open;
const changeAfter = (text: string, at: Date): Date | null => openStateAt(compileOpeningHours(text)!, at).nextChange;
const scheduleOf = (text: string, start: Date) => scheduleFor(compileOpeningHours(text), start);

/** Runs the check as if the server ran in each of these zones: results must not change. */
function inEachTimeZone(check: (zone: string) => void): void {
  const saved = process.env.TZ;
  try {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Luxembourg']) {
      process.env.TZ = zone;
      check(zone);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

test('the process time zone really changes under the helper', () => {
  inEachTimeZone((zone) => {
    const offset = new Date('2025-12-16T12:00:00Z').getTimezoneOffset();
    const expected: Record<string, number> = { UTC: 0, 'America/New_York': 300, 'Asia/Tokyo': -540, 'Europe/Luxembourg': -60 };
    assert.equal(offset, expected[zone], zone);
  });
});

test('valid values are accepted and tidied', () => {
  assert.deepEqual(validateOpeningHours(OFFICE), { ok: true, value: OFFICE });
  assert.deepEqual(validateOpeningHours(`  ${TWICE_A_WEEK}  `), { ok: true, value: TWICE_A_WEEK });
  assert.deepEqual(validateOpeningHours('24/7'), { ok: true, value: '24/7' });
  assert.deepEqual(validateOpeningHours('Mo-Fr 9-12'), { ok: true, value: 'Mo-Fr 09:00-12:00' });
});

test('malformed, empty and over-long values are refused without throwing', () => {
  for (const bad of ['blah', 'Mo-Fr 25:00-26:00', 'Mo-Fr 09:00-', 'Mo-Xy 09:00-12:00', '"', ';;;', 'Mo 09:00-12:00 "unclosed']) {
    assert.deepEqual(validateOpeningHours(bad), { ok: false, error: 'invalid' }, bad);
  }
  assert.deepEqual(validateOpeningHours(''), { ok: false, error: 'empty' });
  assert.deepEqual(validateOpeningHours('   '), { ok: false, error: 'empty' });
  const long = Array.from({ length: 60 }, () => 'Mo 09:00-10:00').join('; ');
  assert.ok(long.length > OPENING_HOURS_MAX_LENGTH);
  assert.deepEqual(validateOpeningHours(long), { ok: false, error: 'too_long' });
  assert.equal(compileOpeningHours('blah'), null);
  assert.equal(compileOpeningHours(null), null);
  assert.equal(compileOpeningHours(long), null);
});

test('office hours are read in Luxembourg time, winter and summer, whatever the server zone', () => {
  inEachTimeZone((zone) => {
    // Tuesday 16 December 2025, Luxembourg is UTC+1.
    assert.equal(openAt(OFFICE, new Date('2025-12-16T08:30:00Z')), true, `${zone} 09:30`);
    assert.equal(openAt(OFFICE, new Date('2025-12-16T07:59:00Z')), false, `${zone} 08:59`);
    assert.equal(openAt(OFFICE, new Date('2025-12-16T11:30:00Z')), false, `${zone} 12:30`);
    assert.equal(openAt(OFFICE, new Date('2025-12-16T13:00:00Z')), true, `${zone} 14:00`);
    assert.equal(openAt(OFFICE, new Date('2025-12-16T16:00:00Z')), false, `${zone} 17:00`);
    // Tuesday 15 July 2025, Luxembourg is UTC+2.
    assert.equal(openAt(OFFICE, new Date('2025-07-15T07:30:00Z')), true, `${zone} summer 09:30`);
    assert.equal(openAt(OFFICE, new Date('2025-07-15T06:30:00Z')), false, `${zone} summer 08:30`);
    // Saturday.
    assert.equal(openAt(OFFICE, new Date('2025-12-20T10:00:00Z')), false, `${zone} Saturday`);
    // Monday 00:30 in Luxembourg is still Sunday in UTC and New York.
    assert.equal(openAt('Mo 00:00-01:00', new Date('2025-12-14T23:30:00Z')), true, `${zone} Monday just after midnight`);
  });
});

test('Luxembourg public holidays close a "PH off" place', () => {
  inEachTimeZone((zone) => {
    assert.equal(openAt(TWICE_A_WEEK, new Date('2025-12-18T14:00:00Z')), true, `${zone} an ordinary Thursday`);
    assert.equal(openAt(TWICE_A_WEEK, new Date('2025-12-25T14:00:00Z')), false, `${zone} Christmas Day`);
    // 23 June 2026, National Day, is a Tuesday.
    assert.equal(openAt(TWICE_A_WEEK, new Date('2026-06-16T13:00:00Z')), true, `${zone} Tuesday before`);
    assert.equal(openAt(TWICE_A_WEEK, new Date('2026-06-23T13:00:00Z')), false, `${zone} National Day`);
  });
});

test('24/7 is always open and never changes', () => {
  inEachTimeZone(() => {
    assert.equal(openAt('24/7', new Date('2025-12-25T03:00:00Z')), true);
    assert.equal(changeAfter('24/7', new Date('2025-12-25T03:00:00Z')), null);
  });
});

test('empty or invalid hours are never open', () => {
  assert.equal(isOpenAt(null, new Date()), false);
  assert.equal(isOpenAt('', new Date()), false);
  assert.equal(isOpenAt('blah', new Date()), false);
  assert.equal(nextChange('blah', new Date()), null);
});

test('the next change is a real instant', () => {
  inEachTimeZone((zone) => {
    assert.equal(changeAfter(OFFICE, new Date('2025-12-16T09:30:00Z'))?.toISOString(), '2025-12-16T11:00:00.000Z', zone);
    // Friday evening: next opening is Monday 09:00, in summer time.
    assert.equal(changeAfter(OFFICE, new Date('2025-07-18T17:00:00Z'))?.toISOString(), '2025-07-21T07:00:00.000Z', zone);
    // Across the spring clock change (29 March 2026): Saturday 12:00 CET to Monday 09:00 CEST.
    assert.equal(changeAfter(OFFICE, new Date('2026-03-28T11:00:00Z'))?.toISOString(), '2026-03-30T07:00:00.000Z', zone);
    const state = openStateAt(compileOpeningHours(OFFICE)!, new Date('2025-12-16T09:30:00Z'));
    assert.equal(state.open, true);
  });
});

test('a week of opening intervals for display', () => {
  inEachTimeZone((zone) => {
    // Monday 15 December 2025, 00:30 in Luxembourg.
    const week = scheduleOf(OFFICE, new Date('2025-12-14T23:30:00Z'));
    assert.deepEqual(
      week.map((d) => d.date),
      ['2025-12-15', '2025-12-16', '2025-12-17', '2025-12-18', '2025-12-19', '2025-12-20', '2025-12-21'],
      zone,
    );
    assert.deepEqual(week.map((d) => d.weekday), [1, 2, 3, 4, 5, 6, 7], zone);
    const office = [
      { from: '09:00', to: '12:00', unknown: false, comment: null },
      { from: '14:00', to: '17:00', unknown: false, comment: null },
    ];
    for (const day of week.slice(0, 5)) assert.deepEqual(day.intervals, office, `${zone} ${day.date}`);
    assert.deepEqual(week[5]?.intervals, []);
    assert.deepEqual(week[6]?.intervals, []);
  });
});

test('holidays show as closed days in the week', () => {
  inEachTimeZone((zone) => {
    const week = scheduleOf(TWICE_A_WEEK, new Date('2025-12-22T12:00:00Z'));
    const open = week.filter((d) => d.intervals.length > 0).map((d) => d.date);
    assert.deepEqual(open, ['2025-12-23'], zone);
  });
});

test('24/7 shows whole days, also on the day the clocks change', () => {
  inEachTimeZone((zone) => {
    const week = scheduleOf('24/7', new Date('2026-03-23T12:00:00Z'));
    for (const day of week) assert.deepEqual(day.intervals, [{ from: '00:00', to: '24:00', unknown: false, comment: null }], `${zone} ${day.date}`);
    const daily = scheduleOf('Mo-Su 09:00-12:00', new Date('2026-03-23T12:00:00Z'));
    assert.equal(daily[6]?.date, '2026-03-29');
    assert.deepEqual(daily[6]?.intervals.map((i) => `${i.from}-${i.to}`), ['09:00-12:00'], zone);
  });
});

test('uncertain periods and comments are kept', () => {
  const week = weeklySchedule('Mo 10:00-12:00 open "ring twice"; Tu 10:00-12:00 unknown; We 10:00-12:00 "by appointment"', new Date('2025-12-15T12:00:00Z'));
  assert.deepEqual(week[0]?.intervals, [{ from: '10:00', to: '12:00', unknown: false, comment: 'ring twice' }]);
  assert.deepEqual(week[1]?.intervals, [{ from: '10:00', to: '12:00', unknown: true, comment: null }]);
  // In OSM syntax a comment without "open" leaves the state uncertain.
  assert.deepEqual(week[2]?.intervals, [{ from: '10:00', to: '12:00', unknown: true, comment: 'by appointment' }]);
  assert.equal(isOpenAt('Tu 10:00-12:00 unknown', new Date('2025-12-16T10:00:00Z')), false);
});

test('invalid hours give seven empty days', () => {
  const week = weeklySchedule('blah', new Date('2025-12-15T12:00:00Z'));
  assert.equal(week.length, 7);
  assert.ok(week.every((d) => d.intervals.length === 0));
});

test('remembered answers stay right when asked about other times', () => {
  const times = ['2025-12-16T09:00:00Z', '2025-12-16T12:00:00Z', '2025-12-16T08:00:00Z', '2025-12-16T13:30:00Z', '2025-12-16T09:00:00Z'];
  for (const at of times) {
    const instant = new Date(at);
    assert.equal(isOpenAt(OFFICE, instant), openAt(OFFICE, instant), at);
    assert.equal(nextChange(OFFICE, instant)?.toISOString(), changeAfter(OFFICE, instant)?.toISOString(), at);
  }
  const start = new Date('2025-12-22T12:00:00Z');
  assert.deepEqual(weeklySchedule(TWICE_A_WEEK, start), scheduleOf(TWICE_A_WEEK, start));
  assert.deepEqual(weeklySchedule(TWICE_A_WEEK, start), scheduleOf(TWICE_A_WEEK, start), 'asked twice');
  assert.notDeepEqual(weeklySchedule(TWICE_A_WEEK, new Date('2025-12-15T12:00:00Z')), weeklySchedule(TWICE_A_WEEK, start));
});

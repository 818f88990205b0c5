import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, formatUtc, writeCalendar } from './ical.js';

const unfold = (text: string) => text.replace(/\r\n /g, '');

test('instants are written in UTC basic format whatever their offset', () => {
  assert.equal(formatUtc('2026-03-05T18:30:00+01:00'), '20260305T173000Z');
  assert.equal(formatUtc(new Date('2026-12-31T23:59:59.999Z')), '20261231T235959Z');
  assert.throws(() => formatUtc('not a date'), RangeError);
});

test('text escapes backslashes, semicolons, commas and newlines', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
});

test('long lines fold at 75 octets without splitting a UTF-8 character', () => {
  const line = `SUMMARY:${'Ëmmer méi Computer fir jiddereen – '.repeat(6)}`;
  const folded = foldLine(line);
  const physical = folded.split('\r\n');
  assert.ok(physical.length > 1);
  for (const [index, part] of physical.entries()) {
    assert.ok(Buffer.byteLength(part, 'utf8') <= 75, `line ${index} is ${Buffer.byteLength(part)} octets`);
    if (index > 0) assert.ok(part.startsWith(' '));
    assert.ok(!part.includes('\uFFFD'));
  }
  assert.equal(unfold(folded), line);
  assert.equal(foldLine('SHORT:line'), 'SHORT:line');
});

test('a calendar holds one VEVENT per session with the required properties', () => {
  const ics = writeCalendar(
    [
      {
        uid: 'session-1@zesummen.lu',
        startsAt: '2026-04-02T08:00:00.000Z',
        endsAt: '2026-04-02T10:00:00.000Z',
        summary: 'Smartphone, first steps; for beginners',
        location: 'Maison relais, 12 rue Principale, Esch-sur-Alzette',
        url: 'https://zesummen.lu/en/offers/o1',
        updatedAt: '2026-03-01T09:00:00.000Z',
      },
      {
        uid: 'session-2@zesummen.lu',
        startsAt: '2026-04-09T08:00:00.000Z',
        endsAt: '2026-04-09T10:00:00.000Z',
        summary: 'Cancelled one',
        cancelled: true,
      },
    ],
    { name: 'Courses', generatedAt: new Date('2026-03-10T12:00:00Z'), language: 'en' },
  );
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(ics), 'every line ends with CRLF');
  const text = unfold(ics);
  assert.equal(text.match(/BEGIN:VEVENT/g)?.length, 2);
  assert.equal(text.match(/END:VEVENT/g)?.length, 2);
  assert.match(text, /UID:session-1@zesummen\.lu\r\n/);
  assert.match(text, /DTSTAMP:20260310T120000Z\r\n/);
  assert.match(text, /DTSTART:20260402T080000Z\r\nDTEND:20260402T100000Z\r\n/);
  assert.match(text, /SUMMARY;LANGUAGE=en:Smartphone\\, first steps\\; for beginners\r\n/);
  assert.match(text, /LOCATION;LANGUAGE=en:Maison relais\\, 12 rue Principale\\, Esch-sur-Alzette\r\n/);
  assert.match(text, /URL:https:\/\/zesummen\.lu\/en\/offers\/o1\r\n/);
  assert.match(text, /LAST-MODIFIED:20260301T090000Z\r\n/);
  assert.match(text, /UID:session-2@zesummen\.lu\r\n[\s\S]*STATUS:CANCELLED\r\nEND:VEVENT/);
});

test('an empty calendar is still a valid calendar', () => {
  const ics = writeCalendar([], { name: 'Nothing', generatedAt: new Date('2026-01-01T00:00:00Z') });
  assert.equal(ics, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Zesummen//Find help directory//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Nothing\r\nEND:VCALENDAR\r\n');
});

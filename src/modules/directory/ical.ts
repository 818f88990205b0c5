/**
 * A small iCalendar (RFC 5545) writer for course sessions: times in UTC, text escaped, lines
 * folded at 75 octets without splitting a UTF-8 character, CRLF line ends.
 */

export interface CalendarEvent {
  /** Globally unique and stable, so a calendar app updates the event instead of duplicating it. */
  readonly uid: string;
  /** ISO 8601 instants. */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly summary: string;
  readonly location?: string | null;
  readonly url?: string | null;
  readonly description?: string | null;
  readonly cancelled?: boolean;
  /** ISO 8601; LAST-MODIFIED lets calendar apps notice changes. */
  readonly updatedAt?: string;
}

export interface CalendarOptions {
  readonly name: string;
  /** DTSTAMP: when this file was produced. */
  readonly generatedAt: Date;
  readonly language?: string;
}

const MAX_OCTETS = 75;
const PRODUCT_ID = '-//Zesummen//Find help directory//EN';

/** 20260131T140000Z */
export function formatUtc(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines must be escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a content line into lines of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function eventLines(event: CalendarEvent, stamp: string, language: string | undefined): string[] {
  const lang = language ? `;LANGUAGE=${language}` : '';
  const lines = [
    'BEGIN:VEVENT',
    property('UID', escapeText(event.uid)),
    property('DTSTAMP', stamp),
    property('DTSTART', formatUtc(event.startsAt)),
    property('DTEND', formatUtc(event.endsAt)),
    property(`SUMMARY${lang}`, escapeText(event.summary)),
  ];
  if (event.location) lines.push(property(`LOCATION${lang}`, escapeText(event.location)));
  if (event.description) lines.push(property(`DESCRIPTION${lang}`, escapeText(event.description)));
  // URL is a URI value, not TEXT: it is not escaped, only folded.
  if (event.url) lines.push(property('URL', event.url));
  if (event.updatedAt) lines.push(property('LAST-MODIFIED', formatUtc(event.updatedAt)));
  lines.push(property('STATUS', event.cancelled ? 'CANCELLED' : 'CONFIRMED'));
  lines.push('END:VEVENT');
  return lines;
}

export function writeCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const stamp = formatUtc(options.generatedAt);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', PRODUCT_ID),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(options.name)),
    ...events.flatMap((event) => eventLines(event, stamp, options.language)),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

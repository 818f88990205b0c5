/**
 * Opening hours in OpenStreetMap `opening_hours` syntax ("Mo-Fr 09:00-12:00; PH off"), read in
 * Luxembourg time whatever the server's time zone.
 *
 * The opening_hours library works on a Date's local fields (getHours, getDay…). So instants are
 * handed to it as "wall-clock dates": Dates whose local fields in the process time zone show
 * Luxembourg's wall-clock time; the dates it returns are converted back the same way. The only
 * blind spot is the hour a year that does not exist in the process's own zone (its spring
 * change); servers run on UTC, which has none.
 */
import opening_hours from 'opening_hours';
import { fail, ok, type Result } from '../../shared/result.js';
import { luxembourgInstant, luxembourgWallClock } from '../../shared/luxembourg-time.js';

export const OPENING_HOURS_MAX_LENGTH = 500;

/** Luxembourg, so that "PH" (public holidays) means Luxembourg's holidays. */
const LUXEMBOURG = { lat: '49.6116', lon: '6.1319', address: { country_code: 'lu', state: '' } };

export type OpeningHoursError = 'empty' | 'too_long' | 'invalid';

/** A parsed value, to evaluate many times without parsing again. */
export type CompiledOpeningHours = opening_hours;

function parse(text: string): opening_hours {
  return new opening_hours(text, LUXEMBOURG as unknown as ConstructorParameters<typeof opening_hours>[1]);
}

/**
 * Checks a value a person typed. On success returns the library's tidy form of it
 * ("Mo-Fr 9-12" becomes "Mo-Fr 09:00-12:00"). Never throws.
 */
export function validateOpeningHours(text: string): Result<string, OpeningHoursError> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty');
  if (trimmed.length > OPENING_HOURS_MAX_LENGTH) return fail('too_long');
  try {
    return ok(parse(trimmed).prettifyValue());
  } catch {
    return fail('invalid');
  }
}

/*
 * Parsing a value takes a few tenths of a millisecond and a page of results asks about twenty
 * offers whose schedules repeat, so parsed values and their current open state are remembered.
 * These memos of pure functions are bounded and hold nothing else.
 */
const MEMO_LIMIT = 5000;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}

interface Parsed {
  readonly hours: CompiledOpeningHours | null;
  /** The open state holds for instants in [validFrom, validUntil). */
  open: boolean;
  validFrom: number;
  validUntil: number;
}

const parsedByText = new Map<string, Parsed>();

function parsed(text: string | null | undefined): Parsed | null {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '' || trimmed.length > OPENING_HOURS_MAX_LENGTH) return null;
  return parsedByText.get(trimmed) ?? remember(parsedByText, trimmed, { hours: parseOrNull(trimmed), open: false, validFrom: 0, validUntil: -1 });
}

function parseOrNull(text: string): CompiledOpeningHours | null {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

/** Parses a stored value; null when it is empty or not valid. Never throws. */
export function compileOpeningHours(text: string | null | undefined): CompiledOpeningHours | null {
  return parsed(text)?.hours ?? null;
}

function toWallClockDate(instant: Date): Date {
  const w = luxembourgWallClock(instant);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, instant.getMilliseconds());
}

/** The instant at which Luxembourg's clocks show the given wall-clock date's local fields. */
function fromWallClockDate(wall: Date): Date {
  const instant = luxembourgInstant({
    year: wall.getFullYear(),
    month: wall.getMonth() + 1,
    day: wall.getDate(),
    hour: wall.getHours(),
    minute: wall.getMinutes(),
    second: wall.getSeconds(),
  });
  return new Date(instant.getTime() + wall.getMilliseconds());
}

export interface OpenState {
  readonly open: boolean;
  /** When the state changes next, or null if it never does ("24/7"). */
  readonly nextChange: Date | null;
}

/** "Unknown" periods (e.g. "Tu 10:00-12:00 unknown") count as not open. */
export function openStateAt(hours: CompiledOpeningHours, at: Date): OpenState {
  const wall = toWallClockDate(at);
  const next = hours.getNextChange(wall);
  return { open: hours.getState(wall), nextChange: next ? fromWallClockDate(next) : null };
}

function rememberedState(value: Parsed & { hours: CompiledOpeningHours }, at: Date): OpenState {
  const t = at.getTime();
  if (!(t >= value.validFrom && t < value.validUntil)) {
    const state = openStateAt(value.hours, at);
    value.open = state.open;
    value.validFrom = t;
    value.validUntil = state.nextChange ? state.nextChange.getTime() : Infinity;
  }
  return { open: value.open, nextChange: value.validUntil === Infinity ? null : new Date(value.validUntil) };
}

const withHours = (value: Parsed | null): (Parsed & { hours: CompiledOpeningHours }) | null =>
  value?.hours ? (value as Parsed & { hours: CompiledOpeningHours }) : null;

/** False for empty or invalid values: a place whose hours cannot be read is not shown as open. */
export function isOpenAt(text: string | null | undefined, at: Date): boolean {
  const value = withHours(parsed(text));
  return value ? rememberedState(value, at).open : false;
}

export function nextChange(text: string | null | undefined, after: Date): Date | null {
  const value = withHours(parsed(text));
  return value ? rememberedState(value, after).nextChange : null;
}

export interface OpenInterval {
  /** "HH:MM" in Luxembourg time. */
  readonly from: string;
  /** "HH:MM"; "24:00" when the interval runs to midnight. */
  readonly to: string;
  /** The value says the place may be open ("unknown"), not that it is. */
  readonly unknown: boolean;
  readonly comment: string | null;
}

export interface DaySchedule {
  /** Luxembourg calendar date, "YYYY-MM-DD". */
  readonly date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly intervals: readonly OpenInterval[];
}

const schedules = new Map<string, readonly DaySchedule[]>();
const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * Seven days of opening intervals for display, from the Luxembourg calendar day that contains
 * `weekStart`. Public holidays and dated exceptions in the value are applied.
 */
export function weeklySchedule(text: string | null | undefined, weekStart: Date): readonly DaySchedule[] {
  const first = luxembourgWallClock(weekStart);
  const key = `${first.year}-${first.month}-${first.day}\u0000${text ?? ''}`;
  return schedules.get(key) ?? remember(schedules, key, scheduleFor(compileOpeningHours(text), weekStart));
}

/** weeklySchedule for a parsed value (null: seven empty days), computed afresh. */
export function scheduleFor(hours: CompiledOpeningHours | null, weekStart: Date): readonly DaySchedule[] {
  const first = luxembourgWallClock(weekStart);
  const days: DaySchedule[] = [];
  for (let i = 0; i < 7; i += 1) {
    const start = new Date(first.year, first.month - 1, first.day + i);
    const end = new Date(first.year, first.month - 1, first.day + i + 1);
    const intervals = hours
      ? hours.getOpenIntervals(start, end).map(([from, to, unknown, comment]) => ({
          from: hhmm(from),
          to: to.getTime() >= end.getTime() ? '24:00' : hhmm(to),
          unknown,
          comment: comment ?? null,
        }))
      : [];
    days.push({
      date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
      weekday: start.getDay() === 0 ? 7 : start.getDay(),
      intervals,
    });
  }
  return days;
}

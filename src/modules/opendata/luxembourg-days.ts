/** Calendar days as people in Luxembourg count them, for the API's from/to parameters. */
import { luxembourgDay as dayAt, luxembourgInstant } from '../../shared/luxembourg-time.js';

const DAY_MS = 86_400_000;

/** A real calendar day "YYYY-MM-DD" (the pattern alone accepts 2026-02-31). */
export function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day it is in Luxembourg at this instant. */
export function luxembourgDay(instant: Date): string {
  return dayAt(instant);
}

/** The instant the day starts in Luxembourg (23:00 or 22:00 UTC the day before). */
export function startOfLuxembourgDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return luxembourgInstant({ year, month, day: date, hour: 0, minute: 0, second: 0 });
}

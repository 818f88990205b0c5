/** Demo sessions are planned in Luxembourg wall-clock time and stored as UTC instants. */
import { luxembourgInstant as wallClockInstant, luxembourgWallClock } from '../../shared/luxembourg-time.js';

const DAY_MS = 86_400_000;

/** The wall-clock fields Luxembourg shows at `instant`, read back as if they were UTC. */
function wallClockAsUtc(instant: number): number {
  const w = luxembourgWallClock(instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

// Generators ask for many dates relative to the same `now`.
let lastNow = { instant: Number.NaN, wallClock: 0 };

/** Luxembourg's calendar date `days` after the one containing `now`, as [year, month (1-12), day]. */
export function luxembourgDate(now: Date, days: number): readonly [number, number, number] {
  if (lastNow.instant !== now.getTime()) lastNow = { instant: now.getTime(), wallClock: wallClockAsUtc(now.getTime()) };
  const shifted = new Date(lastNow.wallClock + days * DAY_MS);
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()];
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday([year, month, day]: readonly [number, number, number]): number {
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** The instant when Luxembourg's clocks show this date and time. */
export function luxembourgInstant(date: readonly [number, number, number], hour: number, minute: number): Date {
  const [year, month, day] = date;
  return wallClockInstant({ year, month, day, hour, minute, second: 0 });
}

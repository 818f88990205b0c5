/** Demo sessions are planned in Luxembourg wall-clock time and stored as UTC instants. */
const ZONE = 'Europe/Luxembourg';
const DAY_MS = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock fields Luxembourg shows at `instant`, read back as if they were UTC. */
function wallClockAsUtc(instant: number): number {
  const field = (type: string) => Number(partsFormat.formatToParts(instant).find((p) => p.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
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

// Clocks change at night, so the offset at noon holds for every daytime session of that date.
const noonOffsets = new Map<string, number>();

function offsetAtNoon([year, month, day]: readonly [number, number, number]): number {
  const key = `${year}-${month}-${day}`;
  let offset = noonOffsets.get(key);
  if (offset === undefined) {
    const noonUtc = Date.UTC(year, month - 1, day, 12);
    offset = wallClockAsUtc(noonUtc) - noonUtc;
    noonOffsets.set(key, offset);
  }
  return offset;
}

/** The instant when Luxembourg's clocks show this date and daytime hour (06:00–23:59). */
export function luxembourgInstant(date: readonly [number, number, number], hour: number, minute: number): Date {
  const [year, month, day] = date;
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetAtNoon(date));
}

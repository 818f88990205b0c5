/**
 * Luxembourg's wall-clock time, whatever the server's own time zone: sessions are entered and
 * shown in it, opening hours are read in it, and "today" means Luxembourg's day.
 */
export const LUXEMBOURG_ZONE = 'Europe/Luxembourg';

export interface WallClock {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LUXEMBOURG_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** What Luxembourg's clocks and calendars show at this instant. */
export function luxembourgWallClock(instant: Date | number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

const HOUR_MS = 3_600_000;

/**
 * The instant at which Luxembourg's clocks show this wall-clock time. Luxembourg is UTC+2 in
 * summer and UTC+1 in winter: a time shown twice in autumn gives the first, and a time skipped
 * in spring gives the instant an hour later on the clock (02:30 becomes 03:30).
 */
export function luxembourgInstant(wall: WallClock): Date {
  const target = asUtc(wall);
  const summer = target - 2 * HOUR_MS;
  if (asUtc(luxembourgWallClock(summer)) === target) return new Date(summer);
  return new Date(target - HOUR_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Luxembourg's calendar day at this instant, as "YYYY-MM-DD". */
export function luxembourgDay(instant: Date | number): string {
  const w = luxembourgWallClock(instant);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Luxembourg's clock time at this instant, as "HH:MM". */
export function luxembourgTime(instant: Date | number): string {
  const w = luxembourgWallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

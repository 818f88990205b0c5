/**
 * HSDS describes opening hours as weekly RRULE rows; OpenStreetMap's opening_hours is far
 * richer (holidays, months, comments). Only values made of weekday rules with plain time
 * ranges ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00") become rows; any other value yields
 * none, and readers use the OSM string kept beside them.
 */

export interface WeeklyOpening {
  /** RFC 5545 day codes, e.g. ["MO", "TU"]. */
  readonly byday: readonly string[];
  /** "HH:MM", Luxembourg local time. */
  readonly opensAt: string;
  readonly closesAt: string;
}

const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)';
const DAY_PART = `${DAY}(?:-${DAY})?`;
const RULE = new RegExp(`^(${DAY_PART}(?:,${DAY_PART})*) (${TIME}-(?:${TIME}|24:00)(?:,${TIME}-(?:${TIME}|24:00))*)$`);

function expandDays(list: string): string[] | null {
  const days: string[] = [];
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-');
    const start = OSM_DAYS.indexOf(from as (typeof OSM_DAYS)[number]);
    const end = OSM_DAYS.indexOf(to as (typeof OSM_DAYS)[number]);
    // A wrapping range such as "Sa-Mo" is valid OSM but rare; it is left to the OSM string.
    if (start < 0 || end < start) return null;
    for (let i = start; i <= end; i += 1) days.push((OSM_DAYS[i] ?? '').toUpperCase());
  }
  return days;
}

/** Weekly rows for a simple value, or null when the value says more than rows can hold. */
export function weeklyOpenings(openingHours: string): WeeklyOpening[] | null {
  const rows: WeeklyOpening[] = [];
  const seen = new Set<string>();
  for (const rule of openingHours.split(';').map((r) => r.trim()).filter((r) => r !== '')) {
    const match = RULE.exec(rule);
    if (!match?.[1] || !match[2]) return null;
    const byday = expandDays(match[1]);
    // A later rule for the same day replaces the earlier one in OSM; rows cannot say that.
    if (!byday || byday.some((day) => seen.has(day))) return null;
    byday.forEach((day) => seen.add(day));
    for (const range of match[2].split(',')) {
      const [opensAt = '', closesAt = ''] = range.split('-');
      if (closesAt !== '24:00' && closesAt <= opensAt) return null;
      rows.push({ byday, opensAt, closesAt });
    }
  }
  return rows.length > 0 ? rows : null;
}

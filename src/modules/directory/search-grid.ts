/**
 * A grid of 0.05° cells (about 5.5 km × 3.6 km in Luxembourg) listing the offers' locations,
 * so "within 10 km" and "nearest first" look at a few cells instead of every offer.
 *
 * Distances here are on a flat earth scaled at the query's latitude: a few multiplications
 * instead of the haversine's trigonometry, close enough at a country's scale. Callers that
 * need exact answers use them only to narrow down.
 */
import type { GeoPoint } from './geography/geography.js';

export const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const CELL_DEGREES = 0.05;
/** Guards cell bounds against rounding at cell edges. */
const CELL_EPSILON_KM = 1e-6;

export function flatDistance(near: GeoPoint, lat: number, lon: number, cosLat: number): number {
  const dy = lat - near.lat;
  const dx = (lon - near.lon) * cosLat;
  return Math.sqrt(dx * dx + dy * dy) * KM_PER_DEGREE;
}

function grown<T extends Uint32Array | Float64Array>(array: T, make: (length: number) => T): T {
  const next = make(array.length * 2);
  next.set(array);
  return next;
}

/** The locations in one cell, side by side so a radius check reads memory in order. */
export class Cell {
  slots = new Uint32Array(8);
  lats = new Float64Array(8);
  lons = new Float64Array(8);
  length = 0;

  constructor(
    private readonly minLat: number,
    private readonly minLon: number,
  ) {}

  add(slot: number, lat: number, lon: number): void {
    if (this.length === this.slots.length) {
      this.slots = grown(this.slots, (n) => new Uint32Array(n));
      this.lats = grown(this.lats, (n) => new Float64Array(n));
      this.lons = grown(this.lons, (n) => new Float64Array(n));
    }
    this.slots[this.length] = slot;
    this.lats[this.length] = lat;
    this.lons[this.length] = lon;
    this.length += 1;
  }

  delete(slot: number): void {
    for (let i = this.length - 1; i >= 0; i -= 1) {
      if (this.slots[i] !== slot) continue;
      this.length -= 1;
      this.slots[i] = this.slots[this.length]!;
      this.lats[i] = this.lats[this.length]!;
      this.lons[i] = this.lons[this.length]!;
    }
  }

  /** Distance in km from `near` to the closest point of the cell. */
  distanceFrom(near: GeoPoint, cosLat: number): number {
    const lat = Math.min(Math.max(near.lat, this.minLat), this.minLat + CELL_DEGREES);
    const lon = Math.min(Math.max(near.lon, this.minLon), this.minLon + CELL_DEGREES);
    return Math.max(0, flatDistance(near, lat, lon, cosLat) - CELL_EPSILON_KM);
  }

  /** Distance in km from `near` to the farthest corner of the cell. */
  farthestFrom(near: GeoPoint, cosLat: number): number {
    const lat = near.lat - this.minLat > CELL_DEGREES / 2 ? this.minLat : this.minLat + CELL_DEGREES;
    const lon = near.lon - this.minLon > CELL_DEGREES / 2 ? this.minLon : this.minLon + CELL_DEGREES;
    return flatDistance(near, lat, lon, cosLat) + CELL_EPSILON_KM;
  }
}

/** A cell and its distance from the query point. */
export interface NearCell {
  readonly cell: Cell;
  readonly distance: number;
}

const row = (degrees: number): number => Math.floor(degrees / CELL_DEGREES);
/** One number per cell: rows and columns shifted to be non-negative, for any point on earth. */
const cellKey = (lat: number, lon: number): number => (row(lat) + 4000) * 10000 + row(lon) + 4000;

export class Grid {
  private readonly cells = new Map<number, Cell>();

  add(slot: number, points: readonly GeoPoint[]): void {
    for (const { lat, lon } of points) {
      const key = cellKey(lat, lon);
      let cell = this.cells.get(key);
      if (!cell) {
        cell = new Cell(row(lat) * CELL_DEGREES, row(lon) * CELL_DEGREES);
        this.cells.set(key, cell);
      }
      cell.add(slot, lat, lon);
    }
  }

  delete(slot: number, points: readonly GeoPoint[]): void {
    for (const key of new Set(points.map((p) => cellKey(p.lat, p.lon)))) this.cells.get(key)?.delete(slot);
  }

  /** The cells holding locations, nearest first; an offer with several locations is in several. */
  byDistance(near: GeoPoint, cosLat: number): NearCell[] {
    const found: NearCell[] = [];
    for (const cell of this.cells.values()) if (cell.length > 0) found.push({ cell, distance: cell.distanceFrom(near, cosLat) });
    return found.sort((a, b) => a.distance - b.distance);
  }
}

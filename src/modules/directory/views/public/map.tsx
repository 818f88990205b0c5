/**
 * Luxembourg drawn server-side from the commune polygons: a base map served once as a cacheable SVG,
 * and a small per-page overlay with the communes that have results and a marker per place. An
 * equirectangular projection scaled for latitude 49.8° is exact enough for a country this small.
 */
import { readFileSync } from 'node:fs';
import { h, raw, type SafeHtml } from '../../../../platform/views/jsx.js';
import { COMMUNES_GEOJSON_PATH } from '../../geography/geography.js';

type Ring = readonly (readonly [number, number])[];
interface Feature {
  properties: { id: string; name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const UNITS_PER_DEGREE = 500;
const LON_FACTOR = Math.cos((49.8 * Math.PI) / 180);
const WEST = 5.73;
const NORTH = 50.19;
const MAP_WIDTH = Math.ceil((6.54 - WEST) * LON_FACTOR * UNITS_PER_DEGREE);
const MAP_HEIGHT = Math.ceil((NORTH - 49.44) * UNITS_PER_DEGREE);
/** Points closer than this to the simplified outline (in map units, about 280 m) are dropped. */
const TOLERANCE = 0.7;

function project(lat: number, lon: number): { x: number; y: number } {
  return {
    x: Math.round((lon - WEST) * LON_FACTOR * UNITS_PER_DEGREE * 10) / 10,
    y: Math.round((NORTH - lat) * UNITS_PER_DEGREE * 10) / 10,
  };
}

function distanceToSegment(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on one ring of projected points. */
function simplify(points: number[][]): number[][] {
  if (points.length <= 3) return points;
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = TOLERANCE;
    for (let i = first + 1; i < last; i += 1) {
      const d = distanceToSegment(points[i] as number[], points[first] as number[], points[last] as number[]);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** One ring as a compact path: absolute move, then integer relative steps. */
function ringPath(ring: Ring): string {
  const points = simplify(ring.map(([lon, lat]) => {
    const { x, y } = project(lat, lon);
    return [Math.round(x), Math.round(y)];
  }));
  let d = '';
  let previous: number[] | undefined;
  for (const point of points) {
    const [x = 0, y = 0] = point;
    if (!previous) d += `M${x} ${y}`;
    else if (x !== previous[0] || y !== previous[1]) d += `l${x - (previous[0] ?? 0)} ${y - (previous[1] ?? 0)}`;
    previous = point;
  }
  return `${d.replace(/ -/g, '-')}z`;
}

function featurePath(feature: Feature): string {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.flatMap((rings) => rings.map(ringPath)).join('');
}

const features = (JSON.parse(readFileSync(COMMUNES_GEOJSON_PATH, 'utf8')) as { features: Feature[] }).features;
const pathByCommune = new Map(features.map((f) => [f.properties.id, featurePath(f)]));

/** The whole country with every commune outlined: constant, so it is built once and cached by browsers. */
export const BASE_MAP_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}">` +
  `<g fill="#f3f5f8" stroke="#8a8f98" stroke-width=".6" stroke-linejoin="round">` +
  [...pathByCommune.values()].map((d) => `<path d="${d}"/>`).join('') +
  `</g></svg>`;

export interface MapMarker {
  readonly lat: number;
  readonly lon: number;
  readonly label: string;
}

export interface ResultsMapProps {
  readonly baseMapUrl: string;
  readonly title: string;
  readonly description: string;
  readonly communeIds: readonly string[];
  readonly markers: readonly MapMarker[];
}

/**
 * The overlay: communes with results are filled and hatched (not colour alone), places are numbered
 * pins whose titles name them. The same facts are in the result list, so the map is a convenience.
 */
export function ResultsMap({ baseMapUrl, title, description, communeIds, markers }: ResultsMapProps): SafeHtml {
  const highlighted = [...new Set(communeIds)].map((id) => pathByCommune.get(id)).filter((d): d is string => d !== undefined);
  const pins = markers.map((marker, index) => ({ ...project(marker.lat, marker.lon), label: marker.label, number: index + 1 }));
  return (
    <svg
      class="results-map"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      role="img"
      aria-labelledby="results-map-title results-map-desc"
    >
      <title id="results-map-title">{title}</title>
      <desc id="results-map-desc">{description}</desc>
      <defs>
        <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#cfe3f0" />
          <path d="M0 0v4" stroke="#005a8c" stroke-width="1.2" />
        </pattern>
      </defs>
      <image href={baseMapUrl} width={MAP_WIDTH} height={MAP_HEIGHT} />
      <g fill="url(#hatch)" stroke="#003f63" stroke-width="1">
        {highlighted.map((d) => raw(`<path d="${d}"/>`))}
      </g>
      <g class="results-map-pins">
        {pins.map((pin) => (
          <g transform={`translate(${pin.x} ${pin.y})`}>
            <title>{`${pin.number}. ${pin.label}`}</title>
            <circle r="6" fill="#b3001b" stroke="#fff" stroke-width="1.5" />
            <text y="3" text-anchor="middle" font-size="8" font-weight="700" fill="#fff">
              {pin.number}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

/**
 * A large invented directory for the search benchmark: the same kinds of offers as the demo,
 * spread over communes by population, in chunks so that neither generation nor import has to
 * hold everything at once. The first chunk carries the organisations and places; each later
 * one a slice of offers with their sessions.
 */
import type { CourseSession, Location, Offer, Organization } from '../directory/index.js';
import type { Audience, OfferType } from './codes.js';
import { createRandom } from './random.js';
import { DEMO_ORGANIZATIONS } from './demo-organizations.js';
import { COMMUNE_WEIGHTS, OPENING_HOURS, physicalPlace } from './places.js';
import {
  SESSION_TYPES,
  easyDescriptions,
  offerDescription,
  offerName,
  pickAccessibility,
  pickCost,
  pickDefaultLocale,
  pickLanguages,
  pickLocaleSources,
  pickModes,
  versions,
} from './offer-content.js';
import { luxembourgDate, luxembourgInstant } from './local-time.js';
import type { DemoDirectory } from './demo-directory.js';

export interface ScaleOptions {
  readonly offers: number;
  readonly sessions: number;
  readonly seed?: number | string;
  readonly now?: Date;
  /** Offers per chunk after the first. */
  readonly chunkSize?: number;
}

const DAY_MS = 86_400_000;
const OFFERS_PER_ORGANIZATION = 50;
const PLACES_PER_ORGANIZATION = 5;
/** Seven offers in twenty are dated series; the rest are open hours or by appointment. */
const isSeries = (index: number): boolean => index % 20 < 7;
const SESSION_WINDOW_DAYS = { from: -28, to: 84 };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function* generateScaleDirectory(options: ScaleOptions): Generator<DemoDirectory> {
  const random = createRandom(options.seed ?? 'zesummen-scale');
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const at = new Date(nowMs - 400 * DAY_MS).toISOString();
  const chunkSize = options.chunkSize ?? 5_000;

  const organizationCount = Math.max(1, Math.round(options.offers / OFFERS_PER_ORGANIZATION));
  const organizations: Organization[] = [];
  const locations: Location[] = [];
  const placesOf: string[][] = [];
  for (let o = 0; o < organizationCount; o++) {
    const profile = DEMO_ORGANIZATIONS[o % DEMO_ORGANIZATIONS.length]!;
    const id = `scale-org-${pad(o + 1, 5)}`;
    organizations.push({
      id,
      name: `${profile.name} ${o + 1} (Demo)`,
      description: [],
      email: `info@org-${o + 1}.example`,
      phone: null,
      website: `https://org-${o + 1}.example/`,
      isDemo: true,
      moderationStatus: 'approved',
      moderationReason: null,
      createdAt: at,
      updatedAt: at,
    });
    const home = random.weighted(COMMUNE_WEIGHTS);
    const places: string[] = [];
    for (let p = 0; p < PLACES_PER_ORGANIZATION; p++) {
      const placeId = `scale-loc-${pad(locations.length + 1, 6)}`;
      const commune = random.chance(0.6) ? home : random.weighted(COMMUNE_WEIGHTS);
      locations.push(
        physicalPlace(random, { id: placeId, organizationId: id, label: profile.placeLabel, commune, at, withNotes: false }),
      );
      places.push(placeId);
    }
    placesOf.push(places);
  }
  yield { organizations, locations, offers: [], sessions: [] };

  const seriesCount = Array.from({ length: options.offers }, (_, i) => i).filter(isSeries).length;
  const perSeries = seriesCount > 0 ? Math.floor(options.sessions / seriesCount) : 0;
  let extraSessions = seriesCount > 0 ? options.sessions - perSeries * seriesCount : 0;
  let sessionNumber = 0;

  for (let first = 0; first < options.offers; first += chunkSize) {
    const offers: Offer[] = [];
    const sessions: CourseSession[] = [];
    for (let i = first; i < Math.min(options.offers, first + chunkSize); i++) {
      const organization = i % organizationCount;
      const profile = DEMO_ORGANIZATIONS[organization % DEMO_ORGANIZATIONS.length]!;
      const series = isSeries(i);
      const seriesTypes = profile.types.filter((t) => SESSION_TYPES.has(t));
      const primary: OfferType = series
        ? (random.pick(seriesTypes.length > 0 ? seriesTypes : ['course']) as OfferType)
        : random.pick(profile.types);
      const types: OfferType[] = random.chance(0.3) && primary !== 'helpdesk' ? [primary, 'helpdesk'] : [primary];
      const audiences: Audience[] = [random.pick(profile.audiences)];
      const defaultLocale = pickDefaultLocale(random);
      const modes = pickModes(random, { mobile: profile.mobile ?? false, online: profile.online ?? false });
      const accessibility = pickAccessibility(random, audiences);
      const cost = pickCost(random, types);
      const sources = pickLocaleSources(random, defaultLocale, 0.3);
      const choice = { types, audiences, modes, nameSuffix: null };
      const description = versions(sources, (locale) => offerDescription(choice, locale));
      if (accessibility.includes('easy_language')) description.push(...easyDescriptions(choice, 'author'));
      const stale = random.chance(0.12);
      const checkedAt = new Date(nowMs - (stale ? random.int(190, 420) : random.int(0, 150)) * DAY_MS).toISOString();
      const id = `scale-offer-${pad(i + 1, 6)}`;
      const places = placesOf[organization]!;
      const locationIds = random.sample(places, random.chance(0.2) ? 2 : 1);
      offers.push({
        id,
        organizationId: organizations[organization]!.id,
        defaultLocale,
        name: versions(sources, (locale) => offerName(choice, locale)),
        description,
        offerTypes: types,
        audiences,
        languages: pickLanguages(random, defaultLocale, profile.languages ?? []),
        accessibility,
        cost: cost.cost,
        costDetails: cost.details ? versions(sources, (locale) => cost.details![locale]) : [],
        modes,
        openingHours: series ? null : random.pick(OPENING_HOURS),
        email: null,
        phone: null,
        website: null,
        bookingUrl: null,
        locationIds,
        active: random.chance(0.98),
        moderationStatus: 'approved',
        moderationReason: null,
        checkedAt,
        isDemo: true,
        createdAt: checkedAt,
        updatedAt: checkedAt,
      });
      if (!series) continue;
      const count = perSeries + (extraSessions > 0 ? 1 : 0);
      if (extraSessions > 0) extraSessions--;
      const span = SESSION_WINDOW_DAYS.to - SESSION_WINDOW_DAYS.from;
      const step = Math.max(1, Math.min(7, Math.floor(span / Math.max(1, count))));
      const start = random.int(SESSION_WINDOW_DAYS.from, SESSION_WINDOW_DAYS.to - step * Math.max(0, count - 1));
      const hour = random.pick([9, 10, 14, 15, 18]);
      const capacity = random.pick([6, 8, 10, 12, 15, 20]);
      for (let n = 0; n < count; n++) {
        const startsAt = luxembourgInstant(luxembourgDate(now, start + n * step), hour, 0);
        sessions.push({
          id: `scale-session-${pad(++sessionNumber, 7)}`,
          offerId: id,
          locationId: locationIds[0] ?? null,
          title: [],
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
          capacity,
          cancelled: random.chance(0.02),
          createdAt: checkedAt,
          updatedAt: checkedAt,
        });
      }
    }
    yield { organizations: [], locations: [], offers, sessions };
  }
}

/**
 * The demo directory: about 40 organisations, 120 places in many communes, 250 offers that use
 * every code of every list, and sessions over the coming eight weeks. Everything is invented and
 * marked as such (isDemo, "(Demo)" in names, a sentence in every description). The same seed and
 * `now` always give the same records, with the same ids, so re-seeding replaces them in place.
 */
import type { Locale } from '../../platform/i18n/locales.js';
import type { CourseSession, Location, Offer, Organization } from '../directory/index.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES } from '../directory/index.js';
import type { Audience, Mode, OfferType } from './codes.js';
import { createRandom, type Random } from './random.js';
import { DEMO_ORGANIZATIONS, type OrganizationProfile } from './demo-organizations.js';
import { COMMUNE_WEIGHTS, OPENING_HOURS, allLocales, communeOrThrow, mobilePlace, onlinePlace, physicalPlace } from './places.js';
import {
  SESSION_TYPES,
  easyDescriptions,
  offerDescription,
  offerName,
  pickAccessibility,
  costOfKind,
  pickCost,
  pickDefaultLocale,
  pickLanguages,
  pickLocaleSources,
  pickModes,
  versions,
  type CostChoice,
} from './offer-content.js';
import { ORGANIZATION_DESCRIPTION, SESSION_TITLE, fill } from './phrases.js';
import type { Texts } from './offer-texts.js';
import { isoWeekday, luxembourgDate, luxembourgInstant } from './local-time.js';

export interface DemoDirectory {
  readonly organizations: readonly Organization[];
  readonly locations: readonly Location[];
  readonly offers: readonly Offer[];
  readonly sessions: readonly CourseSession[];
}

export interface DemoOptions {
  readonly now: Date;
  readonly seed?: number | string;
}

export const DEFAULT_DEMO_SEED = 'zesummen-demo';
export const demoOrganizationId = (slug: string): string => `demo-org-${slug}`;

/** The untrusted demo provider's organisations: their newest offers wait for a moderator. */
export const UNTRUSTED_PROVIDER_ORGANIZATIONS = ['repair-cafe', 'computer-club-atert'] as const;
export const TRUSTED_PROVIDER_ORGANIZATIONS = ['digital-inclusion'] as const;

const DAY_MS = 86_400_000;
const STALE_SHARE = 0.12;

const REJECTION: Texts = {
  lb: "Demo: gitt w.e.g. d'Adress vun der Plaz un, wou d'Offer stattfënnt.",
  fr: "Démo : merci d'indiquer l'adresse du lieu où l'offre a lieu.",
  de: 'Demo: Bitte geben Sie die Adresse des Ortes an, an dem das Angebot stattfindet.',
  en: 'Demo: please give the address of the place where the offer takes place.',
  pt: 'Demonstração: indique a morada do local onde a oferta decorre.',
};

interface OfferPlan {
  readonly id: string;
  readonly profile: OrganizationProfile;
  readonly types: OfferType[];
  readonly audiences: Audience[];
  readonly defaultLocale: Locale;
  readonly languages: string[];
  readonly accessibility: string[];
  readonly modes: Mode[];
  cost: CostChoice;
  readonly locationIds: string[];
  readonly openingHours: string | null;
  readonly withSessions: boolean;
  moderation: 'approved' | 'pending' | 'rejected';
  active: boolean;
  readonly stale: boolean;
}

export function generateDemoDirectory(options: DemoOptions): DemoDirectory {
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const now = options.now.getTime();
  const daysAgo = (days: number): string => new Date(now - days * DAY_MS - random.int(0, 86_399) * 1000).toISOString();

  const organizations: Organization[] = [];
  const locations: Location[] = [];
  const placesOf = new Map<string, { physical: string[]; mobile: string | null; online: string | null }>();

  for (const profile of DEMO_ORGANIZATIONS) {
    const organizationId = demoOrganizationId(profile.slug);
    const createdAt = daysAgo(random.int(420, 900));
    organizations.push({
      id: organizationId,
      name: `${profile.name} (Demo)`,
      description: allLocales(ORGANIZATION_DESCRIPTION),
      email: `info@${profile.slug}.example`,
      phone: `+352 000 ${String(random.int(100, 999))} ${String(random.int(100, 999))}`,
      website: `https://${profile.slug}.example/`,
      isDemo: true,
      moderationStatus: 'approved',
      moderationReason: null,
      createdAt,
      updatedAt: createdAt,
    });
    const places = { physical: [] as string[], mobile: null as string | null, online: null as string | null };
    for (let i = 0; i < profile.locations; i++) {
      const commune = profile.communes[i] ? communeOrThrow(profile.communes[i]!) : random.weighted(COMMUNE_WEIGHTS);
      const id = `demo-loc-${String(locations.length + 1).padStart(3, '0')}`;
      locations.push(
        physicalPlace(random, { id, organizationId, label: profile.placeLabel, commune, at: createdAt, withNotes: true }),
      );
      places.physical.push(id);
    }
    const home = communeOrThrow(profile.communes[0] ?? 'luxembourg');
    if (profile.mobile) {
      places.mobile = `demo-loc-${String(locations.length + 1).padStart(3, '0')}`;
      locations.push(mobilePlace({ id: places.mobile, organizationId, organizationName: profile.name, commune: home, at: createdAt }));
    }
    if (profile.online) {
      places.online = `demo-loc-${String(locations.length + 1).padStart(3, '0')}`;
      locations.push(onlinePlace({ id: places.online, organizationId, organizationName: profile.name, at: createdAt }));
    }
    placesOf.set(profile.slug, places);
  }

  const plans: OfferPlan[] = [];
  for (const profile of DEMO_ORGANIZATIONS) {
    const places = placesOf.get(profile.slug)!;
    for (let j = 0; j < profile.offers; j++) {
      const primary = profile.types[j % profile.types.length]!;
      const types: OfferType[] = [primary];
      if (random.chance(0.35)) {
        const second = random.pick([...profile.types, 'helpdesk', 'course'] as OfferType[]);
        if (second !== primary) types.push(second);
      }
      const audiences: Audience[] = [random.pick(profile.audiences)];
      if (random.chance(0.3)) {
        const more = random.pick(profile.audiences);
        if (!audiences.includes(more)) audiences.push(more);
      }
      const defaultLocale = pickDefaultLocale(random);
      const modes = pickModes(random, { mobile: profile.mobile ?? false, online: profile.online ?? false });
      const locationIds: string[] = [];
      if (modes.includes('in_person') && places.physical.length > 0) {
        locationIds.push(...random.sample(places.physical, random.chance(0.25) ? 2 : 1));
      }
      if (places.mobile && (modes.includes('at_home') || random.chance(0.3))) locationIds.push(places.mobile);
      if (places.online && modes.includes('remote')) locationIds.push(places.online);
      const sessionFormat = SESSION_TYPES.has(primary) && random.chance(0.75);
      plans.push({
        id: `demo-offer-${String(plans.length + 1).padStart(4, '0')}`,
        profile,
        types,
        audiences,
        defaultLocale,
        languages: pickLanguages(random, defaultLocale, profile.languages ?? []),
        accessibility: pickAccessibility(random, audiences),
        modes,
        cost: pickCost(random, types),
        locationIds,
        openingHours: sessionFormat || random.chance(0.25) ? null : random.pick(OPENING_HOURS),
        withSessions: sessionFormat,
        moderation: 'approved',
        active: true,
        stale: random.chance(STALE_SHARE),
      });
    }
  }

  coverEveryCode(random, plans);
  setModerationExamples(random, plans);

  const offers: Offer[] = [];
  const sessions: CourseSession[] = [];
  for (const plan of plans) {
    const recent = plan.moderation !== 'approved';
    const checkedAt = recent ? daysAgo(random.int(1, 5)) : plan.stale ? daysAgo(random.int(190, 420)) : daysAgo(random.int(0, 150));
    const createdAt = recent ? checkedAt : new Date(Date.parse(checkedAt) - random.int(0, 300) * DAY_MS).toISOString();
    const sources = pickLocaleSources(random, plan.defaultLocale, 0.55);
    const choice = {
      types: plan.types,
      audiences: plan.audiences,
      modes: plan.modes,
      nameSuffix: plan.audiences[0] !== 'everyone' && random.chance(0.4) ? (plan.audiences[0] as Exclude<Audience, 'everyone'>) : null,
    };
    const description = versions(sources, (locale) => offerDescription(choice, locale));
    if (plan.accessibility.includes('easy_language')) {
      description.push(...easyDescriptions(choice, random.pick(['author', 'reviewed'] as const)));
    }
    const details = plan.cost.details;
    offers.push({
      id: plan.id,
      organizationId: demoOrganizationId(plan.profile.slug),
      defaultLocale: plan.defaultLocale,
      name: versions(sources, (locale) => offerName(choice, locale)),
      description,
      offerTypes: plan.types,
      audiences: plan.audiences,
      languages: plan.languages,
      accessibility: plan.accessibility,
      cost: plan.cost.cost,
      costDetails: details ? versions(sources, (locale) => details[locale]) : [],
      modes: plan.modes,
      openingHours: plan.openingHours,
      email: `${plan.types[0]!.replace(/_/g, '-')}@${plan.profile.slug}.example`,
      phone: random.chance(0.6) ? `+352 000 ${String(random.int(100, 999))} ${String(random.int(100, 999))}` : null,
      website: random.chance(0.5) ? `https://${plan.profile.slug}.example/${plan.id}` : null,
      bookingUrl: plan.withSessions && random.chance(0.2) ? `https://${plan.profile.slug}.example/booking` : null,
      locationIds: plan.locationIds,
      active: plan.active,
      moderationStatus: plan.moderation,
      moderationReason: plan.moderation === 'rejected' ? REJECTION[plan.defaultLocale] : null,
      checkedAt,
      isDemo: true,
      createdAt,
      updatedAt: checkedAt,
    });
    if (plan.withSessions) {
      const online = placesOf.get(plan.profile.slug)?.online;
      const venue = plan.locationIds.find((id) => id !== online) ?? null;
      sessions.push(...sessionsFor(random, { plan, now: options.now, venue, createdAt, firstNumber: sessions.length + 1, sources }));
    }
  }

  return { organizations, locations, offers, sessions };
}

/** Makes sure each code of each list is used at least once, so every filter finds something. */
function coverEveryCode(random: Random, plans: OfferPlan[]): void {
  const cover = (codes: readonly string[], has: (plan: OfferPlan, code: string) => boolean, add: (plan: OfferPlan, code: string) => void) => {
    for (const code of codes) if (!plans.some((plan) => has(plan, code))) add(random.pick(plans), code);
  };
  cover(OFFER_TYPES, (p, c) => p.types.includes(c as OfferType), (p, c) => p.types.push(c as OfferType));
  cover(AUDIENCES, (p, c) => p.audiences.includes(c as Audience), (p, c) => p.audiences.push(c as Audience));
  cover(ACCESSIBILITY, (p, c) => p.accessibility.includes(c), (p, c) => p.accessibility.push(c));
  cover(LANGUAGES, (p, c) => p.languages.includes(c), (p, c) => p.languages.push(c));
  cover(MODES, (p, c) => p.modes.includes(c as Mode), (p, c) => p.modes.push(c as Mode));
  for (const cost of COSTS) {
    if (!plans.some((plan) => plan.cost.cost === cost)) {
      const plan = plans.find((p) => !p.types.includes('affordable_devices') && p.cost.cost === 'free') ?? random.pick(plans);
      plan.cost = costOfKind(random, cost);
    }
  }
}

/** A few offers in each state a moderator or provider meets: new and waiting, rejected, paused. */
function setModerationExamples(random: Random, plans: OfferPlan[]): void {
  const providerPlans = plans.filter((p) => (UNTRUSTED_PROVIDER_ORGANIZATIONS as readonly string[]).includes(p.profile.slug));
  for (const plan of providerPlans.slice(-3)) plan.moderation = 'pending';
  const rejected = providerPlans[0];
  if (rejected) rejected.moderation = 'rejected';
  const others = plans.filter((p) => p.moderation === 'approved' && !providerPlans.includes(p));
  for (const plan of random.sample(others, 3)) plan.active = false;
}

const SLOTS: readonly (readonly [number, number])[] = [
  [9, 0],
  [9, 30],
  [14, 0],
  [14, 30],
  [18, 0],
  [18, 30],
];
const CAPACITIES = [6, 8, 10, 12, 15, 20];

function sessionsFor(
  random: Random,
  input: {
    plan: OfferPlan;
    now: Date;
    venue: string | null;
    createdAt: string;
    firstNumber: number;
    sources: ReadonlyMap<Locale, 'author' | 'machine' | 'reviewed'>;
  },
): CourseSession[] {
  const evening = input.plan.types[0] === 'parenting';
  let start = random.int(-20, 35);
  if (isoWeekday(luxembourgDate(input.now, start)) === 7) start += 1;
  const wanted = evening ? random.int(1, 2) : random.int(3, 8);
  const count = Math.max(1, Math.min(wanted, Math.floor((55 - start) / 7) + 1));
  const [hour, minute] = evening ? ([18, 30] as const) : random.pick(SLOTS);
  const minutes = evening ? 120 : random.pick([90, 120]);
  const capacity = random.pick(CAPACITIES);
  const result: CourseSession[] = [];
  for (let n = 1; n <= count; n++) {
    const startsAt = luxembourgInstant(luxembourgDate(input.now, start + (n - 1) * 7), hour, minute);
    result.push({
      id: `demo-session-${String(input.firstNumber + n - 1).padStart(4, '0')}`,
      offerId: input.plan.id,
      locationId: input.venue,
      title: count > 1 ? versions(input.sources, (locale) => fill(SESSION_TITLE[locale], { n })) : [],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
      capacity,
      cancelled: random.chance(0.04),
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    });
  }
  return result;
}

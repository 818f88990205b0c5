/** Attribute and text choices shared by the demo directory and the benchmark's scale directory. */
import { LOCALES, type Locale } from '../../platform/i18n/locales.js';
import type { Cost, Translation, TranslationSource } from '../directory/index.js';
import { ACCESSIBILITY, LANGUAGES } from '../directory/index.js';
import type { Audience, Mode, OfferType } from './codes.js';
import type { Random } from './random.js';
import { OFFER_TYPE_TEXTS, type Texts } from './offer-texts.js';
import {
  AUDIENCE_NAME_SUFFIX,
  AUDIENCE_SENTENCE,
  COST_CONDITIONS,
  COST_COURSE,
  COST_DEVICES,
  DEMO_NOTE,
  MODE_SENTENCE,
  fill,
} from './phrases.js';

/** Roughly how Luxembourg providers write: French first, then Luxembourgish and German. */
const DEFAULT_LOCALE_WEIGHTS: readonly (readonly [Locale, number])[] = [
  ['fr', 35],
  ['lb', 25],
  ['de', 20],
  ['en', 12],
  ['pt', 8],
];

/** Offers whose format is a dated series rather than open hours. */
export const SESSION_TYPES: ReadonlySet<OfferType> = new Set<OfferType>([
  'course',
  'computer_basics',
  'smartphone_tablet',
  'everyday_digital',
  'e_banking',
  'online_safety',
  'digital_culture',
  'digital_citizenship',
  'job_search',
  'entrepreneurship',
  'parenting',
  'creative_digital',
  'coding',
  'health_procedures',
]);

const RARE_LANGUAGES = LANGUAGES.filter((code) => !(LOCALES as readonly string[]).includes(code));

export function pickDefaultLocale(random: Random): Locale {
  return random.weighted(DEFAULT_LOCALE_WEIGHTS);
}

/** The author's language, one to three of the country's usual ones, sometimes a community language. */
export function pickLanguages(random: Random, defaultLocale: Locale, extra: readonly string[]): string[] {
  const chosen = new Set<string>([defaultLocale]);
  for (const code of random.sample(['lb', 'fr', 'de', 'en', 'pt'], random.int(1, 3))) chosen.add(code);
  if (extra.length > 0 && random.chance(0.6)) chosen.add(random.pick(extra));
  if (random.chance(0.08)) chosen.add(random.pick(RARE_LANGUAGES));
  return [...chosen];
}

export function pickAccessibility(random: Random, audiences: readonly Audience[]): string[] {
  const likely = audiences.includes('disabilities') ? 0.5 : audiences.includes('seniors') ? 0.2 : 0.08;
  return ACCESSIBILITY.filter(() => random.chance(likely));
}

export function pickModes(random: Random, options: { mobile?: boolean; online?: boolean }): Mode[] {
  const modes: Mode[] = [];
  if (!options.online || random.chance(0.6)) modes.push('in_person');
  if (options.online ? random.chance(0.7) : random.chance(0.12)) modes.push('remote');
  if (options.mobile ? random.chance(0.4) : random.chance(0.04)) modes.push('at_home');
  return modes.length > 0 ? modes : ['in_person'];
}

export interface CostChoice {
  readonly cost: Cost;
  /** Texts already filled in; null when the offer is simply free. */
  readonly details: Texts | null;
}

function filled(template: Texts, amount: number): Texts {
  const fillOne = (locale: Locale) => fill(template[locale], { amount });
  return { lb: fillOne('lb'), fr: fillOne('fr'), de: fillOne('de'), en: fillOne('en'), pt: fillOne('pt') };
}

export function costOfKind(random: Random, cost: Cost): CostChoice {
  if (cost === 'paid') return { cost, details: filled(COST_COURSE, random.int(2, 9) * 10) };
  return { cost, details: cost === 'free_conditions' ? COST_CONDITIONS : null };
}

export function pickCost(random: Random, types: readonly OfferType[]): CostChoice {
  if (types.includes('affordable_devices')) return { cost: 'paid', details: filled(COST_DEVICES, random.int(6, 18) * 10) };
  if (types.includes('course') && random.chance(0.3)) return { cost: 'paid', details: filled(COST_COURSE, random.int(2, 9) * 10) };
  if (random.chance(0.15)) return { cost: 'free_conditions', details: COST_CONDITIONS };
  if (random.chance(0.04)) return { cost: 'paid', details: filled(COST_COURSE, random.int(1, 4) * 5) };
  return { cost: 'free', details: null };
}

/** Which UI languages an offer's texts exist in, and who wrote each version. */
export type LocaleSources = ReadonlyMap<Locale, TranslationSource>;

const SOURCE_WEIGHTS: readonly (readonly [TranslationSource, number])[] = [
  ['machine', 50],
  ['reviewed', 30],
  ['author', 20],
];

/** `share` is the chance each other UI language has a version at all. */
export function pickLocaleSources(random: Random, defaultLocale: Locale, share: number): LocaleSources {
  const sources = new Map<Locale, TranslationSource>([[defaultLocale, 'author']]);
  for (const locale of LOCALES) {
    if (locale !== defaultLocale && random.chance(share)) sources.set(locale, random.weighted(SOURCE_WEIGHTS));
  }
  return sources;
}

export function versions(sources: LocaleSources, text: (locale: Locale) => string): Translation[] {
  return [...sources].map(([locale, source]) => ({ locale, value: text(locale), source }));
}

export interface OfferTextChoice {
  readonly types: readonly OfferType[];
  readonly audiences: readonly Audience[];
  readonly modes: readonly Mode[];
  /** Adds "for older people" and the like to the name. */
  readonly nameSuffix: Exclude<Audience, 'everyone'> | null;
}

export function offerName(choice: OfferTextChoice, locale: Locale): string {
  const base = OFFER_TYPE_TEXTS[choice.types[0] ?? 'helpdesk'].name[locale];
  return choice.nameSuffix ? `${base} – ${AUDIENCE_NAME_SUFFIX[choice.nameSuffix][locale]}` : base;
}

export function offerDescription(choice: OfferTextChoice, locale: Locale): string {
  const sentences = [OFFER_TYPE_TEXTS[choice.types[0] ?? 'helpdesk'].description[locale]];
  for (const audience of choice.audiences.slice(0, 2)) sentences.push(AUDIENCE_SENTENCE[audience][locale]);
  for (const mode of choice.modes) if (mode !== 'in_person') sentences.push(MODE_SENTENCE[mode][locale]);
  if (choice.modes.includes('in_person') && choice.modes.length === 1) sentences.push(MODE_SENTENCE.in_person[locale]);
  sentences.push(DEMO_NOTE[locale]);
  return sentences.join(' ');
}

/** Easy Language versions (German and French) of an offer's description. */
export function easyDescriptions(choice: OfferTextChoice, source: TranslationSource): Translation[] {
  const easy = OFFER_TYPE_TEXTS[choice.types[0] ?? 'helpdesk'].easy;
  return [
    { locale: 'de-easy', value: `${easy.de} ${DEMO_NOTE['de-easy']}`, source },
    { locale: 'fr-easy', value: `${easy.fr} ${DEMO_NOTE['fr-easy']}`, source },
  ];
}

/**
 * The load's query mix: hundreds of distinct, seeded searches combining what people typically
 * ask (a word, a commune or canton, a town and radius, a kind of help, a group, a language, a
 * sort, a later page). A rotating dozen would be answered by the result cache after the first
 * round and say nothing about the cost of a real search.
 */
import { createRandom, type Random } from '../src/modules/demo/index.js';
import { AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES, listCantons, listCommunes } from '../src/modules/directory/index.js';

const WORDS = ['smartphone', 'internet', 'computer', 'ordinateur', 'tablet', 'cours', 'digital', 'hëllef', 'aide', 'online', 'email', 'banking', 'kurs', 'curso'];
const TOWNS = ['Ettelbruck', 'Esch-sur-Alzette', 'Differdange', 'Wiltz', 'Clervaux', 'Echternach', 'Mersch', 'Grevenmacher', 'L-4010', 'L-1111', 'Diekirch', 'Remich'];
const COMMON_LANGUAGES = ['lb', 'fr', 'de', 'en', 'pt'];
const RADII = ['2', '5', '10', '20'];
const SORTS_WITHOUT_PLACE = ['relevance', 'relevance', 'relevance', 'name', 'next_session'];
const SORTS_WITH_PLACE = ['distance', 'distance', 'relevance', 'name', 'next_session'];

/** Page 1 most of the time, as people rarely go further. */
function page(random: Random): number {
  return random.weighted([
    [1, 70],
    [2, 15],
    [3, 8],
    [5, 5],
    [10, 2],
  ]);
}

function oneSearch(random: Random): string {
  const params = new URLSearchParams();
  if (random.chance(0.3)) params.append('q', random.pick(WORDS));
  const where = random.weighted([
    ['commune', 35],
    ['canton', 20],
    ['near', 25],
    ['nowhere', 20],
  ] as const);
  if (where === 'commune') params.append('commune', random.pick(listCommunes()).id);
  if (where === 'canton') params.append('canton', random.pick(listCantons()).id);
  if (where === 'near') {
    params.append('near', random.pick(TOWNS));
    params.append('radius', random.pick(RADII));
  }
  const filters = random.int(where === 'nowhere' ? 1 : 0, 3);
  const kinds = random.sample(['type', 'audience', 'language', 'cost', 'mode'] as const, filters);
  for (const kind of kinds) {
    // Most people look for help in one of the country's usual languages.
    const languages = random.chance(0.7) ? COMMON_LANGUAGES : LANGUAGES;
    const vocabulary = { type: OFFER_TYPES, audience: AUDIENCES, language: languages, cost: COSTS, mode: MODES }[kind];
    for (const value of random.sample(vocabulary, random.chance(0.2) ? 2 : 1)) params.append(kind, value);
  }
  const sort = random.pick(where === 'near' ? SORTS_WITH_PLACE : SORTS_WITHOUT_PLACE);
  if (sort !== (where === 'near' ? 'distance' : 'relevance')) params.append('sort', sort);
  const p = page(random);
  if (p > 1) params.append('page', String(p));
  return params.toString();
}

/** `count` distinct query strings (without "?"), the same ones for the same seed. */
export function searchMix(count: number, seed = 'bench-queries'): string[] {
  const random = createRandom(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 20; tries += 1) out.add(oneSearch(random));
  return [...out];
}

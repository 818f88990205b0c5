import { h, Fragment, type SafeHtml } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { ErrorSummary, SubmitButton, TextField, type FormState, type Option } from '../../../../platform/views/form-components.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES } from '../../vocabulary.js';
import { PAGE_SIZE, RADII, SORTS } from '../../public.schema.js';
import { CantonSelect, CommuneSelect, OfferCard, Pagination } from './components.js';
import { ResultsMap, type MapMarker } from './map.js';
import type { FacetCounts, OfferListing } from './view-model.js';

export interface SearchResultsView {
  readonly listings: readonly OfferListing[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly facets: FacetCounts;
  /** The query string without page, to build page and calendar links. */
  readonly queryString: string;
  readonly hasPlace: boolean;
}

export interface SearchPageProps {
  readonly ctx: PageContext;
  readonly form: FormState;
  /** Null when the form has errors: the page shows the form and the messages only. */
  readonly results: SearchResultsView | null;
}

function chosen(form: FormState, name: string): Set<string> {
  const raw = form.values[name];
  return new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
}

/** A checkbox group whose labels carry the number of offers each value would find. */
function FacetGroup(props: {
  form: FormState;
  name: string;
  legend: string;
  options: readonly Option[];
  counts: Readonly<Record<string, number>> | undefined;
  hideEmpty?: boolean;
}): SafeHtml {
  const { form, name, legend, options, counts, hideEmpty } = props;
  const selected = chosen(form, name);
  const error = form.errors[name];
  // Long lists show only the values that would find something; all of them when there is nothing to count.
  const visible = options.filter((o) => !hideEmpty || error || !counts || selected.has(o.value) || (counts[o.value] ?? 0) > 0);
  if (visible.length === 0) return h('span', null);
  return (
    <fieldset class={`choices facet${error ? ' field--error' : ''}`} id={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p class="field-error" id={`${name}-error`}>
          <span class="visually-hidden">{form.t('forms.error_prefix')} </span>
          {form.t(error.key, error.values)}
        </p>
      ) : null}
      {visible.map((o) => {
        const id = `${name}-${o.value}`;
        const count = counts?.[o.value];
        return (
          <div class="choice">
            <input type="checkbox" id={id} name={name} value={o.value} checked={selected.has(o.value)} />
            <label for={id}>
              {o.label}
              {count !== undefined ? <span class="count"> ({count})</span> : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

// The labels of a vocabulary, per language's translate function: the same for every search.
const labelledCodes = new WeakMap<PageContext['t'], Map<string, Option[]>>();

function codes(ctx: PageContext, list: readonly string[], vocab: string): Option[] {
  let byVocab = labelledCodes.get(ctx.t);
  if (!byVocab) labelledCodes.set(ctx.t, (byVocab = new Map()));
  let options = byVocab.get(vocab);
  if (!options) byVocab.set(vocab, (options = list.map((code) => ({ value: code, label: ctx.t(`directory.vocab.${vocab}.${code}`) }))));
  return options;
}

function Filters({ ctx, form, facets }: { ctx: PageContext; form: FormState; facets: FacetCounts }): SafeHtml {
  const { t } = ctx;
  const radius = String(form.values.radius ?? '') || '10';
  return (
    <>
      <CommuneSelect ctx={ctx} form={form} label={t('directory.public.commune')} />
      <CantonSelect ctx={ctx} form={form} label={t('directory.public.canton')} />
      <div class={form.errors.radius ? 'field field--error' : 'field'}>
        <label for="radius">{t('directory.search.radius')}</label>
        <select id="radius" name="radius">
          {RADII.map((r) => (
            <option value={r} selected={r === radius}>
              {t('directory.search.radius_km', { km: Number(r) })}
            </option>
          ))}
        </select>
      </div>
      <FacetGroup form={form} name="type" legend={t('directory.search.type')} options={codes(ctx, OFFER_TYPES, 'offer_type')} counts={facets.type} hideEmpty />
      <FacetGroup form={form} name="audience" legend={t('directory.search.audience')} options={codes(ctx, AUDIENCES, 'audience')} counts={facets.audience} hideEmpty />
      <FacetGroup form={form} name="language" legend={t('directory.search.language')} options={codes(ctx, LANGUAGES, 'language')} counts={facets.language} hideEmpty />
      <FacetGroup form={form} name="access" legend={t('directory.search.access')} options={codes(ctx, ACCESSIBILITY, 'accessibility')} counts={facets.access} />
      <FacetGroup form={form} name="cost" legend={t('directory.search.cost')} options={codes(ctx, COSTS, 'cost')} counts={facets.cost} />
      <FacetGroup form={form} name="mode" legend={t('directory.search.mode')} options={codes(ctx, MODES, 'mode')} counts={facets.mode} />
      <fieldset class="choices">
        <legend>{t('directory.search.when')}</legend>
        <div class="choice">
          <input type="checkbox" id="open" name="open" value="1" checked={form.values.open === '1'} />
          <label for="open">{t('directory.search.open_now')}</label>
        </div>
        <TextField form={form} name="from" type="date" label={t('directory.search.from')} hint={t('directory.search.date_hint')} />
        <TextField form={form} name="to" type="date" label={t('directory.search.to')} hint={t('directory.search.date_hint')} />
      </fieldset>
    </>
  );
}

function Results({ ctx, form, results }: { ctx: PageContext; form: FormState; results: SearchResultsView }): SafeHtml {
  const { t } = ctx;
  const sort = String(form.values.sort ?? '') || (results.hasPlace ? 'distance' : 'relevance');
  const pageLink = (page: number) => href(ctx, `/search?${results.queryString}${results.queryString ? '&' : ''}page=${page}`);
  const markers: MapMarker[] = results.listings.flatMap((listing) =>
    listing.locations
      .filter((l) => l.latitude !== null && l.longitude !== null)
      .slice(0, 1)
      .map((l) => ({ lat: l.latitude as number, lon: l.longitude as number, label: l.name })),
  );
  const communeIds = results.listings.flatMap((l) => l.locations.map((loc) => loc.communeId).filter((id): id is string => id !== null));
  return (
    <section class="results" aria-labelledby="results-heading">
      <div class="results-head">
        <h2 id="results-heading">{t('directory.search.count', { count: results.total })}</h2>
        <div class="sort-row">
          <label for="sort">{t('directory.search.sort')}</label>
          <select id="sort" name="sort">
            {SORTS.filter((s) => s !== 'distance' || results.hasPlace).map((s) => (
              <option value={s} selected={s === sort}>
                {t(`directory.search.sort_${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" class="button button--secondary">
            {t('directory.search.sort_apply')}
          </button>
        </div>
      </div>
      {results.total === 0 ? <p>{t('directory.search.none')}</p> : null}
      {results.listings.length > 0 ? (
        <ol class="result-list" start={(results.page - 1) * PAGE_SIZE + 1}>
          {results.listings.map((listing) => (
            <li>
              <OfferCard ctx={ctx} listing={listing} />
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination ctx={ctx} page={results.page} pages={results.pages} link={pageLink} />
      {markers.length > 0 ? (
        <details class="map-details">
          <summary>{t('directory.search.show_map')}</summary>
          <ResultsMap
            baseMapUrl="/maps/lu-communes.svg"
            title={t('directory.search.map_title')}
            description={t('directory.search.map_description', { count: markers.length })}
            communeIds={communeIds}
            markers={markers}
          />
        </details>
      ) : null}
      <p>
        <a href={href(ctx, `/search.ics${results.queryString ? `?${results.queryString}` : ''}`)} type="text/calendar">
          {t('directory.search.ics_link')}
        </a>
      </p>
    </section>
  );
}

const FILTER_FIELDS = ['commune', 'canton', 'type', 'audience', 'language', 'access', 'cost', 'mode', 'open', 'from', 'to'];

/** Closed on first visit to keep results near the top on a phone; open once a filter is in use. */
function filtersOpen(form: FormState): boolean {
  if (Object.keys(form.errors).length > 0) return true;
  return FILTER_FIELDS.some((name) => {
    const value = form.values[name];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
}

export function SearchPage({ ctx, form, results }: SearchPageProps) {
  const { t } = ctx;
  const labels: Record<string, string> = {
    q: t('directory.search.q'),
    near: t('directory.search.near'),
    commune: t('directory.public.commune'),
    canton: t('directory.public.canton'),
    radius: t('directory.search.radius'),
    type: t('directory.search.type'),
    audience: t('directory.search.audience'),
    language: t('directory.search.language'),
    access: t('directory.search.access'),
    cost: t('directory.search.cost'),
    mode: t('directory.search.mode'),
    from: t('directory.search.from'),
    to: t('directory.search.to'),
    sort: t('directory.search.sort'),
    lat: t('directory.search.my_location'),
    lon: t('directory.search.my_location'),
    page: t('directory.search.page'),
  };
  const title = Object.keys(form.errors).length > 0 ? t('directory.search.title_errors') : t('directory.search.title');
  return (
    <Layout ctx={ctx} title={title} scripts={['/static/js/directory-search.js']}>
      <div class="wrap">
        <h1>{t('directory.search.heading')}</h1>
        <ErrorSummary form={form} labels={labels} />
        <form method="get" action={href(ctx, '/search')} id="search-form" class="search-form" novalidate>
          <div class="search-main">
            <TextField form={form} name="q" type="search" label={labels.q as string} hint={t('directory.search.q_hint')} maxlength={200} />
            <TextField form={form} name="near" label={labels.near as string} hint={t('directory.search.near_hint')} maxlength={100} />
            <input type="hidden" name="lat" value={String(form.values.lat ?? '')} />
            <input type="hidden" name="lon" value={String(form.values.lon ?? '')} />
            <p class="geolocate" hidden data-label={t('directory.search.use_location')} data-busy={t('directory.search.locating')} data-failed={t('directory.search.location_failed')} data-done={t('directory.search.location_found')}></p>
            <SubmitButton>{t('directory.search.submit')}</SubmitButton>
          </div>
          <div class="results-layout">
            <details class="filters" open={filtersOpen(form) || undefined}>
              <summary>{t('directory.search.filters')}</summary>
              <Filters ctx={ctx} form={form} facets={results?.facets ?? {}} />
              <SubmitButton>{t('directory.search.apply_filters')}</SubmitButton>
            </details>
            {results ? <Results ctx={ctx} form={form} results={results} /> : <p>{t('directory.search.fix_errors')}</p>}
          </div>
        </form>
      </div>
    </Layout>
  );
}

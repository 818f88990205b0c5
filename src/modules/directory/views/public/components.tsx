import { h, Fragment, type SafeHtml } from '../../../../platform/views/jsx.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { FormState } from '../../../../platform/views/form-components.js';
import { cantonName, communeName, communesInCanton, getCanton, getCommune, listCantons } from '../../geography/geography.js';
import type { Location } from '../../directory.model.js';
import { formatDate, formatDateTime, formatKm, langIfOther, pickText } from './text.js';
import type { OfferListing, SessionView } from './view-model.js';

function single(form: FormState, name: string): string {
  const value = form.values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function FieldError({ form, name }: { form: FormState; name: string }): SafeHtml {
  const error = form.errors[name];
  if (!error) return h('span', null);
  return (
    <p class="field-error" id={`${name}-error`}>
      <span class="visually-hidden">{form.t('forms.error_prefix')} </span>
      {form.t(error.key, error.values)}
    </p>
  );
}

/*
 * The commune and canton selects are the same for every search in a language but for the
 * chosen value, and sorting and rendering a hundred communes is a good part of a results
 * page; so each is rendered once per language, label and valid choice (a few hundred at most).
 */
const renderedSelects = new Map<string, SafeHtml>();

function remembered(key: string, render: () => SafeHtml): SafeHtml {
  let found = renderedSelects.get(key);
  if (!found) renderedSelects.set(key, (found = render()));
  return found;
}

/** A select of communes grouped by canton, the way people in Luxembourg think of places. */
export function CommuneSelect(props: { ctx: PageContext; form: FormState; name?: string; label: string }): SafeHtml {
  const { ctx, form, name = 'commune', label } = props;
  const current = single(form, name);
  if (form.errors[name] || (current !== '' && !getCommune(current))) return renderCommuneSelect(props);
  return remembered(`commune\u0000${ctx.locale}\u0000${name}\u0000${label}\u0000${current}`, () => renderCommuneSelect(props));
}

function renderCommuneSelect({ ctx, form, name = 'commune', label }: { ctx: PageContext; form: FormState; name?: string; label: string }): SafeHtml {
  const current = single(form, name);
  const collator = new Intl.Collator(ctx.locale);
  const cantons = [...listCantons()].sort((a, b) => collator.compare(cantonName(a, ctx.locale), cantonName(b, ctx.locale)));
  return (
    <div class={form.errors[name] ? 'field field--error' : 'field'}>
      <label for={name}>
        {label}
        <span class="optional"> ({ctx.t('forms.optional')})</span>
      </label>
      <FieldError form={form} name={name} />
      <select id={name} name={name} aria-invalid={form.errors[name] ? 'true' : undefined} aria-describedby={form.errors[name] ? `${name}-error` : undefined}>
        <option value="">{ctx.t('directory.public.any_commune')}</option>
        {cantons.map((canton) => (
          <optgroup label={ctx.t('directory.public.canton_group', { name: cantonName(canton, ctx.locale) })}>
            {[...communesInCanton(canton.id)]
              .sort((a, b) => collator.compare(communeName(a, ctx.locale), communeName(b, ctx.locale)))
              .map((commune) => (
                <option value={commune.id} selected={commune.id === current}>
                  {communeName(commune, ctx.locale)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function CantonSelect(props: { ctx: PageContext; form: FormState; label: string }): SafeHtml {
  const { ctx, form, label } = props;
  const current = single(form, 'canton');
  if (form.errors.canton || (current !== '' && !getCanton(current))) return renderCantonSelect(props);
  return remembered(`canton\u0000${ctx.locale}\u0000${label}\u0000${current}`, () => renderCantonSelect(props));
}

function renderCantonSelect({ ctx, form, label }: { ctx: PageContext; form: FormState; label: string }): SafeHtml {
  const current = single(form, 'canton');
  const collator = new Intl.Collator(ctx.locale);
  const cantons = [...listCantons()].sort((a, b) => collator.compare(cantonName(a, ctx.locale), cantonName(b, ctx.locale)));
  return (
    <div class={form.errors.canton ? 'field field--error' : 'field'}>
      <label for="canton">
        {label}
        <span class="optional"> ({ctx.t('forms.optional')})</span>
      </label>
      <FieldError form={form} name="canton" />
      <select id="canton" name="canton" aria-invalid={form.errors.canton ? 'true' : undefined} aria-describedby={form.errors.canton ? 'canton-error' : undefined}>
        <option value="">{ctx.t('directory.public.any_canton')}</option>
        {cantons.map((canton) => (
          <option value={canton.id} selected={canton.id === current}>
            {cantonName(canton, ctx.locale)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function communeLabel(location: Location, ctx: PageContext): string | null {
  const commune = location.communeId ? getCommune(location.communeId) : undefined;
  return commune ? communeName(commune, ctx.locale) : location.locality;
}

export function OpenState({ ctx, open }: { ctx: PageContext; open: boolean | null }): SafeHtml {
  if (open === null) return h('span', null);
  // A symbol and a word, never colour alone.
  return open ? (
    <span class="open-state open-state--open">
      <span aria-hidden="true">● </span>
      {ctx.t('directory.public.open_now')}
    </span>
  ) : (
    <span class="open-state open-state--closed">
      <span aria-hidden="true">○ </span>
      {ctx.t('directory.public.closed_now')}
    </span>
  );
}

export function PlacesLeft({ ctx, view }: { ctx: PageContext; view: SessionView }): SafeHtml {
  if (view.session.cancelled) return <strong class="badge badge--warning">{ctx.t('directory.public.session_cancelled')}</strong>;
  return view.placesLeft > 0 ? (
    <span>{ctx.t('directory.public.places_left', { count: view.placesLeft })}</span>
  ) : (
    <strong>{ctx.t('directory.public.full_waitlist')}</strong>
  );
}

interface RenderedCard {
  readonly listing: Pick<OfferListing, 'offer' | 'organization' | 'locations'>;
  readonly heading: SafeHtml;
  readonly places: string;
  readonly tags: SafeHtml;
  readonly checked: SafeHtml;
}

/**
 * What a result card shows that depends on the offer and the language only, rendered once and
 * kept for the next results page that lists the offer. A write gives the offer, its
 * organisation or places new objects, which is how a kept rendering knows it is out of date.
 */
const renderedCards = new Map<string, RenderedCard>();
const RENDERED_CARDS = 20_000;

function staticCardParts(ctx: PageContext, listing: OfferListing, headingLevel: 2 | 3): RenderedCard {
  const key = `${ctx.locale}\u0000${headingLevel}\u0000${listing.offer.id}`;
  const kept = renderedCards.get(key);
  if (kept && kept.listing.offer === listing.offer && kept.listing.organization === listing.organization && kept.listing.locations === listing.locations) {
    return kept;
  }
  const { offer, organization, locations } = listing;
  const name = pickText(offer.name, ctx.locale, { fallback: offer.defaultLocale });
  const places = [...new Set(locations.map((l) => communeLabel(l, ctx)).filter((n): n is string => n !== null))];
  const title = (
    <a href={href(ctx, `/offers/${offer.id}`)} lang={langIfOther(name, ctx.locale)}>
      {name?.value ?? offer.id}
    </a>
  );
  const rendered: RenderedCard = {
    listing: { offer, organization, locations },
    heading: headingLevel === 2 ? <h2>{title}</h2> : <h3>{title}</h3>,
    places: `${organization.name}${places.length > 0 ? ` · ${places.join(', ')}` : ''}`,
    tags: (
      <p>
        {offer.offerTypes.map((code) => (
          <span class="tag">{ctx.t(`directory.vocab.offer_type.${code}`)}</span>
        ))}
        <span class="tag">{ctx.t(`directory.vocab.cost.${offer.cost}`)}</span>
      </p>
    ),
    checked: <p class="meta checked">{ctx.t('directory.public.checked_on', { date: formatDate(offer.checkedAt, ctx.locale) })}</p>,
  };
  renderedCards.delete(key);
  renderedCards.set(key, rendered);
  if (renderedCards.size > RENDERED_CARDS) renderedCards.delete(renderedCards.keys().next().value!);
  return rendered;
}

/** One result: everything a person needs to decide whether to open it. */
export function OfferCard({ ctx, listing, headingLevel = 2 }: { ctx: PageContext; listing: OfferListing; headingLevel?: 2 | 3 }): SafeHtml {
  const { nextSession, distanceKm, openNow } = listing;
  const card = staticCardParts(ctx, listing, headingLevel);
  return (
    <article class="card offer-card">
      {card.heading}
      <p class="meta">
        {card.places}
        {distanceKm !== null ? ` · ${ctx.t('directory.public.distance', { km: formatKm(distanceKm, ctx.locale) })}` : ''}
      </p>
      {card.tags}
      <OpenState ctx={ctx} open={openNow} />
      {nextSession ? (
        <p>{ctx.t('directory.public.next_session', { when: formatDateTime(nextSession.startsAt, ctx.locale) })}</p>
      ) : null}
      {card.checked}
    </article>
  );
}

/** Previous/next and numbered links; each keeps the rest of the query. */
export function Pagination({ ctx, page, pages, link }: { ctx: PageContext; page: number; pages: number; link: (page: number) => string }): SafeHtml {
  if (pages <= 1) return h('span', null);
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={ctx.t('directory.public.pagination')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {ctx.t('directory.public.previous_page')}
            </a>
          </li>
        ) : null}
        {shown.map((p, index) => (
          <>
            {index > 0 && p - (shown[index - 1] ?? p) > 1 ? <li aria-hidden="true">…</li> : null}
            <li>
              <a href={link(p)} aria-current={p === page ? 'page' : undefined} aria-label={ctx.t('directory.public.page_n', { page: p })}>
                {p}
              </a>
            </li>
          </>
        ))}
        {page < pages ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {ctx.t('directory.public.next_page')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Text the provider wrote, paragraph by paragraph, escaped like everything else. */
export function Paragraphs({ text, lang }: { text: string; lang?: string }): SafeHtml {
  return (
    <div class="prose" lang={lang}>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </div>
  );
}

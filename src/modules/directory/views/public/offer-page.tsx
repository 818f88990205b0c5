import { h, jsonScript, type SafeHtml } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LOCALE_NAMES, isLocale } from '../../../../platform/i18n/locales.js';
import type { Location, Offer, Organization } from '../../directory.model.js';
import { Paragraphs, PlacesLeft, communeLabel } from './components.js';
import { OpeningHoursTable } from './opening-hours-table.js';
import { formatDate, formatDateTime, formatTime, hasEasyVersion, langIfOther, pickText } from './text.js';
import type { SessionView } from './view-model.js';

export interface OfferPageProps {
  readonly ctx: PageContext;
  readonly offer: Offer;
  readonly organization: Organization;
  readonly locations: readonly Location[];
  readonly sessions: readonly SessionView[];
  readonly easy: boolean;
  readonly now: Date;
  readonly jsonLd: unknown;
}

function languageLabel(lang: string): string {
  return isLocale(lang) ? LOCALE_NAMES[lang] : lang;
}

export function Address({ ctx, location }: { ctx: PageContext; location: Location }): SafeHtml {
  const commune = communeLabel(location, ctx);
  const lines = [location.address, [location.postalCode ? `L-${location.postalCode.replace(/^L-?/i, '')}` : null, location.locality ?? commune].filter(Boolean).join(' ')];
  return (
    <address>
      {lines
        .filter((line): line is string => Boolean(line))
        .map((line, index) => (index === 0 ? line : [h('br', null), line]))}
    </address>
  );
}

function Facts({ ctx, offer }: { ctx: PageContext; offer: Offer }): SafeHtml {
  const { t } = ctx;
  const costDetails = pickText(offer.costDetails, ctx.locale, { fallback: offer.defaultLocale });
  const row = (label: string, values: readonly string[]) =>
    values.length === 0 ? null : (
      <div>
        <dt>{label}</dt>
        <dd>{values.join(', ')}</dd>
      </div>
    );
  return (
    <dl class="facts">
      {row(t('directory.offer.types'), offer.offerTypes.map((c) => t(`directory.vocab.offer_type.${c}`)))}
      {row(t('directory.offer.audiences'), offer.audiences.map((c) => t(`directory.vocab.audience.${c}`)))}
      {row(t('directory.offer.languages'), offer.languages.map((c) => t(`directory.vocab.language.${c}`)))}
      <div>
        <dt>{t('directory.offer.cost')}</dt>
        <dd>
          {t(`directory.vocab.cost.${offer.cost}`)}
          {costDetails ? [' – ', <span lang={langIfOther(costDetails, ctx.locale)}>{costDetails.value}</span>] : null}
        </dd>
      </div>
      {row(t('directory.offer.modes'), offer.modes.map((c) => t(`directory.vocab.mode.${c}`)))}
      {row(t('directory.offer.accessibility'), offer.accessibility.map((c) => t(`directory.vocab.accessibility.${c}`)))}
    </dl>
  );
}

function Contact({ ctx, offer, organization }: { ctx: PageContext; offer: Offer; organization: Organization }): SafeHtml {
  const { t } = ctx;
  const email = offer.email ?? organization.email;
  const phone = offer.phone ?? organization.phone;
  const website = offer.website ?? organization.website;
  if (!email && !phone && !website && !offer.bookingUrl) return h('span', null);
  return (
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('directory.offer.contact')}</h2>
      <ul class="link-list">
        {phone ? (
          <li>
            {t('directory.offer.phone')} <a href={`tel:${phone.replace(/[^+\d]/g, '')}`}>{phone}</a>
          </li>
        ) : null}
        {email ? (
          <li>
            {t('directory.offer.email')} <a href={`mailto:${email}`}>{email}</a>
          </li>
        ) : null}
        {website ? (
          <li>
            <a href={website} rel="noopener">
              {t('directory.offer.website')}
            </a>
          </li>
        ) : null}
        {offer.bookingUrl ? (
          <li>
            <a href={offer.bookingUrl} rel="noopener" class="button">
              {t('directory.offer.book')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function Sessions({ ctx, sessions, offer }: { ctx: PageContext; sessions: readonly SessionView[]; offer: Offer }): SafeHtml {
  const { t } = ctx;
  if (sessions.length === 0) return h('span', null);
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('directory.offer.sessions')}</h2>
      <ul class="session-list">
        {sessions.map((view) => {
          const title = pickText(view.session.title, ctx.locale, { fallback: offer.defaultLocale });
          return (
            <li class="card">
              <p>
                <strong>{formatDateTime(view.session.startsAt, ctx.locale)}</strong>
                {` – ${formatTime(view.session.endsAt, ctx.locale)}`}
              </p>
              {title ? <p lang={langIfOther(title, ctx.locale)}>{title.value}</p> : null}
              {view.location ? <p class="meta">{[view.location.name, communeLabel(view.location, ctx)].filter(Boolean).join(', ')}</p> : null}
              <p>
                <PlacesLeft ctx={ctx} view={view} />
              </p>
              {view.session.cancelled ? null : (
                <p>
                  <a class="button" href={href(ctx, `/sessions/${view.session.id}/register`)}>
                    {view.placesLeft > 0 ? t('directory.offer.register') : t('directory.offer.join_waitlist')}
                    <span class="visually-hidden">{` – ${formatDateTime(view.session.startsAt, ctx.locale)}`}</span>
                  </a>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        <a href={href(ctx, `/offers/${offer.id}/calendar.ics`)} type="text/calendar">
          {t('directory.offer.ics_link')}
        </a>
      </p>
    </section>
  );
}

export function OfferPage({ ctx, offer, organization, locations, sessions, easy, now, jsonLd }: OfferPageProps) {
  const { t } = ctx;
  const name = pickText(offer.name, ctx.locale, { fallback: offer.defaultLocale, easy });
  const description = pickText(offer.description, ctx.locale, { fallback: offer.defaultLocale, easy });
  const easyExists = hasEasyVersion(offer.description, ctx.locale);
  const title = name?.value ?? offer.id;
  return (
    <Layout ctx={ctx} title={title} head={<script type="application/ld+json">{jsonScript(jsonLd)}</script>}>
      <div class="wrap offer-page">
        <h1 lang={langIfOther(name, ctx.locale)}>{title}</h1>
        <p class="meta">
          {t('directory.offer.by')} <a href={href(ctx, `/organizations/${organization.id}`)}>{organization.name}</a>
        </p>
        {description?.otherLanguage ? (
          <p class="notice">{t('directory.offer.other_language', { language: languageLabel(description.lang) })}</p>
        ) : null}
        {description?.source === 'machine' ? <p class="notice">{t('directory.offer.machine_translated')}</p> : null}
        {easyExists ? (
          <p>
            {easy ? (
              <a href={href(ctx, `/offers/${offer.id}`)}>{t('directory.offer.standard_version')}</a>
            ) : (
              <a href={href(ctx, `/offers/${offer.id}?easy=1`)}>{t('directory.offer.easy_version')}</a>
            )}
          </p>
        ) : null}
        {description ? <Paragraphs text={description.value} lang={langIfOther(description, ctx.locale)} /> : null}
        <Facts ctx={ctx} offer={offer} />
        {offer.openingHours ? <OpeningHoursTable ctx={ctx} hours={offer.openingHours} now={now} caption={t('directory.offer.hours')} /> : null}
        {locations.length > 0 ? (
          <section aria-labelledby="places-heading">
            <h2 id="places-heading">{t('directory.offer.places', { count: locations.length })}</h2>
            {locations.map((location) => (
              <div class="card">
                <h3>{location.name}</h3>
                {location.locationType === 'virtual' ? <p>{t('directory.offer.online_place')}</p> : <Address ctx={ctx} location={location} />}
                {location.accessibility.length > 0 ? (
                  <p>{location.accessibility.map((c) => t(`directory.vocab.accessibility.${c}`)).join(', ')}</p>
                ) : null}
                <OpeningHoursTable ctx={ctx} hours={location.openingHours} now={now} caption={t('directory.offer.hours_at', { place: location.name })} />
              </div>
            ))}
          </section>
        ) : null}
        <Contact ctx={ctx} offer={offer} organization={organization} />
        <Sessions ctx={ctx} sessions={sessions} offer={offer} />
        <p class="meta">{t('directory.public.checked_on', { date: formatDate(offer.checkedAt, ctx.locale) })}</p>
        <ul class="link-list no-print">
          <li>
            <a href={href(ctx, `/offers/${offer.id}/print`)}>{t('directory.offer.print_link')}</a>
          </li>
          <li>
            <a href={href(ctx, `/offers/${offer.id}/report`)}>{t('directory.offer.report_link')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

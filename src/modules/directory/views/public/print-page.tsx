import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Location, Offer, Organization } from '../../directory.model.js';
import { qrSvg } from '../../../../platform/views/qr.js';
import { Address } from './offer-page.js';
import { OpeningHoursTable } from './opening-hours-table.js';
import { formatDate, formatDateTime, langIfOther, pickText } from './text.js';
import type { SessionView } from './view-model.js';

/** One sheet to hand out or pin up: large text, the essentials, a QR code to the full page. */
export function PrintPage(props: {
  ctx: PageContext;
  offer: Offer;
  organization: Organization;
  locations: readonly Location[];
  sessions: readonly SessionView[];
  now: Date;
}) {
  const { ctx, offer, organization, locations, sessions, now } = props;
  const { t } = ctx;
  const name = pickText(offer.name, ctx.locale, { fallback: offer.defaultLocale });
  const description = pickText(offer.description, ctx.locale, { fallback: offer.defaultLocale, easy: true });
  const pageUrl = `${ctx.publicUrl}${href(ctx, `/offers/${offer.id}`)}`;
  const phone = offer.phone ?? organization.phone;
  const email = offer.email ?? organization.email;
  return (
    <Layout ctx={ctx} title={name?.value ?? offer.id} bare>
      <div class="print-sheet">
        <p class="no-print">
          <a href={href(ctx, `/offers/${offer.id}`)}>{t('directory.print.back')}</a>
        </p>
        <h1 lang={langIfOther(name, ctx.locale)}>{name?.value ?? offer.id}</h1>
        <p class="print-org">{organization.name}</p>
        {description ? (
          <p class="print-description" lang={langIfOther(description, ctx.locale)}>
            {description.value.split(/\n\s*\n/)[0]}
          </p>
        ) : null}
        <p>
          <strong>{t(`directory.vocab.cost.${offer.cost}`)}</strong>
          {offer.languages.length > 0 ? ` · ${offer.languages.map((c) => t(`directory.vocab.language.${c}`)).join(', ')}` : ''}
        </p>
        {locations.slice(0, 2).map((location) => (
          <div class="print-place">
            <h2>{location.name}</h2>
            <Address ctx={ctx} location={location} />
            <OpeningHoursTable ctx={ctx} hours={location.openingHours ?? offer.openingHours} now={now} caption={t('directory.offer.hours')} />
          </div>
        ))}
        {sessions.length > 0 ? (
          <div>
            <h2>{t('directory.offer.sessions')}</h2>
            <ul>
              {sessions.slice(0, 4).map((view) => (
                <li>{formatDateTime(view.session.startsAt, ctx.locale)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p class="print-contact">
          {phone ? [t('directory.offer.phone'), ' ', <strong>{phone}</strong>, h('br', null)] : null}
          {email ? [t('directory.offer.email'), ' ', <strong>{email}</strong>] : null}
        </p>
        <div class="print-qr">
          {qrSvg(pageUrl, t('directory.print.qr_label'))}
          <p>
            {t('directory.print.scan')}
            <br />
            <span class="print-url">{pageUrl}</span>
          </p>
        </div>
        <p class="meta">{t('directory.public.checked_on', { date: formatDate(offer.checkedAt, ctx.locale) })}</p>
      </div>
    </Layout>
  );
}

import { h, jsonScript } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { PageContext } from '../../../../platform/http/context.js';
import type { Organization } from '../../directory.model.js';
import { OfferCard, Paragraphs } from './components.js';
import { langIfOther, pickText } from './text.js';
import type { OfferListing } from './view-model.js';

export function OrganizationPage(props: { ctx: PageContext; organization: Organization; listings: readonly OfferListing[]; jsonLd: unknown }) {
  const { ctx, organization, listings, jsonLd } = props;
  const { t } = ctx;
  const description = pickText(organization.description, ctx.locale, { fallback: ctx.locale });
  return (
    <Layout ctx={ctx} title={organization.name} head={<script type="application/ld+json">{jsonScript(jsonLd)}</script>}>
      <div class="wrap">
        <h1>{organization.name}</h1>
        {description ? <Paragraphs text={description.value} lang={langIfOther(description, ctx.locale)} /> : null}
        <ul class="link-list">
          {organization.phone ? (
            <li>
              {t('directory.offer.phone')} <a href={`tel:${organization.phone.replace(/[^+\d]/g, '')}`}>{organization.phone}</a>
            </li>
          ) : null}
          {organization.email ? (
            <li>
              {t('directory.offer.email')} <a href={`mailto:${organization.email}`}>{organization.email}</a>
            </li>
          ) : null}
          {organization.website ? (
            <li>
              <a href={organization.website} rel="noopener">
                {t('directory.offer.website')}
              </a>
            </li>
          ) : null}
        </ul>
        <h2>{t('directory.organization.offers', { count: listings.length })}</h2>
        {listings.length === 0 ? <p>{t('directory.organization.no_offers')}</p> : null}
        {listings.map((listing) => (
          <OfferCard ctx={ctx} listing={listing} headingLevel={3} />
        ))}
      </div>
    </Layout>
  );
}

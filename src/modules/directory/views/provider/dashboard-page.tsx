import { h, Fragment } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, SubmitButton } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { canModerate } from '../../../../platform/auth/roles.js';
import { formatDate, formatDateTime } from '../public/text.js';
import { offerName } from '../registration/session-summary.js';
import { ChangeNotice, ModerationBadge } from './status.js';
import type { OfferOverview, OrganizationOverview } from './overview.js';

/** What just happened, from the redirect after a save. */
export type SavedNotice = 'published' | 'review' | 'checked' | 'location' | 'session' | 'resolved';

export function isSavedNotice(value: unknown): value is SavedNotice {
  return typeof value === 'string' && ['published', 'review', 'checked', 'location', 'session', 'resolved'].includes(value);
}

export function DashboardPage({ ctx, organizations, saved }: { ctx: PageContext; organizations: readonly OrganizationOverview[]; saved: SavedNotice | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('directory.provider.dashboard.title')}>
      <div class="wrap">
        <h1>{t('directory.provider.dashboard.title')}</h1>
        <div class="button-row">
          <p>{t('directory.provider.dashboard.signed_in_as', { name: ctx.user?.displayName ?? '' })}</p>
          <form method="post" action={href(ctx, '/logout')}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton secondary>{t('layout.nav.sign_out')}</SubmitButton>
          </form>
        </div>
        {saved ? (
          <div class={saved === 'review' ? 'notice notice--warning' : 'notice notice--success'} role="status">
            <p>{t(`directory.provider.saved.${saved}`)}</p>
          </div>
        ) : null}
        {canModerate(ctx.user) ? (
          <p>
            <a href={href(ctx, '/moderation')}>{t('directory.provider.dashboard.moderation_link')}</a>
          </p>
        ) : null}
        {organizations.length === 0 ? (
          <p>{t('directory.provider.dashboard.no_organizations')}</p>
        ) : (
          <p>
            <a href={href(ctx, '/provider/import')}>{t('directory.provider.dashboard.import_link')}</a>
          </p>
        )}
        {organizations.map((o) => (
          <OrganizationSection ctx={ctx} overview={o} />
        ))}
      </div>
    </Layout>
  );
}

function OrganizationSection({ ctx, overview }: { ctx: PageContext; overview: OrganizationOverview }) {
  const { t } = ctx;
  const { organization } = overview;
  const base = `/provider/organizations/${organization.id}`;
  return (
    <section class="organization" aria-labelledby={`org-${organization.id}`}>
      <h2 id={`org-${organization.id}`}>
        {organization.name} <ModerationBadge ctx={ctx} status={organization.moderationStatus} />
      </h2>
      <p>
        <a href={href(ctx, `${base}/edit`)}>{t('directory.provider.dashboard.edit_organization', { name: organization.name })}</a>
      </p>
      <ChangeNotice ctx={ctx} change={overview.change} rejectedReason={organization.moderationStatus === 'rejected' ? organization.moderationReason : null} />
      <h3>{t('directory.provider.dashboard.offers')}</h3>
      <p>
        <a class="button" href={href(ctx, `${base}/offers/new`)}>
          {t('directory.provider.dashboard.add_offer')}
        </a>
      </p>
      {overview.offers.length === 0 ? <p>{t('directory.provider.dashboard.no_offers')}</p> : null}
      {overview.offers.map((o) => (
        <OfferCardView ctx={ctx} overview={o} />
      ))}
      <h3>{t('directory.provider.dashboard.places')}</h3>
      <p>
        <a class="button button--secondary" href={href(ctx, `${base}/locations/new`)}>
          {t('directory.provider.dashboard.add_place')}
        </a>
      </p>
      {overview.locations.length === 0 ? (
        <p>{t('directory.provider.dashboard.no_places')}</p>
      ) : (
        <ul>
          {overview.locations.map(({ location, change }) => (
            <li>
              <a href={href(ctx, `/provider/locations/${location.id}/edit`)}>{location.name}</a>
              {location.address ? ` – ${location.address}` : ''}
              <ChangeNotice ctx={ctx} change={change} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OfferCardView({ ctx, overview }: { ctx: PageContext; overview: OfferOverview }) {
  const { t, locale } = ctx;
  const { offer, stale, reports, change, sessions } = overview;
  const name = offerName(ctx, offer);
  const headingId = `offer-${offer.id}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span lang={name.lang}>{name.value}</span> <ModerationBadge ctx={ctx} status={offer.moderationStatus} />
        {offer.active ? null : <span class="tag">{t('directory.provider.status.hidden')}</span>}
      </h4>
      {offer.moderationStatus === 'rejected' ? (
        <ChangeNotice ctx={ctx} change={change} rejectedReason={offer.moderationReason} />
      ) : (
        <ChangeNotice ctx={ctx} change={change} />
      )}
      <p class="meta">
        {t('directory.provider.offer.checked_on', { date: formatDate(offer.checkedAt, locale) })}
        {stale ? (
          <>
            {' '}
            <strong class="tag tag--stale">{t('directory.provider.offer.needs_checking')}</strong>
          </>
        ) : null}
      </p>
      <div class="button-row">
        <a class="button button--secondary" href={href(ctx, `/provider/offers/${offer.id}/edit`)}>
          {t('directory.provider.offer.edit')}
          <span class="visually-hidden" lang={name.lang}>
            {' '}
            {name.value}
          </span>
        </a>
        <form method="post" action={href(ctx, `/provider/offers/${offer.id}/checked`)}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton secondary>
            {t('directory.provider.offer.still_correct')}
            <span class="visually-hidden" lang={name.lang}>
              {' '}
              {name.value}
            </span>
          </SubmitButton>
        </form>
        <a href={href(ctx, `/provider/offers/${offer.id}/sessions/new`)}>{t('directory.provider.offer.add_session')}</a>
      </div>
      {reports.length > 0 ? (
        <div class="notice notice--warning">
          <p>{t('directory.provider.offer.reports', { count: reports.length })}</p>
          <ul>
            {reports.map((report) => (
              <li>
                {formatDate(report.createdAt, locale)}: {t(`directory.report.kinds.${report.kind}`)}
                {report.message ? ` – “${report.message}”` : ''}
                <form method="post" action={href(ctx, `/provider/reports/${report.id}/resolve`)} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <SubmitButton secondary>{t('directory.provider.offer.report_resolved')}</SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {sessions.length > 0 ? (
        <table>
          <caption class="visually-hidden">{t('directory.provider.offer.sessions_caption', { name: name.value })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.provider.offer.session_when')}</th>
              <th scope="col">{t('directory.provider.offer.session_places')}</th>
              <th scope="col">{t('directory.provider.offer.session_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map(({ session, confirmed, waitlisted }) => (
              <tr>
                <td>
                  {formatDateTime(session.startsAt, locale)}
                  {session.cancelled ? ` (${t('directory.provider.session.cancelled_mark')})` : ''}
                </td>
                <td>{t('directory.provider.offer.session_counts', { confirmed, capacity: session.capacity, waitlisted })}</td>
                <td>
                  <a href={href(ctx, `/provider/sessions/${session.id}/registrations`)}>
                    {t('directory.provider.offer.registrations_link', { when: formatDateTime(session.startsAt, locale) })}
                  </a>
                  {' · '}
                  <a href={href(ctx, `/provider/sessions/${session.id}/edit`)}>
                    {t('directory.provider.offer.edit_session', { when: formatDateTime(session.startsAt, locale) })}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

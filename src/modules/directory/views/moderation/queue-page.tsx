import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, SubmitButton } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Offer, OfferReport, Organization } from '../../directory.model.js';
import type { ModerationItem } from '../../moderation.service.js';
import { formatDate } from '../public/text.js';
import { offerName } from '../registration/session-summary.js';

export interface ReportRow {
  readonly report: OfferReport;
  readonly offer: Offer;
}

export interface StaleRow {
  readonly offer: Offer;
  readonly organization: Organization | null;
}

/** The id a queue item is reviewed under: the entry for new ones, the proposal for changes. */
export function itemTarget(item: ModerationItem): { kind: 'organization' | 'offer' | 'change'; id: string } {
  if (item.kind === 'organization') return { kind: 'organization', id: item.organization.id };
  if (item.kind === 'offer') return { kind: 'offer', id: item.offer.id };
  return { kind: 'change', id: item.change.id };
}

export function itemTitle(ctx: PageContext, item: ModerationItem): { value: string; lang: string | undefined } {
  if (item.kind === 'organization') return { value: item.organization.name, lang: undefined };
  if (item.kind === 'offer') return offerName(ctx, item.offer);
  const current = item.current as { name: unknown };
  if (item.change.entityType === 'offer') return offerName(ctx, item.current as Offer);
  return { value: String(current.name), lang: undefined };
}

export type ModerationNotice = 'approved' | 'rejected' | 'resolved' | 'already_decided' | 'organization_created';

export function isModerationNotice(value: unknown): value is ModerationNotice {
  return typeof value === 'string' && ['approved', 'rejected', 'resolved', 'already_decided', 'organization_created'].includes(value);
}

export function QueuePage({
  ctx,
  items,
  stale,
  reports,
  notice,
}: {
  ctx: PageContext;
  items: readonly ModerationItem[];
  stale: readonly StaleRow[];
  reports: readonly ReportRow[];
  notice: ModerationNotice | null;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('directory.moderation.title')}>
      <div class="wrap">
        <p>
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{t('directory.moderation.title')}</h1>
        <p>
          <a class="button button--secondary" href={href(ctx, '/moderation/organizations/new')}>
            {t('directory.moderation.new_organization.link')}
          </a>
        </p>
        {notice ? (
          <div class={notice === 'already_decided' ? 'notice notice--warning' : 'notice notice--success'} role="status">
            <p>{t(`directory.moderation.notices.${notice}`)}</p>
          </div>
        ) : null}
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t('directory.moderation.queue_heading', { count: items.length })}</h2>
          {items.length === 0 ? (
            <p>{t('directory.moderation.queue_empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('directory.moderation.columns.what')}</th>
                  <th scope="col">{t('directory.moderation.columns.organization')}</th>
                  <th scope="col">{t('directory.moderation.columns.since')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const target = itemTarget(item);
                  const title = itemTitle(ctx, item);
                  const since = item.kind === 'change' ? item.change.createdAt : item.kind === 'offer' ? item.offer.updatedAt : item.organization.createdAt;
                  const kind = item.kind === 'change' ? `change_${item.change.entityType}` : `new_${item.kind}`;
                  return (
                    <tr>
                      <td>
                        {t(`directory.moderation.kinds.${kind}`)}:{' '}
                        <a href={href(ctx, `/moderation/${target.kind}/${target.id}`)} lang={title.lang}>
                          {title.value}
                        </a>
                      </td>
                      <td>{item.organization.name}</td>
                      <td>{formatDate(since, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="reports-title">
          <h2 id="reports-title">{t('directory.moderation.reports_heading', { count: reports.length })}</h2>
          {reports.length === 0 ? (
            <p>{t('directory.moderation.reports_empty')}</p>
          ) : (
            <ul class="plain-list">
              {reports.map(({ report, offer }) => {
                const name = offerName(ctx, offer);
                return (
                  <li class="card">
                    <p>
                      <a href={href(ctx, `/offers/${offer.id}`)} lang={name.lang}>
                        {name.value}
                      </a>{' '}
                      – <strong>{t(`directory.report.kinds.${report.kind}`)}</strong> ({formatDate(report.createdAt, locale)})
                    </p>
                    {report.message ? (
                      <blockquote>
                        <p>{report.message}</p>
                      </blockquote>
                    ) : null}
                    <form method="post" action={href(ctx, `/moderation/reports/${report.id}/resolve`)}>
                      <CsrfField token={ctx.csrfToken} />
                      <SubmitButton secondary>{t('directory.moderation.mark_resolved')}</SubmitButton>
                    </form>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section aria-labelledby="stale-title">
          <h2 id="stale-title">{t('directory.moderation.stale_heading', { count: stale.length })}</h2>
          <p>{t('directory.moderation.stale_intro')}</p>
          {stale.length === 0 ? (
            <p>{t('directory.moderation.stale_empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('directory.moderation.columns.offer')}</th>
                  <th scope="col">{t('directory.moderation.columns.organization')}</th>
                  <th scope="col">{t('directory.moderation.columns.checked')}</th>
                </tr>
              </thead>
              <tbody>
                {stale.map(({ offer, organization }) => {
                  const name = offerName(ctx, offer);
                  return (
                    <tr>
                      <td>
                        <a href={href(ctx, `/offers/${offer.id}`)} lang={name.lang}>
                          {name.value}
                        </a>
                      </td>
                      <td>{organization?.name ?? ''}</td>
                      <td>{formatDate(offer.checkedAt, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </Layout>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { ImportSummary } from '../import.service.js';

export function ImportDonePage({ ctx, summary, organizationName }: { ctx: PageContext; summary: ImportSummary; organizationName: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('opendata.upload.done.title')}>
      <div class="wrap narrow">
        <h1>{t('opendata.upload.done.title')}</h1>
        <div class={summary.pendingOffers > 0 ? 'notice notice--warning' : 'notice notice--success'} role="status">
          <p>
            {t('opendata.upload.done.counts', {
              organization: organizationName,
              offers: summary.offers,
              places: summary.locations,
              sessions: summary.sessions,
            })}
          </p>
          <p>
            {summary.pendingOffers > 0
              ? t('opendata.upload.done.pending', { count: summary.pendingOffers })
              : t('opendata.upload.done.published')}
          </p>
        </div>
        <p class="button-row">
          <a class="button" href={href(ctx, '/provider')}>
            {t('opendata.upload.back')}
          </a>
          <a class="button button--secondary" href={href(ctx, '/provider/import')}>
            {t('opendata.upload.another')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

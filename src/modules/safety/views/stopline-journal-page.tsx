import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { JournalPage } from '../stopline.model.js';
import { formatMoment, PageLinks } from './stopline-components.js';

/** For admins: who opened or exported which report, newest first. Nobody can change or delete it. */
export function StoplineJournalPage({ ctx, journal, reportId }: { ctx: PageContext; journal: JournalPage; reportId: string | null }) {
  const { t } = ctx;
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (reportId) params.set('report', reportId);
    if (page > 1) params.set('page', String(page));
    const query = params.toString();
    return href(ctx, `/analysts/reports/journal${query ? `?${query}` : ''}`);
  };
  return (
    <Layout ctx={ctx} title={t('safety.analysts.journal.title')}>
      <div class="wrap">
        <p>
          <a href={href(ctx, '/analysts/reports')}>{t('safety.analysts.detail.back')}</a>
        </p>
        <h1>{t('safety.analysts.journal.title')}</h1>
        <p class="lead">{t('safety.analysts.journal.intro')}</p>
        {reportId ? (
          <p>
            {t('safety.analysts.journal.one_report')} <a href={href(ctx, '/analysts/reports/journal')}>{t('safety.analysts.journal.every_report')}</a>
          </p>
        ) : null}
        {journal.entries.length === 0 ? (
          <p>{t('safety.analysts.journal.empty')}</p>
        ) : (
          <table>
            <caption class="visually-hidden">{t('safety.analysts.journal.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('safety.analysts.journal.when')}</th>
                <th scope="col">{t('safety.analysts.journal.who')}</th>
                <th scope="col">{t('safety.analysts.journal.what')}</th>
                <th scope="col">{t('safety.analysts.journal.report')}</th>
              </tr>
            </thead>
            <tbody>
              {journal.entries.map((e) => (
                <tr>
                  <td>{formatMoment(e.at, ctx.locale)}</td>
                  <td>
                    {e.actorEmail} <span class="meta">({e.actorRole})</span>
                  </td>
                  <td>
                    {e.action === 'export'
                      ? t('safety.analysts.journal.exported', { format: (e.exportFormat ?? '').toUpperCase(), exportId: e.exportId ?? '' })
                      : t('safety.analysts.journal.read')}
                  </td>
                  <td>
                    <a href={href(ctx, `/analysts/reports/journal?report=${encodeURIComponent(e.reportId)}`)}>
                      <code>{e.reportId}</code>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <PageLinks ctx={ctx} page={journal.page} pageCount={journal.pageCount} link={link} />
      </div>
    </Layout>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { CsrfField, SubmitButton } from '../../../platform/views/form-components.js';
import { EXPORT_MAX_REPORTS, REPORT_CATEGORIES, REPORT_STATUSES, type QueueFilter, type QueuePage } from '../stopline.model.js';
import { formatMoment, PageLinks, StatusTag } from './stopline-components.js';

export type QueueNotice = 'nothing_selected' | 'too_many';

/** The query string of a filter, for links that keep it. */
export function queueQuery(filter: QueueFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.status !== 'open') params.set('status', filter.status);
  if (filter.category) params.set('category', filter.category);
  if (filter.sameAs) params.set('same', filter.sameAs);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

function FilterForm({ ctx, filter }: { ctx: PageContext; filter: QueueFilter }) {
  const { t } = ctx;
  const statuses = ['open', 'all', ...REPORT_STATUSES] as const;
  return (
    <form method="get" action={href(ctx, '/analysts/reports')} class="language-choice">
      {filter.sameAs ? <input type="hidden" name="same" value={filter.sameAs} /> : null}
      <div class="field">
        <label for="status">{t('safety.analysts.queue.status_filter')}</label>
        <select id="status" name="status">
          {statuses.map((s) => (
            <option value={s} selected={filter.status === s}>
              {s === 'open' || s === 'all' ? t(`safety.analysts.queue.status_${s}`) : t(`safety.stopline.status.${s}.label`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="category">{t('safety.analysts.queue.category_filter')}</label>
        <select id="category" name="category">
          <option value="">{t('safety.analysts.queue.category_all')}</option>
          {REPORT_CATEGORIES.map((c) => (
            <option value={c} selected={filter.category === c}>
              {t(`safety.stopline.category.${c}.label`)}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton secondary>{t('safety.analysts.queue.show')}</SubmitButton>
    </form>
  );
}

/** The analysts' work queue: only the host and category show here; the full report opens (and is journalled) one by one. */
export function StoplineQueuePage({
  ctx,
  filter,
  queue,
  notice,
  isAdmin,
}: {
  ctx: PageContext;
  filter: QueueFilter;
  queue: QueuePage;
  notice: QueueNotice | null;
  isAdmin: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('safety.analysts.queue.title')}>
      <div class="wrap">
        <h1>{t('safety.analysts.queue.title')}</h1>
        <p class="lead">{t('safety.analysts.queue.intro')}</p>
        {isAdmin ? (
          <p>
            <a href={href(ctx, '/analysts/reports/journal')}>{t('safety.analysts.journal.link')}</a>
          </p>
        ) : null}
        {notice ? (
          <div class="notice notice--error" role="alert">
            <p>{t(`safety.analysts.export.errors.${notice}`, { max: EXPORT_MAX_REPORTS })}</p>
          </div>
        ) : null}
        {filter.sameAs ? (
          <p>
            {t('safety.analysts.queue.same_address_only')}{' '}
            <a href={href(ctx, `/analysts/reports${queueQuery({ ...filter, sameAs: null })}`)}>{t('safety.analysts.queue.show_every_address')}</a>
          </p>
        ) : null}
        <FilterForm ctx={ctx} filter={filter} />
        <h2 id="results-title">{t('safety.analysts.queue.count', { count: queue.total })}</h2>
        {queue.reports.length === 0 ? (
          <p>{t('safety.analysts.queue.empty')}</p>
        ) : (
          <form method="post" action={href(ctx, '/analysts/reports/export')}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="status" value={filter.status} />
            {filter.category ? <input type="hidden" name="category" value={filter.category} /> : null}
            {filter.sameAs ? <input type="hidden" name="same" value={filter.sameAs} /> : null}
            <table aria-labelledby="results-title">
              <thead>
                <tr>
                  <th scope="col">{t('safety.analysts.queue.select')}</th>
                  <th scope="col">{t('safety.analysts.queue.received')}</th>
                  <th scope="col">{t('safety.analysts.queue.category')}</th>
                  <th scope="col">{t('safety.analysts.queue.host')}</th>
                  <th scope="col">{t('safety.analysts.queue.status')}</th>
                  <th scope="col">{t('safety.analysts.queue.same_address')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.reports.map((r) => (
                  <tr>
                    <td>
                      <input type="checkbox" id={`select-${r.id}`} name="ids" value={r.id} />
                      <label for={`select-${r.id}`} class="visually-hidden">
                        {t('safety.analysts.queue.select_report', { date: formatMoment(r.createdAt, ctx.locale), host: r.host })}
                      </label>
                    </td>
                    <td>
                      <a href={href(ctx, `/analysts/reports/${r.id}`)}>{formatMoment(r.createdAt, ctx.locale)}</a>
                    </td>
                    <td>{t(`safety.stopline.category.${r.category}.label`)}</td>
                    <td>
                      <code>{r.host}</code>
                    </td>
                    <td>
                      <StatusTag ctx={ctx} status={r.status} />
                    </td>
                    <td>
                      {r.sameAddressCount > 1 ? (
                        <a href={href(ctx, `/analysts/reports${queueQuery({ status: 'all', category: null, sameAs: r.id })}`)}>
                          {t('safety.analysts.queue.same_address_count', { count: r.sameAddressCount })}
                        </a>
                      ) : (
                        t('safety.analysts.queue.same_address_none')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <PageLinks ctx={ctx} page={queue.page} pageCount={queue.pageCount} link={(p) => href(ctx, `/analysts/reports${queueQuery(filter, p)}`)} />
            <ExportControls ctx={ctx} total={queue.total} />
          </form>
        )}
      </div>
    </Layout>
  );
}

/** Format and what to export; the contact a reporter left is never part of the file. */
export function ExportControls({ ctx, total }: { ctx: PageContext; total: number | null }) {
  const { t } = ctx;
  return (
    <fieldset class="choices" aria-describedby="export-hint">
      <legend>{t('safety.analysts.export.title')}</legend>
      <p class="hint" id="export-hint">
        {t('safety.analysts.export.hint')}
      </p>
      <div class="choice">
        <input type="radio" id="format-csv" name="format" value="csv" checked />
        <label for="format-csv">{t('safety.analysts.export.csv')}</label>
      </div>
      <div class="choice">
        <input type="radio" id="format-json" name="format" value="json" />
        <label for="format-json">{t('safety.analysts.export.json')}</label>
      </div>
      <div class="button-row">
        <SubmitButton name="scope" value="selected">
          {t(total === null ? 'safety.analysts.export.this_report' : 'safety.analysts.export.selected')}
        </SubmitButton>
        {total === null ? null : (
          <SubmitButton name="scope" value="filter" secondary>
            {t('safety.analysts.export.all_shown', { count: total })}
          </SubmitButton>
        )}
      </div>
    </fieldset>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { LOCALE_NAMES, LOCALES } from '../../../platform/i18n/locales.js';
import { VERDICTS, type ReportQueue, type Trends, type Warning } from '../checker.model.js';
import { formatDate, formatTime, Notice, Paragraphs, ReasonList, VerdictLabel } from './checker-components.js';

export const MODERATION_NOTICES = ['handled', 'published', 'unpublished', 'deleted'] as const;
export type ModerationNotice = (typeof MODERATION_NOTICES)[number];

function Reports({ ctx, queue, brandNames }: { ctx: PageContext; queue: ReportQueue; brandNames: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t('safety.moderation.reports.heading', { count: queue.openCount })}</h2>
      {queue.reports.length === 0 ? <p>{t('safety.moderation.reports.empty')}</p> : null}
      {queue.openCount > queue.reports.length ? <p>{t('safety.moderation.reports.newest', { shown: queue.reports.length })}</p> : null}
      {queue.reports.map((report, index) => (
        <article class="card" aria-labelledby={`report-${index}`}>
          <h3 id={`report-${index}`}>
            {t('safety.moderation.reports.sent', { date: formatDate(report.reportedAt, ctx.locale), time: formatTime(report.reportedAt, ctx.locale) })}
          </h3>
          <dl class="summary-list">
            <div>
              <dt>{t('safety.moderation.reports.verdict')}</dt>
              <dd>
                <VerdictLabel ctx={ctx} verdict={report.verdict} />
              </dd>
            </div>
            <div>
              <dt>{t('safety.moderation.reports.kind')}</dt>
              <dd>{t(`safety.moderation.kind.${report.inputKind}`)}</dd>
            </div>
            {report.imitatedBrands.length > 0 ? (
              <div>
                <dt>{t('safety.moderation.reports.brands')}</dt>
                <dd>{report.imitatedBrands.map((id) => brandNames.get(id) ?? id).join(', ')}</dd>
              </div>
            ) : null}
          </dl>
          {report.reasons.length > 0 ? (
            <div>
              <h4>{t('safety.moderation.reports.reasons')}</h4>
              <ReasonList ctx={ctx} reasons={report.reasons} />
            </div>
          ) : null}
          <h4>{t('safety.moderation.reports.text')}</h4>
          <pre class="reported-text" tabindex="0">
            {report.redactedText}
          </pre>
          <form method="post" action={href(ctx, `/moderation/safety/reports/${report.id}/handled`)}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton secondary>{t('safety.moderation.reports.handled')}</SubmitButton>
          </form>
        </article>
      ))}
    </section>
  );
}

function TrendTables({ ctx, trends }: { ctx: PageContext; trends: Trends }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="trends-title">
      <h2 id="trends-title">{t('safety.moderation.trends.heading')}</h2>
      <p>{t('safety.moderation.trends.since', { date: formatDate(trends.since, ctx.locale), count: trends.total })}</p>
      {trends.brands.length === 0 ? (
        <p>{t('safety.moderation.trends.no_brands')}</p>
      ) : (
        <table>
          <caption>{t('safety.moderation.trends.brands_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('safety.moderation.trends.brand')}</th>
              <th scope="col">{t('safety.moderation.trends.reports')}</th>
            </tr>
          </thead>
          <tbody>
            {trends.brands.map((b) => (
              <tr>
                <th scope="row">{b.name}</th>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table>
        <caption>{t('safety.moderation.trends.verdicts_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safety.moderation.reports.verdict')}</th>
            <th scope="col">{t('safety.moderation.trends.reports')}</th>
          </tr>
        </thead>
        <tbody>
          {VERDICTS.map((v) => (
            <tr>
              <th scope="row">{t(`safety.result.verdict.${v}`)}</th>
              <td>{trends.verdicts[v]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Warnings({ ctx, warnings, form }: { ctx: PageContext; warnings: readonly Warning[]; form: FormState }) {
  const { t } = ctx;
  const labels = { title: t('safety.moderation.warnings.title_label'), body: t('safety.moderation.warnings.body_label'), lang: t('safety.moderation.warnings.lang_label') };
  const action = (id: string, verb: string) => href(ctx, `/moderation/safety/warnings/${id}/${verb}`);
  return (
    <section aria-labelledby="warnings-title">
      <h2 id="warnings-title">{t('safety.moderation.warnings.heading')}</h2>
      <p>{t('safety.moderation.warnings.intro')}</p>
      {warnings.length === 0 ? <p>{t('safety.moderation.warnings.empty')}</p> : null}
      {warnings.map((warning) => (
        <article class="card" aria-labelledby={`warning-${warning.id}`}>
          <h3 id={`warning-${warning.id}`} lang={warning.lang}>
            {warning.title}
          </h3>
          <div lang={warning.lang}>
            <Paragraphs text={warning.body} />
          </div>
          <p class="meta">
            {warning.published && warning.publishedAt
              ? t('safety.moderation.warnings.shown_since', { date: formatDate(warning.publishedAt, ctx.locale) })
              : t('safety.moderation.warnings.not_shown')}{' '}
            – {LOCALE_NAMES[warning.lang]}
          </p>
          <div class="button-row">
            <form method="post" action={action(warning.id, warning.published ? 'unpublish' : 'publish')}>
              <CsrfField token={ctx.csrfToken} />
              <SubmitButton secondary>
                {t(warning.published ? 'safety.moderation.warnings.unpublish' : 'safety.moderation.warnings.publish_again', { title: warning.title })}
              </SubmitButton>
            </form>
            <form method="post" action={action(warning.id, 'delete')}>
              <CsrfField token={ctx.csrfToken} />
              <SubmitButton secondary>{t('safety.moderation.warnings.delete', { title: warning.title })}</SubmitButton>
            </form>
          </div>
        </article>
      ))}
      <h3 id="new-warning-title">{t('safety.moderation.warnings.new_heading')}</h3>
      <ErrorSummary form={form} labels={labels} />
      <form method="post" action={href(ctx, '/moderation/safety/warnings')} novalidate aria-labelledby="new-warning-title">
        <CsrfField token={ctx.csrfToken} />
        <TextField form={form} name="title" label={labels.title} maxlength={120} required />
        <TextArea form={form} name="body" label={labels.body} hint={t('safety.moderation.warnings.body_hint')} rows={5} maxlength={2000} required />
        <SelectField
          form={form}
          name="lang"
          label={labels.lang}
          hint={t('safety.moderation.warnings.lang_hint')}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
          required
        />
        <SubmitButton>{t('safety.moderation.warnings.submit')}</SubmitButton>
      </form>
    </section>
  );
}

export function CheckerModerationPage(props: {
  ctx: PageContext;
  queue: ReportQueue;
  trends: Trends;
  warnings: readonly Warning[];
  brandNames: ReadonlyMap<string, string>;
  form: FormState;
  done: ModerationNotice | null;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('safety.moderation.title')}>
      <div class="wrap">
        <h1>{t('safety.moderation.title')}</h1>
        {props.done ? <Notice kind="success">{t(`safety.moderation.done.${props.done}`)}</Notice> : null}
        <p class="lead">{t('safety.moderation.intro')}</p>
        <p>
          <a href={href(ctx, '/moderation/safety/brands')}>{t('safety.moderation.brands_link')}</a>
        </p>
        <TrendTables ctx={ctx} trends={props.trends} />
        <Reports ctx={ctx} queue={props.queue} brandNames={props.brandNames} />
        <Warnings ctx={ctx} warnings={props.warnings} form={props.form} />
      </div>
    </Layout>
  );
}

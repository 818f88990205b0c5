import { h, Fragment, type SafeHtml } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, type FormState } from '../../../platform/views/form-components.js';
import { ANALYST_STATUSES, LIMITS, type ReportDetail } from '../stopline.model.js';
import { ExportControls } from './stopline-queue-page.js';
import { formatMoment, StatusTag } from './stopline-components.js';

export type DetailNotice = 'status_changed' | 'note_added' | 'changed_meanwhile';

/** Text as the reporter typed it, each line kept. */
function Lines({ text }: { text: string }): SafeHtml {
  return (
    <>
      {text.split(/\r?\n/).map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function Fact({ label, children }: { label: string; children?: SafeHtml | string }): SafeHtml {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function StatusForm({ ctx, detail, form }: { ctx: PageContext; detail: ReportDetail; form: FormState }) {
  const { t } = ctx;
  const raw = form.values.status;
  const current = (Array.isArray(raw) ? raw[0] : raw) ?? (detail.report.status === 'received' ? 'being_assessed' : detail.report.status);
  const error = form.errors.status;
  const labels = { status: t('safety.analysts.detail.new_status'), note: t('safety.analysts.detail.note') };
  return (
    <section aria-labelledby="change-title">
      <h2 id="change-title">{t('safety.analysts.detail.change_heading')}</h2>
      <ErrorSummary form={form} labels={labels} />
      <form method="post" action={href(ctx, `/analysts/reports/${detail.report.id}/status`)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset class={error ? 'choices field--error' : 'choices'} id="status" aria-describedby={error ? 'status-error' : undefined}>
          <legend>{labels.status}</legend>
          {error ? (
            <p class="field-error" id="status-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(error.key, error.values)}
            </p>
          ) : null}
          {ANALYST_STATUSES.map((status, index) => (
            <div class="choice">
              <input type="radio" id={`status-${index}`} name="status" value={status} checked={current === status} />
              <label for={`status-${index}`}>{t(`safety.stopline.status.${status}.label`)}</label>
            </div>
          ))}
        </fieldset>
        <TextArea form={form} name="note" label={labels.note} hint={t('safety.analysts.detail.note_hint')} rows={4} maxlength={LIMITS.note} />
        <SubmitButton>{t('safety.analysts.detail.save')}</SubmitButton>
      </form>
    </section>
  );
}

/** One report in full. Opening this page is written to the access journal. */
export function StoplineDetailPage({
  ctx,
  detail,
  form,
  notice,
  isAdmin,
}: {
  ctx: PageContext;
  detail: ReportDetail;
  form: FormState;
  notice: DetailNotice | null;
  isAdmin: boolean;
}) {
  const { t } = ctx;
  const { report } = detail;
  const title = t('safety.analysts.detail.title', { date: formatMoment(report.createdAt, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/analysts/reports')}>{t('safety.analysts.detail.back')}</a>
        </p>
        <h1>{title}</h1>
        {notice ? (
          <div class={notice === 'changed_meanwhile' ? 'notice notice--error' : 'notice notice--success'} role={notice === 'changed_meanwhile' ? 'alert' : 'status'}>
            <p>{t(`safety.analysts.detail.done.${notice}`)}</p>
          </div>
        ) : null}
        <p class="meta">{t('safety.analysts.detail.journalled')}</p>
        <dl class="summary-list">
          <Fact label={t('safety.analysts.detail.url')}>
            <code class="fingerprint">{report.url}</code>
          </Fact>
          <Fact label={t('safety.analysts.queue.host')}>
            <code>{report.host}</code>
          </Fact>
          <Fact label={t('safety.analysts.queue.category')}>{t(`safety.stopline.category.${report.category}.label`)}</Fact>
          <Fact label={t('safety.analysts.queue.status')}>
            <StatusTag ctx={ctx} status={report.status} />
          </Fact>
          <Fact label={t('safety.analysts.detail.updated')}>{formatMoment(report.updatedAt, ctx.locale)}</Fact>
          <Fact label={t('safety.stopline.fields.where_found')}>{report.whereFound ? <Lines text={report.whereFound} /> : t('safety.analysts.detail.not_given')}</Fact>
          <Fact label={t('safety.stopline.fields.context')}>{report.context ? <Lines text={report.context} /> : t('safety.analysts.detail.not_given')}</Fact>
          <Fact label={t('safety.analysts.detail.contact')}>{report.contact ? <Lines text={report.contact} /> : t('safety.analysts.detail.no_contact')}</Fact>
        </dl>
        <p class="hint">{t('safety.analysts.detail.url_as_text')}</p>

        <StatusForm ctx={ctx} detail={detail} form={form} />

        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('safety.analysts.detail.history')}</h2>
          <ol class="history">
            {detail.history.map((change) => (
              <li>
                <strong>{formatMoment(change.at, ctx.locale)}</strong>
                {' – '}
                {change.from === change.to
                  ? t('safety.analysts.detail.history_note', { by: change.by ?? '' })
                  : change.by
                    ? t('safety.analysts.detail.history_change', { status: t(`safety.stopline.status.${change.to}.label`), by: change.by })
                    : t('safety.analysts.detail.history_received')}
                {change.note ? (
                  <blockquote>
                    <Lines text={change.note} />
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="same-title">
          <h2 id="same-title">{t('safety.analysts.detail.same_address')}</h2>
          {detail.duplicates.length === 0 ? (
            <p>{t('safety.analysts.detail.same_address_none')}</p>
          ) : (
            <ul class="link-list">
              {detail.duplicates.map((d) => (
                <li>
                  <a href={href(ctx, `/analysts/reports/${d.id}`)}>{formatMoment(d.createdAt, ctx.locale)}</a>{' '}
                  <StatusTag ctx={ctx} status={d.status} /> {t(`safety.stopline.category.${d.category}.label`)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="export-title">
          <h2 id="export-title">{t('safety.analysts.export.heading')}</h2>
          <form method="post" action={href(ctx, '/analysts/reports/export')}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="ids" value={report.id} />
            <ExportControls ctx={ctx} total={null} />
          </form>
        </section>
        {isAdmin ? (
          <p>
            <a href={href(ctx, `/analysts/reports/journal?report=${encodeURIComponent(report.id)}`)}>{t('safety.analysts.journal.of_report')}</a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, FileField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Warning } from '../checker.model.js';
import { MAX_INPUT_BYTES } from '../checker.model.js';
import { formatDate, Notice, Paragraphs } from './checker-components.js';

/** The three ways to hand over a message; each is its own small form, so no script is needed to switch. */
export type CheckForm = 'message' | 'file' | 'url';
export const CHECK_FORMS: readonly CheckForm[] = ['message', 'file', 'url'];

export function CheckerFormPage({ ctx, form, warnings, reported }: { ctx: PageContext; form: FormState; warnings: readonly Warning[]; reported: boolean }) {
  const { t } = ctx;
  const labels = { message: t('safety.checker.message.label'), file: t('safety.checker.file.label'), url: t('safety.checker.url.label') };
  const action = href(ctx, '/safety/check');
  return (
    <Layout ctx={ctx} title={t('safety.checker.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.checker.title')}</h1>
        {reported ? <Notice kind="success">{t('safety.checker.reported')}</Notice> : null}
        {warnings.length > 0 ? (
          <section class="safety-warnings" aria-labelledby="warnings-title">
            <h2 id="warnings-title">{t('safety.checker.warnings_heading')}</h2>
            {warnings.map((warning) => (
              <article class="notice notice--warning" lang={warning.lang}>
                <h3>{warning.title}</h3>
                <Paragraphs text={warning.body} />
                {warning.publishedAt ? (
                  <p class="meta" lang={ctx.locale}>
                    {t('safety.checker.warning_date', { date: formatDate(warning.publishedAt, ctx.locale) })}
                  </p>
                ) : null}
              </article>
            ))}
          </section>
        ) : null}
        <p class="lead">{t('safety.checker.intro')}</p>
        <p>{t('safety.checker.privacy')}</p>
        <p>
          <a href={href(ctx, '/safety/already-clicked')}>{t('safety.checker.already_clicked_link')}</a>
        </p>
        <ErrorSummary form={form} labels={labels} />
        <p>{t('safety.checker.choose')}</p>

        <section class="card" aria-labelledby="message-title">
          <h2 id="message-title">{t('safety.checker.message.heading')}</h2>
          <form method="post" action={action} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="form" value="message" />
            <TextArea form={form} name="message" label={labels.message} hint={t('safety.checker.message.hint')} rows={8} required />
            <SubmitButton>{t('safety.checker.message.submit')}</SubmitButton>
          </form>
        </section>

        <section class="card" aria-labelledby="file-title">
          <h2 id="file-title">{t('safety.checker.file.heading')}</h2>
          <form method="post" action={action} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="form" value="file" />
            <FileField
              form={form}
              label={labels.file}
              hint={t('safety.checker.file.hint', { max: MAX_INPUT_BYTES / 1024 / 1024 })}
              accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook,image/*"
            />
            <SubmitButton>{t('safety.checker.file.submit')}</SubmitButton>
          </form>
        </section>

        <section class="card" aria-labelledby="url-title">
          <h2 id="url-title">{t('safety.checker.url.heading')}</h2>
          <form method="post" action={action} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="form" value="url" />
            <TextField form={form} name="url" label={labels.url} hint={t('safety.checker.url.hint')} inputmode="url" autocomplete="off" maxlength={8000} required />
            <SubmitButton>{t('safety.checker.url.submit')}</SubmitButton>
          </form>
        </section>
        <p>{t('safety.checker.never_opened')}</p>
      </div>
    </Layout>
  );
}

import { h, Fragment } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import type { StatusView } from '../stopline.model.js';
import { formatDay, SafetyLinks } from './stopline-components.js';

/** The reporter types the tracking code and sees the status in words, with its dates: nothing more. */
export function StoplineStatusPage({ ctx, form, view }: { ctx: PageContext; form: FormState; view: StatusView | null }) {
  const { t } = ctx;
  const labels = { code: t('safety.stopline.check.code') };
  return (
    <Layout ctx={ctx} title={t('safety.stopline.check.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.stopline.check.title')}</h1>
        {view ? (
          <section aria-labelledby="status-title">
            <h2 id="status-title">{t(`safety.stopline.status.${view.status}.label`)}</h2>
            <p class="lead">{t(`safety.stopline.status.${view.status}.explanation`)}</p>
            <dl class="summary-list">
              <div>
                <dt>{t('safety.stopline.check.received_on')}</dt>
                <dd>{formatDay(view.receivedAt, ctx.locale)}</dd>
              </div>
              <div>
                <dt>{t('safety.stopline.check.updated_on')}</dt>
                <dd>{formatDay(view.updatedAt, ctx.locale)}</dd>
              </div>
            </dl>
            <p>
              <a href={href(ctx, '/report-illegal-content/status')}>{t('safety.stopline.check.again')}</a>
            </p>
          </section>
        ) : (
          <>
            <p class="lead">{t('safety.stopline.check.intro')}</p>
            <ErrorSummary form={form} labels={labels} />
            <form method="post" action={href(ctx, '/report-illegal-content/status')} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField
                form={form}
                name="code"
                label={labels.code}
                hint={t('safety.stopline.check.code_hint')}
                inputmode="numeric"
                autocomplete="off"
                maxlength={40}
                required
              />
              <SubmitButton>{t('safety.stopline.check.submit')}</SubmitButton>
            </form>
          </>
        )}
        <SafetyLinks ctx={ctx} except="status" />
      </div>
    </Layout>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { ThirdPartyView } from '../mandates.model.js';
import { MandateFacts } from './components.js';
import { formatDate } from './format.js';

/** For a bank clerk or an office: type the code the principal gave, see the mandate read-only. */
export function CheckPage({ ctx, form, view }: { ctx: PageContext; form: FormState; view: ThirdPartyView | null }) {
  const { t } = ctx;
  const labels = { code: t('mandates.check.code') };
  return (
    <Layout ctx={ctx} title={t('mandates.check.title')}>
      <div class="wrap">
        <h1>{t('mandates.check.title')}</h1>
        {view ? (
          <section aria-labelledby="result-title">
            <h2 id="result-title">{t('mandates.check.result_heading')}</h2>
            <MandateFacts
              ctx={ctx}
              principalName={view.principalName}
              agent={view.agent}
              status={view.status}
              startsAt={view.startsAt}
              endsAt={view.endsAt}
              scopes={view.scopes}
            />
            <p>{t('mandates.check.read_only')}</p>
            <p class="meta">{t('mandates.check.code_until', { date: formatDate(view.codeExpiresAt, ctx.locale) })}</p>
            <p>
              <a href={href(ctx, '/mandate-check')}>{t('mandates.check.again')}</a>
            </p>
          </section>
        ) : (
          <div class="narrow">
            <p class="lead">{t('mandates.check.intro')}</p>
            <ErrorSummary form={form} labels={labels} />
            <form method="post" action={href(ctx, '/mandate-check')} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField
                form={form}
                name="code"
                label={labels.code}
                hint={t('mandates.check.code_hint')}
                autocomplete="off"
                maxlength={60}
                required
              />
              <SubmitButton>{t('mandates.check.submit')}</SubmitButton>
            </form>
          </div>
        )}
      </div>
    </Layout>
  );
}

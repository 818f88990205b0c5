import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';

export function LoginPage({ ctx, form, failed }: { ctx: PageContext; form: FormState; failed: boolean }) {
  const { t } = ctx;
  const labels = { email: t('accounts.login.email'), password: t('accounts.login.password') };
  const next = String(form.values.next ?? '');
  return (
    <Layout ctx={ctx} title={t('accounts.login.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.login.title')}</h1>
        <p class="lead">{t('accounts.login.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        {failed ? (
          <div class="notice notice--error" role="alert">
            <p>{t('accounts.login.failed')}</p>
          </div>
        ) : null}
        <form method="post" action={href(ctx, '/login')} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <TextField form={form} name="email" label={labels.email} type="email" autocomplete="username" required />
          <TextField form={form} name="password" label={labels.password} type="password" autocomplete="current-password" required />
          <SubmitButton>{t('accounts.login.submit')}</SubmitButton>
        </form>
        <p>
          {t('accounts.login.no_account')}{' '}
          <a href={href(ctx, next ? `/register?next=${encodeURIComponent(next)}` : '/register')}>{t('accounts.login.register_link')}</a>
        </p>
      </div>
    </Layout>
  );
}

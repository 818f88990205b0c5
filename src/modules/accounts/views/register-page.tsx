import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { MIN_PASSWORD_LENGTH } from '../../../platform/auth/password.js';

export function RegisterPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const labels = {
    displayName: t('accounts.register.display_name'),
    email: t('accounts.register.email'),
    password: t('accounts.register.password'),
    passwordRepeat: t('accounts.register.password_repeat'),
  };
  const next = String(form.values.next ?? '');
  return (
    <Layout ctx={ctx} title={t('accounts.register.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.register.title')}</h1>
        <p class="lead">{t('accounts.register.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, '/register')} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <TextField form={form} name="displayName" label={labels.displayName} hint={t('accounts.register.display_name_hint')} autocomplete="name" maxlength={100} required />
          <TextField form={form} name="email" label={labels.email} hint={t('accounts.register.email_hint')} type="email" autocomplete="email" required />
          <TextField
            form={form}
            name="password"
            label={labels.password}
            hint={t('accounts.register.password_hint', { min: MIN_PASSWORD_LENGTH })}
            type="password"
            autocomplete="new-password"
            required
          />
          <TextField
            form={form}
            name="passwordRepeat"
            label={labels.passwordRepeat}
            hint={t('accounts.register.password_repeat_hint')}
            type="password"
            autocomplete="new-password"
            required
          />
          <SubmitButton>{t('accounts.register.submit')}</SubmitButton>
        </form>
        <p>
          {t('accounts.register.have_account')}{' '}
          <a href={href(ctx, next ? `/login?next=${encodeURIComponent(next)}` : '/login')}>{t('accounts.register.sign_in_link')}</a>
        </p>
      </div>
    </Layout>
  );
}

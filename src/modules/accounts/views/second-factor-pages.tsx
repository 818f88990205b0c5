import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { qrSvg } from '../../../platform/views/qr.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { homePathOf, type CurrentUser } from '../../../platform/auth/roles.js';
import { SECOND_FACTOR_ENROL_PATH, SECOND_FACTOR_VERIFY_PATH } from '../../../platform/auth/second-factor.js';
import { groupedSecret } from '../../../platform/auth/totp.js';
import type { SecondFactorSetup } from '../accounts.service.js';
import { safeNext } from '../../../platform/auth/safe-next.js';

function CodeForm({ ctx, form, action, submit }: { ctx: PageContext; form: FormState; action: string; submit: string }) {
  const { t } = ctx;
  return (
    <form method="post" action={href(ctx, action)} novalidate>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="next" value={String(form.values.next ?? '')} />
      <TextField
        form={form}
        name="code"
        label={t('accounts.second_factor.code')}
        hint={t('accounts.second_factor.code_hint')}
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength={20}
        required
      />
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}

/** Setting up a code app, in three steps a volunteer can follow with their phone in hand. */
export function EnrolPage({ ctx, form, setup }: { ctx: PageContext; form: FormState; setup: SecondFactorSetup }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.second_factor.enrol.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.second_factor.enrol.title')}</h1>
        <p class="lead">{t('accounts.second_factor.enrol.intro')}</p>
        <p>{t('accounts.second_factor.enrol.why')}</p>
        <ErrorSummary form={form} labels={{ code: t('accounts.second_factor.code') }} />
        <h2>{t('accounts.second_factor.enrol.step_app')}</h2>
        <p>{t('accounts.second_factor.enrol.step_app_text')}</p>
        <h2>{t('accounts.second_factor.enrol.step_scan')}</h2>
        <p>{t('accounts.second_factor.enrol.step_scan_text')}</p>
        <div class="qr-box">{qrSvg(setup.uri, t('accounts.second_factor.enrol.qr_label'))}</div>
        <p>{t('accounts.second_factor.enrol.manual')}</p>
        <p>
          <code class="secret-key" translate="no">
            {groupedSecret(setup.secret)}
          </code>
        </p>
        <p class="hint">{t('accounts.second_factor.enrol.manual_note')}</p>
        <h2>{t('accounts.second_factor.enrol.step_confirm')}</h2>
        <CodeForm ctx={ctx} form={form} action={SECOND_FACTOR_ENROL_PATH} submit={t('accounts.second_factor.enrol.submit')} />
      </div>
    </Layout>
  );
}

/** The code app is set up; this session may still need a code. */
export function EnrolledPage({ ctx, user, next }: { ctx: PageContext; user: CurrentUser; next: string }) {
  const { t } = ctx;
  const verifyPath = next ? `${SECOND_FACTOR_VERIFY_PATH}?next=${encodeURIComponent(next)}` : SECOND_FACTOR_VERIFY_PATH;
  return (
    <Layout ctx={ctx} title={t('accounts.second_factor.enrolled.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.second_factor.enrolled.title')}</h1>
        <div class="notice notice--success" role="status">
          <p>{t('accounts.second_factor.enrolled.text')}</p>
        </div>
        {user.secondFactorVerified ? (
          <p>{t('accounts.second_factor.enrolled.verified')}</p>
        ) : (
          <p>
            <a class="button" href={href(ctx, verifyPath)}>
              {t('accounts.second_factor.enrolled.verify_link')}
            </a>
          </p>
        )}
        <p>
          {user.secondFactorVerified && next ? (
            <a href={safeNext(ctx.locale, next, user)}>{t('accounts.second_factor.continue')}</a>
          ) : (
            <a href={href(ctx, homePathOf(user))}>{t('layout.nav.provider_area')}</a>
          )}
        </p>
      </div>
    </Layout>
  );
}

/** One code to unlock tasks that need the second factor in this session. */
export function VerifyPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.second_factor.verify.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.second_factor.verify.title')}</h1>
        <p class="lead">{t('accounts.second_factor.verify.intro')}</p>
        <ErrorSummary form={form} labels={{ code: t('accounts.second_factor.code') }} />
        <CodeForm ctx={ctx} form={form} action={SECOND_FACTOR_VERIFY_PATH} submit={t('accounts.second_factor.verify.submit')} />
        <p>{t('accounts.second_factor.verify.lost')}</p>
      </div>
    </Layout>
  );
}

/** After too many codes: a pause, said calmly. */
export function PausedPage({ ctx, minutes }: { ctx: PageContext; minutes: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.second_factor.paused.title')}>
      <div class="wrap narrow">
        <h1>{t('accounts.second_factor.paused.title')}</h1>
        <p class="lead">{t('accounts.second_factor.paused.text', { minutes })}</p>
        <p>{t('accounts.second_factor.paused.safe')}</p>
      </div>
    </Layout>
  );
}

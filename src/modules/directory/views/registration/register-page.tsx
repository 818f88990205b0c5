import { h, Fragment } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LIMITS } from '../../directory.inputs.js';
import { offerName, SessionSummary, type SessionDetails } from './session-summary.js';

/** open: places left; full: the form puts people on the waiting list; closed: past or cancelled. */
export type RegistrationState = 'open' | 'full' | 'closed';

export function registrationState(details: SessionDetails, now: Date): RegistrationState {
  if (details.session.cancelled || details.session.startsAt <= now.toISOString()) return 'closed';
  return details.placesLeft > 0 ? 'open' : 'full';
}

export function RegisterPage({
  ctx,
  details,
  form,
  state,
  retentionDays,
}: {
  ctx: PageContext;
  details: SessionDetails;
  form: FormState;
  state: RegistrationState;
  /** How long after the session the person's details are kept, said where they consent. */
  retentionDays: number;
}) {
  const { t } = ctx;
  const name = offerName(ctx, details.offer);
  const labels = {
    name: t('directory.registration.form.name'),
    contact: t('directory.registration.form.contact'),
    needs: t('directory.registration.form.needs'),
    consent: t('directory.registration.form.consent_legend'),
  };
  const consentError = form.errors.consent;
  return (
    <Layout ctx={ctx} title={t('directory.registration.title')}>
      <div class="wrap narrow">
        <h1>{t('directory.registration.title')}</h1>
        <p class="lead">
          <a href={href(ctx, `/offers/${details.offer.id}`)} lang={name.lang}>
            {name.value}
          </a>
        </p>
        <SessionSummary ctx={ctx} details={details} />
        {state === 'closed' ? (
          <div class="notice notice--warning">
            <p>
              {details.session.cancelled ? t('directory.registration.closed.cancelled') : t('directory.registration.closed.past')}
            </p>
            <p>
              <a href={href(ctx, '/calendar')}>{t('directory.registration.closed.other_dates')}</a>
            </p>
          </div>
        ) : (
          <>
            {state === 'full' ? (
              <div class="notice notice--warning">
                <p>{t('directory.registration.full')}</p>
              </div>
            ) : (
              <p>{t('directory.registration.places_left', { count: details.placesLeft })}</p>
            )}
            <ErrorSummary form={form} labels={labels} />
            <form method="post" action={href(ctx, `/sessions/${details.session.id}/register`)} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField form={form} name="name" label={labels.name} autocomplete="name" maxlength={LIMITS.name} required />
              <TextField
                form={form}
                name="contact"
                label={labels.contact}
                hint={t('directory.registration.form.contact_hint')}
                autocomplete="email"
                maxlength={LIMITS.email}
                required
              />
              <TextArea form={form} name="needs" label={labels.needs} hint={t('directory.registration.form.needs_hint')} rows={4} maxlength={LIMITS.needs} />
              <fieldset class={consentError ? 'choices field--error' : 'choices'} id="consent" aria-describedby={consentError ? 'consent-error' : 'consent-hint'}>
                <legend>{labels.consent}</legend>
                <p class="hint" id="consent-hint">
                  {t('directory.registration.form.consent_hint', { days: retentionDays })}
                </p>
                {consentError ? (
                  <p class="field-error" id="consent-error">
                    <span class="visually-hidden">{t('forms.error_prefix')} </span>
                    {t(consentError.key, consentError.values)}
                  </p>
                ) : null}
                <div class="choice">
                  <input type="checkbox" id="consent-yes" name="consent" value="yes" checked={form.values.consent === 'yes'} />
                  <label for="consent-yes">{t('directory.registration.form.consent', { days: retentionDays })}</label>
                </div>
              </fieldset>
              <SubmitButton>{state === 'full' ? t('directory.registration.form.submit_waitlist') : t('directory.registration.form.submit')}</SubmitButton>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

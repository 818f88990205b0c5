import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LOCALES, LOCALE_NAMES } from '../../../../platform/i18n/locales.js';
import type { Location, Offer } from '../../directory.model.js';
import { LIMITS } from '../../directory.inputs.js';
import { offerName } from '../registration/session-summary.js';

export function sessionLabels(ctx: PageContext): Record<string, string> {
  const { t } = ctx;
  const labels: Record<string, string> = {
    date: t('directory.provider.session.date'),
    startTime: t('directory.provider.session.start_time'),
    endTime: t('directory.provider.session.end_time'),
    capacity: t('directory.provider.session.capacity'),
    locationId: t('directory.provider.session.location'),
  };
  for (const l of LOCALES) labels[`title_${l}`] = t('directory.provider.session.title_in', { language: LOCALE_NAMES[l] });
  return labels;
}

export function SessionFormPage({
  ctx,
  offer,
  locations,
  form,
  sessionId,
}: {
  ctx: PageContext;
  offer: Offer;
  locations: readonly Location[];
  form: FormState;
  sessionId?: string;
}) {
  const { t } = ctx;
  const title = sessionId ? t('directory.provider.session.edit_title') : t('directory.provider.session.new_title');
  const labels = sessionLabels(ctx);
  const name = offerName(ctx, offer);
  const action = sessionId ? `/provider/sessions/${sessionId}/edit` : `/provider/offers/${offer.id}/sessions/new`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead" lang={name.lang}>
          {name.value}
        </p>
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField form={form} name="date" label={labels.date!} type="date" hint={t('directory.provider.session.date_hint')} required />
          <TextField form={form} name="startTime" label={labels.startTime!} type="time" hint={t('directory.provider.session.time_hint')} required />
          <TextField form={form} name="endTime" label={labels.endTime!} type="time" hint={t('directory.provider.session.time_hint')} required />
          <TextField
            form={form}
            name="capacity"
            label={labels.capacity!}
            type="number"
            inputmode="numeric"
            hint={t('directory.provider.session.capacity_hint')}
            required
          />
          <SelectField
            form={form}
            name="locationId"
            label={labels.locationId!}
            placeholder={t('directory.provider.session.no_location')}
            options={locations.map((l) => ({ value: l.id, label: l.address ? `${l.name} – ${l.address}` : l.name }))}
          />
          <h2>{t('directory.provider.session.titles_heading')}</h2>
          <p>{t('directory.provider.session.titles_intro')}</p>
          {LOCALES.map((l) => (
            <TextField form={form} name={`title_${l}`} label={labels[`title_${l}`]!} lang={l} maxlength={LIMITS.name} />
          ))}
          {sessionId ? (
            <ChoiceGroup
              form={form}
              name="cancelled"
              label={t('directory.provider.session.cancel_legend')}
              hint={t('directory.provider.session.cancel_hint')}
              multiple
              options={[{ value: '1', label: t('directory.provider.session.cancelled') }]}
            />
          ) : null}
          <SubmitButton>{t('directory.provider.session.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

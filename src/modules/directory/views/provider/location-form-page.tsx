import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SubmitButton, TextArea, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LOCALES, LOCALE_NAMES } from '../../../../platform/i18n/locales.js';
import type { Organization } from '../../directory.model.js';
import { LIMITS } from '../../directory.inputs.js';
import { LOCATION_TYPES } from '../../provider.schema.js';
import { ACCESSIBILITY } from '../../vocabulary.js';
import { CodeChoices, CommuneField, OpeningHoursField } from './fields.js';
import { ChangeNotice } from './status.js';
import type { ChangeState } from './overview.js';

export function locationLabels(ctx: PageContext): Record<string, string> {
  const { t } = ctx;
  const labels: Record<string, string> = {
    name: t('directory.provider.location.name'),
    locationType: t('directory.provider.location.type'),
    address: t('directory.provider.location.address'),
    postalCode: t('directory.provider.location.postal_code'),
    locality: t('directory.provider.location.locality'),
    communeId: t('directory.provider.location.commune'),
    latitude: t('directory.provider.location.latitude'),
    longitude: t('directory.provider.location.longitude'),
    accessibility: t('directory.provider.location.accessibility'),
    openingHours: t('directory.provider.location.opening_hours'),
  };
  for (const l of LOCALES) labels[`description_${l}`] = t('directory.provider.location.description', { language: LOCALE_NAMES[l] });
  return labels;
}

export function LocationFormPage({
  ctx,
  organization,
  form,
  locationId,
  change,
}: {
  ctx: PageContext;
  organization: Organization;
  form: FormState;
  locationId?: string;
  change?: ChangeState;
}) {
  const { t } = ctx;
  const title = locationId ? t('directory.provider.location.edit_title') : t('directory.provider.location.new_title');
  const labels = locationLabels(ctx);
  const action = locationId ? `/provider/locations/${locationId}/edit` : `/provider/organizations/${organization.id}/locations/new`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{organization.name}</p>
        {change ? <ChangeNotice ctx={ctx} change={change} /> : null}
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField form={form} name="name" label={labels.name!} hint={t('directory.provider.location.name_hint')} maxlength={LIMITS.name} required />
          <ChoiceGroup
            form={form}
            name="locationType"
            label={labels.locationType!}
            multiple={false}
            options={LOCATION_TYPES.map((type) => ({ value: type, label: t(`directory.provider.location.types.${type}`) }))}
          />
          <h2>{t('directory.provider.location.address_heading')}</h2>
          <TextField form={form} name="address" label={labels.address!} hint={t('directory.provider.location.address_hint')} autocomplete="street-address" maxlength={LIMITS.shortText} />
          <TextField form={form} name="postalCode" label={labels.postalCode!} hint={t('directory.provider.location.postal_code_hint')} autocomplete="postal-code" inputmode="numeric" maxlength={10} />
          <TextField form={form} name="locality" label={labels.locality!} maxlength={LIMITS.name} />
          <CommuneField ctx={ctx} form={form} label={labels.communeId!} hint={t('directory.provider.location.commune_hint')} />
          <h2>{t('directory.provider.location.coordinates_heading')}</h2>
          <p>{t('directory.provider.location.coordinates_intro')}</p>
          <TextField form={form} name="latitude" label={labels.latitude!} hint={t('directory.provider.location.latitude_hint')} inputmode="decimal" maxlength={20} />
          <TextField form={form} name="longitude" label={labels.longitude!} hint={t('directory.provider.location.longitude_hint')} inputmode="decimal" maxlength={20} />
          <h2>{t('directory.provider.location.visit_heading')}</h2>
          <CodeChoices ctx={ctx} form={form} name="accessibility" list="accessibility" codes={ACCESSIBILITY} label={labels.accessibility!} />
          <OpeningHoursField ctx={ctx} form={form} label={labels.openingHours!} />
          {LOCALES.map((l) => (
            <TextArea form={form} name={`description_${l}`} label={labels[`description_${l}`]!} lang={l} rows={3} maxlength={LIMITS.description} />
          ))}
          <SubmitButton>{t('directory.provider.location.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LOCALES, LOCALE_NAMES } from '../../../../platform/i18n/locales.js';
import type { Location, Organization } from '../../directory.model.js';
import { LIMITS } from '../../directory.inputs.js';
import { OFFER_TEXT_FIELDS } from '../../provider.schema.js';
import { ACCESSIBILITY, AUDIENCES, COSTS, LANGUAGES, MODES, OFFER_TYPES } from '../../vocabulary.js';
import { CodeChoices, OpeningHoursField, translatedLabels, TranslatedTexts } from './fields.js';
import { ChangeNotice } from './status.js';
import type { ChangeState } from './overview.js';

export interface OfferFormProps {
  ctx: PageContext;
  organization: Organization;
  locations: readonly Location[];
  form: FormState;
  /** Absent for a new offer. */
  offerId?: string;
  change?: ChangeState;
  rejectedReason?: string | null;
}

const TEXT_MAX = { name: LIMITS.name, description: LIMITS.description, costDetails: LIMITS.shortText } as const;

/** Field name → label, for the error summary's links. */
export function offerLabels(ctx: PageContext): Record<string, string> {
  const { t } = ctx;
  const labels: Record<string, string> = {
    defaultLocale: t('directory.provider.offer_form.default_locale'),
    offerTypes: t('directory.provider.offer_form.offer_types'),
    audiences: t('directory.provider.offer_form.audiences'),
    languages: t('directory.provider.offer_form.languages'),
    accessibility: t('directory.provider.offer_form.accessibility'),
    modes: t('directory.provider.offer_form.modes'),
    cost: t('directory.provider.offer_form.cost'),
    openingHours: t('directory.provider.offer_form.opening_hours'),
    email: t('directory.provider.contact.email'),
    phone: t('directory.provider.contact.phone'),
    website: t('directory.provider.contact.website'),
    bookingUrl: t('directory.provider.offer_form.booking_url'),
    locationIds: t('directory.provider.offer_form.locations'),
  };
  const texts = OFFER_TEXT_FIELDS.map((name) => ({ name, label: t(`directory.provider.offer_form.${name}`) }));
  return { ...labels, ...translatedLabels(ctx, texts) };
}

export function OfferFormPage({ ctx, organization, locations, form, offerId, change, rejectedReason }: OfferFormProps) {
  const { t } = ctx;
  const title = offerId ? t('directory.provider.offer_form.edit_title') : t('directory.provider.offer_form.new_title');
  const labels = offerLabels(ctx);
  const action = offerId ? `/provider/offers/${offerId}/edit` : `/provider/organizations/${organization.id}/offers/new`;
  const defaultLocale = typeof form.values.defaultLocale === 'string' ? form.values.defaultLocale : ctx.locale;
  const textFields = OFFER_TEXT_FIELDS.map((name) => ({
    name,
    label: t(`directory.provider.offer_form.${name}`),
    long: name !== 'name',
    max: TEXT_MAX[name],
  }));
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{organization.name}</p>
        {change ? <ChangeNotice ctx={ctx} change={change} rejectedReason={rejectedReason} /> : null}
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2>{t('directory.provider.offer_form.texts_heading')}</h2>
          <p>{t('directory.provider.offer_form.texts_intro')}</p>
          <SelectField
            form={form}
            name="defaultLocale"
            label={labels.defaultLocale!}
            hint={t('directory.provider.offer_form.default_locale_hint')}
            options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
            required
          />
          <TranslatedTexts ctx={ctx} form={form} fields={textFields} mainLocale={defaultLocale} />
          <h2>{t('directory.provider.offer_form.what_heading')}</h2>
          <CodeChoices ctx={ctx} form={form} name="offerTypes" list="offer_type" codes={OFFER_TYPES} label={labels.offerTypes!} hint={t('directory.provider.offer_form.offer_types_hint')} compact />
          <CodeChoices ctx={ctx} form={form} name="audiences" list="audience" codes={AUDIENCES} label={labels.audiences!} compact />
          <CodeChoices ctx={ctx} form={form} name="languages" list="language" codes={LANGUAGES} label={labels.languages!} hint={t('directory.provider.offer_form.languages_hint')} compact />
          <CodeChoices ctx={ctx} form={form} name="accessibility" list="accessibility" codes={ACCESSIBILITY} label={labels.accessibility!} />
          <CodeChoices ctx={ctx} form={form} name="modes" list="mode" codes={MODES} label={labels.modes!} />
          <ChoiceGroup
            form={form}
            name="cost"
            label={labels.cost!}
            hint={t('directory.provider.offer_form.cost_hint')}
            multiple={false}
            options={COSTS.map((code) => ({ value: code, label: t(`directory.vocab.cost.${code}`) }))}
          />
          <h2>{t('directory.provider.offer_form.when_where_heading')}</h2>
          <OpeningHoursField ctx={ctx} form={form} label={labels.openingHours!} />
          {locations.length > 0 ? (
            <ChoiceGroup
              form={form}
              name="locationIds"
              label={labels.locationIds!}
              multiple
              options={locations.map((l) => ({ value: l.id, label: l.address ? `${l.name} – ${l.address}` : l.name }))}
            />
          ) : (
            <p>
              {t('directory.provider.offer_form.no_places')}{' '}
              <a href={href(ctx, `/provider/organizations/${organization.id}/locations/new`)}>{t('directory.provider.dashboard.add_place')}</a>
            </p>
          )}
          <h2>{t('directory.provider.offer_form.contact_heading')}</h2>
          <TextField form={form} name="email" label={labels.email!} type="email" autocomplete="email" maxlength={LIMITS.email} />
          <TextField form={form} name="phone" label={labels.phone!} type="tel" autocomplete="tel" maxlength={40} />
          <TextField form={form} name="website" label={labels.website!} type="url" maxlength={LIMITS.url} hint={t('directory.provider.contact.website_hint')} />
          <TextField form={form} name="bookingUrl" label={labels.bookingUrl!} type="url" maxlength={LIMITS.url} hint={t('directory.provider.offer_form.booking_url_hint')} />
          <ChoiceGroup
            form={form}
            name="active"
            label={t('directory.provider.offer_form.visibility')}
            multiple
            options={[{ value: '1', label: t('directory.provider.offer_form.active') }]}
          />
          <SubmitButton>{t('directory.provider.offer_form.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

import { h, Fragment, type SafeHtml } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Organization } from '../../directory.model.js';
import { LIMITS } from '../../directory.inputs.js';
import { translatedLabels, TranslatedTexts } from './fields.js';
import { ChangeNotice } from './status.js';
import type { ChangeState } from './overview.js';

/** Field name → label, for the error summary's links. */
export function organizationLabels(ctx: PageContext): Record<string, string> {
  const { t } = ctx;
  return {
    name: t('directory.provider.organization.name'),
    email: t('directory.provider.contact.email'),
    phone: t('directory.provider.contact.phone'),
    website: t('directory.provider.contact.website'),
    ...translatedLabels(ctx, [{ name: 'description', label: t('directory.provider.organization.description') }]),
  };
}

/** The organisation's own details, shared by the provider's edit form and the moderator's new one. */
export function OrganizationFields({ ctx, form, labels }: { ctx: PageContext; form: FormState; labels: Record<string, string> }): SafeHtml {
  const { t } = ctx;
  const texts = [{ name: 'description', label: t('directory.provider.organization.description'), long: true, max: LIMITS.description }];
  return (
    <>
      <TextField form={form} name="name" label={labels.name!} hint={t('directory.provider.organization.name_hint')} autocomplete="organization" maxlength={LIMITS.name} required />
      <h2>{t('directory.provider.organization.description_heading')}</h2>
      <p>{t('directory.provider.organization.description_intro')}</p>
      <TranslatedTexts ctx={ctx} form={form} fields={texts} mainLocale={ctx.locale} />
      <h2>{t('directory.provider.offer_form.contact_heading')}</h2>
      <TextField form={form} name="email" label={labels.email!} type="email" autocomplete="email" maxlength={LIMITS.email} />
      <TextField form={form} name="phone" label={labels.phone!} type="tel" autocomplete="tel" maxlength={40} />
      <TextField form={form} name="website" label={labels.website!} type="url" maxlength={LIMITS.url} hint={t('directory.provider.contact.website_hint')} />
    </>
  );
}

export function OrganizationFormPage({
  ctx,
  organization,
  form,
  change,
  rejectedReason,
}: {
  ctx: PageContext;
  organization: Organization;
  form: FormState;
  change?: ChangeState;
  rejectedReason?: string | null;
}) {
  const { t } = ctx;
  const title = t('directory.provider.organization.edit_title');
  const labels = organizationLabels(ctx);
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{organization.name}</p>
        <p>{t('directory.provider.organization.intro')}</p>
        {change ? <ChangeNotice ctx={ctx} change={change} rejectedReason={rejectedReason} /> : null}
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, `/provider/organizations/${organization.id}/edit`)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <OrganizationFields ctx={ctx} form={form} labels={labels} />
          <SubmitButton>{t('directory.provider.organization.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

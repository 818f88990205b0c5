import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LIMITS } from '../../directory.inputs.js';
import { OrganizationFields, organizationLabels } from '../provider/organization-form-page.js';

/** A moderator adds an organisation, public at once, and may give a provider account access to it. */
export function NewOrganizationPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const title = t('directory.moderation.new_organization.title');
  const labels = {
    ...organizationLabels(ctx),
    memberEmail: t('directory.moderation.new_organization.member_email'),
    memberTrusted: t('directory.moderation.new_organization.member_trusted_legend'),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/moderation')}>{t('directory.moderation.back_to_queue')}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{t('directory.moderation.new_organization.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, '/moderation/organizations/new')} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <OrganizationFields ctx={ctx} form={form} labels={labels} />
          <h2>{t('directory.moderation.new_organization.member_heading')}</h2>
          <p>{t('directory.moderation.new_organization.member_intro')}</p>
          <TextField
            form={form}
            name="memberEmail"
            label={labels.memberEmail}
            hint={t('directory.moderation.new_organization.member_email_hint')}
            type="email"
            autocomplete="off"
            maxlength={LIMITS.email}
          />
          <ChoiceGroup
            form={form}
            name="memberTrusted"
            label={labels.memberTrusted}
            hint={t('directory.moderation.new_organization.member_trusted_hint')}
            multiple
            options={[{ value: '1', label: t('directory.moderation.new_organization.member_trusted') }]}
          />
          <SubmitButton>{t('directory.moderation.new_organization.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SubmitButton, TextArea, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Offer } from '../../directory.model.js';
import { LIMITS } from '../../directory.inputs.js';
import { REPORT_KINDS } from '../../registration.schema.js';
import { offerName } from '../registration/session-summary.js';

export function ReportPage({ ctx, offer, form }: { ctx: PageContext; offer: Offer; form: FormState }) {
  const { t } = ctx;
  const name = offerName(ctx, offer);
  const labels = { kind: t('directory.report.kind'), message: t('directory.report.message') };
  return (
    <Layout ctx={ctx} title={t('directory.report.title')}>
      <div class="wrap narrow">
        <h1>{t('directory.report.title')}</h1>
        <p class="lead">
          <a href={href(ctx, `/offers/${offer.id}`)} lang={name.lang}>
            {name.value}
          </a>
        </p>
        <p>{t('directory.report.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, `/offers/${offer.id}/report`)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <ChoiceGroup
            form={form}
            name="kind"
            label={labels.kind}
            multiple={false}
            options={REPORT_KINDS.map((kind) => ({ value: kind, label: t(`directory.report.kinds.${kind}`) }))}
          />
          <TextArea form={form} name="message" label={labels.message} hint={t('directory.report.message_hint')} rows={4} maxlength={LIMITS.needs} />
          <SubmitButton>{t('directory.report.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

export function ReportThanksPage({ ctx, offer }: { ctx: PageContext; offer: Offer }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('directory.report.thanks_title')}>
      <div class="wrap narrow">
        <h1>{t('directory.report.thanks_title')}</h1>
        <p class="lead">{t('directory.report.thanks')}</p>
        <p>
          <a href={href(ctx, `/offers/${offer.id}`)}>{t('directory.report.back_to_offer')}</a>
        </p>
      </div>
    </Layout>
  );
}

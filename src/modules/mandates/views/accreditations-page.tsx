import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Accreditation } from '../mandates.model.js';
import { formatDate } from './format.js';
import { Notice } from './components.js';

const ACCREDITATION_NOTICES = ['accredited', 'withdrawn'] as const;
export type AccreditationNotice = (typeof ACCREDITATION_NOTICES)[number];
export const isAccreditationNotice = (value: unknown): value is AccreditationNotice =>
  (ACCREDITATION_NOTICES as readonly unknown[]).includes(value);

/** Moderators decide which organisations' helpers may act for people, and until when. */
export function AccreditationsPage({
  ctx,
  accreditations,
  organizations,
  form,
  done,
  refusal,
}: {
  ctx: PageContext;
  accreditations: readonly Accreditation[];
  organizations: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  form: FormState;
  done: AccreditationNotice | null;
  refusal: string | null;
}) {
  const { t } = ctx;
  const labels = { organizationId: t('mandates.moderation.organization'), validUntil: t('mandates.moderation.valid_until') };
  return (
    <Layout ctx={ctx} title={t('mandates.moderation.title')}>
      <div class="wrap">
        <p>
          <a href={href(ctx, '/moderation')}>{t('mandates.moderation.back')}</a>
        </p>
        <h1>{t('mandates.moderation.title')}</h1>
        <p class="lead">{t('mandates.moderation.intro')}</p>
        {done ? <Notice kind="success">{t(`mandates.moderation.done.${done}`)}</Notice> : null}
        {refusal ? <Notice kind="error">{t(`mandates.errors.${refusal}`)}</Notice> : null}
        <section aria-labelledby="list-title">
          <h2 id="list-title">{t('mandates.moderation.list_heading')}</h2>
          {accreditations.length === 0 ? (
            <p>{t('mandates.moderation.empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('mandates.moderation.organization')}</th>
                  <th scope="col">{t('mandates.moderation.period')}</th>
                  <th scope="col">{t('mandates.moderation.state')}</th>
                  <th scope="col">{t('mandates.moderation.action')}</th>
                </tr>
              </thead>
              <tbody>
                {accreditations.map((a) => (
                  <tr>
                    <th scope="row">{a.organizationName}</th>
                    <td>
                      {t('mandates.parties.period_value', { start: formatDate(a.validFrom, ctx.locale), end: formatDate(a.validUntil, ctx.locale) })}
                    </td>
                    <td>
                      {a.withdrawnAt
                        ? t('mandates.moderation.withdrawn_on', { date: formatDate(a.withdrawnAt, ctx.locale) })
                        : a.current
                          ? t('mandates.moderation.current')
                          : t('mandates.moderation.not_current')}
                    </td>
                    <td>
                      {a.current ? (
                        <form method="post" action={href(ctx, '/moderation/accreditations/withdraw')}>
                          <CsrfField token={ctx.csrfToken} />
                          <input type="hidden" name="organizationId" value={a.organizationId} />
                          <SubmitButton secondary>{t('mandates.moderation.withdraw', { organization: a.organizationName })}</SubmitButton>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="accredit-title">
          <h2 id="accredit-title">{t('mandates.moderation.accredit_heading')}</h2>
          <ErrorSummary form={form} labels={labels} />
          <form method="post" action={href(ctx, '/moderation/accreditations')} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectField
              form={form}
              name="organizationId"
              label={labels.organizationId}
              placeholder={t('mandates.propose.organization_placeholder')}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
              required
            />
            <TextField
              form={form}
              name="validUntil"
              label={labels.validUntil}
              hint={t('mandates.moderation.valid_until_hint')}
              type="date"
              required
            />
            <SubmitButton>{t('mandates.moderation.accredit')}</SubmitButton>
          </form>
        </section>
      </div>
    </Layout>
  );
}

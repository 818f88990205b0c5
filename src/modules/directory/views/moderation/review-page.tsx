import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, type FormState } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { LIMITS } from '../../directory.inputs.js';
import type { ModerationItem } from '../../moderation.service.js';
import { formatDate } from '../public/text.js';
import type { DiffRow } from './diff.js';
import { itemTarget, itemTitle } from './queue-page.js';

/** One item of the queue: what would change, and the two decisions. */
export function ReviewPage({ ctx, item, rows, form }: { ctx: PageContext; item: ModerationItem; rows: readonly DiffRow[]; form: FormState }) {
  const { t, locale } = ctx;
  const target = itemTarget(item);
  const title = itemTitle(ctx, item);
  const kind = item.kind === 'change' ? `change_${item.change.entityType}` : `new_${item.kind}`;
  const base = `/moderation/${target.kind}/${target.id}`;
  const labels = { reason: t('directory.moderation.reason') };
  const isNew = item.kind !== 'change';
  return (
    <Layout ctx={ctx} title={t(`directory.moderation.kinds.${kind}`)}>
      <div class="wrap">
        <p>
          <a href={href(ctx, '/moderation')}>{t('directory.moderation.back_to_queue')}</a>
        </p>
        <h1>
          {t(`directory.moderation.kinds.${kind}`)}: <span lang={title.lang}>{title.value}</span>
        </h1>
        <p class="meta">
          {t('directory.moderation.from_organization', { name: item.organization.name })}
          {item.kind === 'change' ? ` · ${t('directory.moderation.proposed_on', { date: formatDate(item.change.createdAt, locale) })}` : ''}
        </p>
        <ErrorSummary form={form} labels={labels} />
        <h2>{isNew ? t('directory.moderation.new_entry_heading') : t('directory.moderation.diff_heading')}</h2>
        {rows.length === 0 ? (
          <p>{t('directory.moderation.no_differences')}</p>
        ) : (
          <table class="diff">
            <thead>
              <tr>
                <th scope="col">{t('directory.moderation.columns.field')}</th>
                {isNew ? null : <th scope="col">{t('directory.moderation.columns.before')}</th>}
                <th scope="col">{isNew ? t('directory.moderation.columns.value') : t('directory.moderation.columns.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  {isNew ? null : (
                    <td>
                      {row.before === '' ? <span class="meta">{t('directory.moderation.empty')}</span> : <del>{row.before}</del>}
                    </td>
                  )}
                  <td>{row.after === '' ? <span class="meta">{t('directory.moderation.empty')}</span> : <ins>{row.after}</ins>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('directory.moderation.decision_heading')}</h2>
        <form method="post" action={href(ctx, `${base}/approve`)}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton>{t('directory.moderation.approve')}</SubmitButton>
        </form>
        <form method="post" action={href(ctx, `${base}/reject`)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextArea form={form} name="reason" label={labels.reason} hint={t('directory.moderation.reason_hint')} rows={4} maxlength={LIMITS.reason} required />
          <SubmitButton secondary>{t('directory.moderation.reject')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Brand } from '../analysis/analysis.types.js';
import { Notice } from './checker-components.js';

export const BRAND_NOTICES = ['added', 'saved', 'deleted'] as const;
export type BrandNotice = (typeof BRAND_NOTICES)[number];

/** A brand's lists as a moderator edits them: one entry per line. */
export const brandFormValues = (brand: Brand) => ({
  name: brand.name,
  domains: brand.domains.join('\n'),
  phones: brand.phones.join('\n'),
  keywords: brand.keywords.join('\n'),
});

function BrandFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <div>
      <TextField form={form} name="name" label={t('safety.brands.name')} maxlength={80} required />
      <TextArea form={form} name="domains" label={t('safety.brands.domains')} hint={t('safety.brands.domains_hint')} rows={4} required />
      <TextArea form={form} name="phones" label={t('safety.brands.phones')} hint={t('safety.brands.phones_hint')} rows={3} />
      <TextArea form={form} name="keywords" label={t('safety.brands.keywords')} hint={t('safety.brands.keywords_hint')} rows={3} required />
    </div>
  );
}

const brandLabels = (ctx: PageContext) => ({
  name: ctx.t('safety.brands.name'),
  domains: ctx.t('safety.brands.domains'),
  phones: ctx.t('safety.brands.phones'),
  keywords: ctx.t('safety.brands.keywords'),
});

export function CheckerBrandsPage({ ctx, brands, form, done }: { ctx: PageContext; brands: readonly Brand[]; form: FormState; done: BrandNotice | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('safety.brands.title')}>
      <div class="wrap">
        <p>
          <a href={href(ctx, '/moderation/safety')}>{t('safety.brands.back_to_moderation')}</a>
        </p>
        <h1>{t('safety.brands.title')}</h1>
        {done ? <Notice kind="success">{t(`safety.brands.done.${done}`)}</Notice> : null}
        <p class="lead">{t('safety.brands.intro')}</p>
        <table>
          <caption>{t('safety.brands.caption', { count: brands.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('safety.brands.name')}</th>
              <th scope="col">{t('safety.brands.domains')}</th>
              <th scope="col">{t('safety.brands.phones')}</th>
              <th scope="col">{t('safety.brands.action')}</th>
            </tr>
          </thead>
          <tbody>
            {brands.map((brand) => (
              <tr>
                <th scope="row">{brand.name}</th>
                <td>{brand.domains.join(', ')}</td>
                <td>{brand.phones.join(', ')}</td>
                <td>
                  <a href={href(ctx, `/moderation/safety/brands/${encodeURIComponent(brand.id)}`)}>{t('safety.brands.edit_link', { name: brand.name })}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section aria-labelledby="add-title">
          <h2 id="add-title">{t('safety.brands.add_heading')}</h2>
          <ErrorSummary form={form} labels={brandLabels(ctx)} />
          <form method="post" action={href(ctx, '/moderation/safety/brands')} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <BrandFields ctx={ctx} form={form} />
            <SubmitButton>{t('safety.brands.add_submit')}</SubmitButton>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export function CheckerBrandEditPage({ ctx, brand, form }: { ctx: PageContext; brand: Brand; form: FormState }) {
  const { t } = ctx;
  const path = `/moderation/safety/brands/${encodeURIComponent(brand.id)}`;
  return (
    <Layout ctx={ctx} title={t('safety.brands.edit_title', { name: brand.name })}>
      <div class="wrap narrow">
        <p>
          <a href={href(ctx, '/moderation/safety/brands')}>{t('safety.brands.back')}</a>
        </p>
        <h1>{t('safety.brands.edit_title', { name: brand.name })}</h1>
        <ErrorSummary form={form} labels={brandLabels(ctx)} />
        <form method="post" action={href(ctx, path)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <BrandFields ctx={ctx} form={form} />
          <SubmitButton>{t('safety.brands.save')}</SubmitButton>
        </form>
        <h2>{t('safety.brands.delete_heading')}</h2>
        <p>{t('safety.brands.delete_text')}</p>
        <form method="post" action={href(ctx, `${path}/delete`)}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton secondary>{t('safety.brands.delete', { name: brand.name })}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

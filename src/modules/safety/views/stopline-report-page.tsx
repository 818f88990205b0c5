import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { CsrfField, ErrorSummary, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/views/form-components.js';
import { LIMITS, REPORT_CATEGORIES } from '../stopline.model.js';
import { SafetyLinks } from './stopline-components.js';

function chosen(form: FormState): string {
  const value = form.values.category;
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** One radio per category, each with a plain sentence saying what belongs there. */
function CategoryChoice({ ctx, form, label }: { ctx: PageContext; form: FormState; label: string }) {
  const { t } = ctx;
  const error = form.errors.category;
  const current = chosen(form);
  return (
    <fieldset class={error ? 'choices field--error' : 'choices'} id="category" aria-describedby={error ? 'category-error' : undefined}>
      <legend>{label}</legend>
      {error ? (
        <p class="field-error" id="category-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.values)}
        </p>
      ) : null}
      {REPORT_CATEGORIES.map((category, index) => (
        <div class="field">
          <div class="choice">
            <input
              type="radio"
              id={`category-${index}`}
              name="category"
              value={category}
              checked={current === category}
              aria-describedby={`category-${index}-hint`}
            />
            <label for={`category-${index}`}>{t(`safety.stopline.category.${category}.label`)}</label>
          </div>
          <p class="hint" id={`category-${index}-hint`}>
            {t(`safety.stopline.category.${category}.explanation`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

/** The anonymous report form: the web address first, never a file. */
export function StoplineReportPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const labels = {
    url: t('safety.stopline.fields.url'),
    category: t('safety.stopline.fields.category'),
    whereFound: t('safety.stopline.fields.where_found'),
    context: t('safety.stopline.fields.context'),
    contact: t('safety.stopline.fields.contact'),
  };
  return (
    <Layout ctx={ctx} title={t('safety.stopline.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.stopline.title')}</h1>
        <p class="lead">{t('safety.stopline.intro')}</p>
        <ul>
          <li>{t('safety.stopline.anonymous')}</li>
          <li>{t('safety.stopline.no_files')}</li>
        </ul>
        <div class="notice notice--warning">
          <p>{t('safety.stopline.do_not_save')}</p>
        </div>
        <p>{t('safety.stopline.danger')}</p>
        <ErrorSummary form={form} labels={labels} />
        <form method="post" action={href(ctx, '/report-illegal-content')} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField
            form={form}
            name="url"
            label={labels.url}
            hint={t('safety.stopline.fields.url_hint')}
            type="url"
            inputmode="url"
            autocomplete="off"
            maxlength={LIMITS.url}
            required
          />
          <CategoryChoice ctx={ctx} form={form} label={labels.category} />
          <TextField
            form={form}
            name="whereFound"
            label={labels.whereFound}
            hint={t('safety.stopline.fields.where_found_hint')}
            autocomplete="off"
            maxlength={LIMITS.whereFound}
          />
          <TextArea form={form} name="context" label={labels.context} hint={t('safety.stopline.fields.context_hint')} rows={5} maxlength={LIMITS.context} />
          <TextField
            form={form}
            name="contact"
            label={labels.contact}
            hint={t('safety.stopline.fields.contact_hint')}
            autocomplete="off"
            maxlength={LIMITS.contact}
          />
          <SubmitButton>{t('safety.stopline.submit')}</SubmitButton>
        </form>
        <SafetyLinks ctx={ctx} except="report" />
      </div>
    </Layout>
  );
}

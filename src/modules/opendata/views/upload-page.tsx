import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import {
  CsrfField,
  ErrorSummary,
  FileField,
  SelectField,
  SubmitButton,
  type FormState,
  type Option,
} from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { LOCALE_NAMES, LOCALES } from '../../../platform/i18n/locales.js';

export interface UploadPageProps {
  readonly ctx: PageContext;
  readonly form: FormState;
  readonly organizations: readonly Option[];
  /** Every problem found in the uploaded file, as sentences; empty before an upload. */
  readonly problems: readonly string[];
}

export function UploadPage({ ctx, form, organizations, problems }: UploadPageProps) {
  const { t } = ctx;
  const labels = {
    file: t('opendata.upload.file.label'),
    format: t('opendata.upload.format.label'),
    organization: t('opendata.upload.organization.label'),
    language: t('opendata.upload.language.label'),
  };
  return (
    <Layout ctx={ctx} title={t('opendata.upload.title')}>
      <div class="wrap narrow">
        <h1>{t('opendata.upload.title')}</h1>
        <ErrorSummary form={form} labels={labels} />
        {problems.length > 0 ? (
          <section class="notice notice--error" aria-labelledby="problems-title">
            <h2 id="problems-title">{t('opendata.upload.problems.title', { count: problems.length })}</h2>
            <p>{t('opendata.upload.problems.intro')}</p>
            <ol class="problem-list">
              {problems.map((problem) => (
                <li>{problem}</li>
              ))}
            </ol>
          </section>
        ) : null}
        <p class="lead">{t('opendata.upload.intro')}</p>
        <ul>
          <li>{t('opendata.upload.rules.all_or_nothing')}</li>
          <li>{t('opendata.upload.rules.same_ids')}</li>
          <li>{t('opendata.upload.rules.moderation')}</li>
        </ul>
        <p>
          {t('opendata.upload.examples')}{' '}
          <a href="/api/v1/export/mednum.csv">{t('opendata.upload.example_csv')}</a>,{' '}
          <a href="/api/v1/export/hsds.json">{t('opendata.upload.example_hsds')}</a>
        </p>
        {organizations.length === 0 ? (
          <p class="notice">{t('opendata.upload.no_organization')}</p>
        ) : (
          <form method="post" action={href(ctx, '/provider/import')} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectField form={form} name="organization" label={labels.organization} hint={t('opendata.upload.organization.hint')} required options={organizations} />
            <FileField form={form} label={labels.file} hint={t('opendata.upload.file.hint')} accept=".csv,.json,text/csv,application/json" />
            <SelectField
              form={form}
              name="format"
              label={labels.format}
              required
              options={[
                { value: 'csv', label: t('opendata.upload.format.csv') },
                { value: 'hsds', label: t('opendata.upload.format.hsds') },
              ]}
            />
            <SelectField
              form={form}
              name="language"
              label={labels.language}
              hint={t('opendata.upload.language.hint')}
              required
              options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
            />
            <SubmitButton>{t('opendata.upload.submit')}</SubmitButton>
          </form>
        )}
        <p>
          <a href={href(ctx, '/provider')}>{t('opendata.upload.back')}</a>
        </p>
      </div>
    </Layout>
  );
}

import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { ChoiceGroup, SelectField, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { LANGUAGES, OFFER_TYPES } from '../../vocabulary.js';
import { CommuneSelect } from './components.js';

/** The guided path: three plain questions, answered with a GET form that lands on the search. */
export function HomePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const typeOptions = [
    { value: '', label: t('directory.home.any_help') },
    ...OFFER_TYPES.map((code) => ({ value: code, label: t(`directory.vocab.offer_type.${code}`) })),
  ];
  const languageOptions = LANGUAGES.map((code) => ({ value: code, label: t(`directory.vocab.language.${code}`) }));
  return (
    <Layout ctx={ctx} title={t('directory.home.title')}>
      <div class="wrap">
        <h1>{t('directory.home.heading')}</h1>
        <p class="lead">{t('directory.home.intro')}</p>
        <form method="get" action={href(ctx, '/search')} class="guided">
          <ChoiceGroup form={form} name="type" label={t('directory.home.what')} hint={t('directory.home.what_hint')} options={typeOptions} multiple={false} compact />
          <fieldset class="where">
            <legend>{t('directory.home.where')}</legend>
            <p class="hint">{t('directory.home.where_hint')}</p>
            <CommuneSelect ctx={ctx} form={form} label={t('directory.public.commune')} />
            <TextField form={form} name="near" label={t('directory.home.postal_code')} autocomplete="postal-code" maxlength={100} />
          </fieldset>
          <SelectField
            form={form}
            name="language"
            label={t('directory.home.language')}
            hint={t('directory.home.language_hint')}
            options={languageOptions}
            placeholder={t('directory.public.any_language')}
          />
          <SubmitButton>{t('directory.home.submit')}</SubmitButton>
        </form>
        <h2>{t('directory.home.more_heading')}</h2>
        <ul class="link-list">
          <li>
            <a href={href(ctx, '/calendar')}>{t('directory.home.calendar_link')}</a>
          </li>
          <li>
            <a href={href(ctx, '/search')}>{t('directory.home.search_link')}</a>
          </li>
          <li>
            <a href={href(ctx, '/safety')}>{t('safety.home.checker_link')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

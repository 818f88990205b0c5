import { h, Fragment, type SafeHtml } from '../../../../platform/views/jsx.js';
import type { PageContext } from '../../../../platform/http/context.js';
import { ChoiceGroup, SelectField, TextArea, TextField, type FormState } from '../../../../platform/views/form-components.js';
import { LOCALE_NAMES } from '../../../../platform/i18n/locales.js';
import type { ContentLocale } from '../../directory.model.js';
import { cantonName, communeName, communesInCanton, listCantons } from '../../geography/geography.js';
import { OPENING_HOURS_MAX_LENGTH } from '../../opening-hours.js';
import { CONTENT_LOCALES, suffix } from '../../provider.schema.js';
import { TRANSLATION_SOURCES } from '../../vocabulary.js';

const baseLocale = (locale: ContentLocale) => locale.replace(/-easy$/, '') as keyof typeof LOCALE_NAMES;

/** "Deutsch" or "Deutsch – Leichte Sprache", named in the language itself as on the switcher. */
export function contentLocaleName(ctx: PageContext, locale: ContentLocale): string {
  const name = LOCALE_NAMES[baseLocale(locale)];
  return locale.endsWith('-easy') ? ctx.t('directory.provider.texts.easy_version', { language: name }) : name;
}

export function hasAny(form: FormState, names: readonly string[], where: 'values' | 'errors'): boolean {
  return names.some((name) => {
    const value = form[where][name];
    return typeof value === 'string' ? value.trim() !== '' : value !== undefined && !Array.isArray(value);
  });
}

/**
 * One language version of an offer's texts. Closed when empty so the form stays short; open
 * when it holds text or an error, so nothing the person typed or must fix is hidden.
 */
export function LanguageVersion({
  ctx,
  form,
  locale,
  fields,
  withSource,
  open,
}: {
  ctx: PageContext;
  form: FormState;
  locale: ContentLocale;
  fields: readonly TranslatedField[];
  withSource: boolean;
  open: boolean;
}): SafeHtml {
  const s = suffix(locale);
  const names = [...fields.map((f) => `${f.name}_${s}`), `source_${s}`];
  const lang = baseLocale(locale);
  return (
    <details class="language-version" open={open || hasAny(form, names, 'errors') || hasAny(form, fields.map((f) => `${f.name}_${s}`), 'values')}>
      <summary>{contentLocaleName(ctx, locale)}</summary>
      <div class="language-version__body">
        {fields.map((f) =>
          f.long ? (
            <TextArea form={form} name={`${f.name}_${s}`} label={`${f.label} (${contentLocaleName(ctx, locale)})`} lang={lang} maxlength={f.max} rows={5} />
          ) : (
            <TextField form={form} name={`${f.name}_${s}`} label={`${f.label} (${contentLocaleName(ctx, locale)})`} lang={lang} maxlength={f.max} />
          ),
        )}
        {withSource ? (
          <SelectField
            form={form}
            name={`source_${s}`}
            label={ctx.t('directory.provider.texts.source', { language: contentLocaleName(ctx, locale) })}
            options={TRANSLATION_SOURCES.map((source) => ({ value: source, label: ctx.t(`directory.vocab.translation_source.${source}`) }))}
          />
        ) : null}
      </div>
    </details>
  );
}

export interface TranslatedField {
  readonly name: string;
  readonly label: string;
  readonly long: boolean;
  readonly max: number;
}

/** Labels of every language's boxes and "who wrote it" choices, for the error summary's links. */
export function translatedLabels(ctx: PageContext, fields: readonly Pick<TranslatedField, 'name' | 'label'>[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const locale of CONTENT_LOCALES) {
    for (const f of fields) labels[`${f.name}_${suffix(locale)}`] = `${f.label} (${contentLocaleName(ctx, locale)})`;
    labels[`source_${suffix(locale)}`] = ctx.t('directory.provider.texts.source', { language: contentLocaleName(ctx, locale) });
  }
  return labels;
}

/** Every language version, plain and Easy Language; the main language starts open. */
export function TranslatedTexts({
  ctx,
  form,
  fields,
  mainLocale,
}: {
  ctx: PageContext;
  form: FormState;
  fields: readonly TranslatedField[];
  mainLocale: string;
}): SafeHtml {
  return (
    <>
      {CONTENT_LOCALES.map((locale) => (
        <LanguageVersion ctx={ctx} form={form} locale={locale} fields={fields} withSource open={locale === mainLocale} />
      ))}
    </>
  );
}

/** Opening hours in OpenStreetMap syntax, with plain words and examples to copy. */
export function OpeningHoursField({ ctx, form, label }: { ctx: PageContext; form: FormState; label: string }): SafeHtml {
  const { t } = ctx;
  const error = form.errors.openingHours;
  const examples: [string, string][] = [
    ['Mo-Fr 09:00-12:00', 'weekday_mornings'],
    ['Mo-Fr 09:00-12:00,13:00-17:00', 'lunch_break'],
    ['Tu,Th 14:00-18:00; PH off', 'two_afternoons'],
    ['Sa 10:00-12:00; Aug off', 'saturdays'],
  ];
  const value = form.values.openingHours;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="openingHours">
        {label}
        <span class="optional"> ({t('forms.optional')})</span>
      </label>
      <div class="hint" id="openingHours-hint">
        <p>{t('directory.provider.opening_hours.hint')}</p>
        <ul>
          {examples.map(([code, key]) => (
            <li>
              <code>{code}</code> – {t(`directory.provider.opening_hours.examples.${key}`)}
            </li>
          ))}
        </ul>
      </div>
      {error ? (
        <p class="field-error" id="openingHours-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.values)}
        </p>
      ) : null}
      <input
        id="openingHours"
        name="openingHours"
        type="text"
        value={typeof value === 'string' ? value : ''}
        maxlength={OPENING_HOURS_MAX_LENGTH}
        spellcheck="false"
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'openingHours-hint openingHours-error' : 'openingHours-hint'}
      />
    </div>
  );
}

/** Communes grouped by canton; left empty, the postal code chooses when it names one commune. */
export function CommuneField({ ctx, form, label, hint }: { ctx: PageContext; form: FormState; label: string; hint: string }): SafeHtml {
  const error = form.errors.communeId;
  const current = form.values.communeId;
  const collator = new Intl.Collator(ctx.locale);
  const cantons = [...listCantons()].sort((a, b) => collator.compare(cantonName(a, ctx.locale), cantonName(b, ctx.locale)));
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="communeId">{label}</label>
      <p class="hint" id="communeId-hint">
        {hint}
      </p>
      {error ? (
        <p class="field-error" id="communeId-error">
          <span class="visually-hidden">{ctx.t('forms.error_prefix')} </span>
          {ctx.t(error.key, error.values)}
        </p>
      ) : null}
      <select id="communeId" name="communeId" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'communeId-hint communeId-error' : 'communeId-hint'}>
        <option value="">{ctx.t('directory.provider.location.commune_from_postal_code')}</option>
        {cantons.map((canton) => (
          <optgroup label={cantonName(canton, ctx.locale)}>
            {[...communesInCanton(canton.id)]
              .sort((a, b) => collator.compare(communeName(a, ctx.locale), communeName(b, ctx.locale)))
              .map((commune) => (
                <option value={commune.id} selected={commune.id === current}>
                  {communeName(commune, ctx.locale)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A coded list as checkboxes, labelled from the vocabulary messages. */
export function CodeChoices({
  ctx,
  form,
  name,
  list,
  codes,
  label,
  hint,
  compact,
}: {
  ctx: PageContext;
  form: FormState;
  name: string;
  list: string;
  codes: readonly string[];
  label: string;
  hint?: string;
  compact?: boolean;
}): SafeHtml {
  return (
    <ChoiceGroup
      form={form}
      name={name}
      label={label}
      hint={hint}
      multiple
      compact={compact}
      options={codes.map((code) => ({ value: code, label: ctx.t(`directory.vocab.${list}.${code}`) }))}
    />
  );
}

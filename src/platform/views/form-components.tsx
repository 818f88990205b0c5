import { h, type Child, type SafeHtml } from './jsx.js';
import type { Translate } from '../i18n/catalog.js';
import type { FieldErrors, FormValues } from '../http/forms.js';
import { CSRF_FIELD } from '../http/csrf.js';

/** What every field needs to show its label, the person's value and its error in their language. */
export interface FormState {
  readonly t: Translate;
  readonly values: FormValues;
  readonly errors: FieldErrors;
}

export const emptyForm = (t: Translate, values: FormValues = {}): FormState => ({ t, values, errors: {} });

const errorId = (name: string) => `${name}-error`;
const hintId = (name: string) => `${name}-hint`;

function describedBy(name: string, hint: unknown, form: FormState): string | undefined {
  const ids = [hint ? hintId(name) : '', form.errors[name] ? errorId(name) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function single(form: FormState, name: string): string {
  const value = form.values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function FieldMessage({ form, name }: { form: FormState; name: string }): SafeHtml {
  const error = form.errors[name];
  if (!error) return h('span', null);
  return (
    <p class="field-error" id={errorId(name)}>
      <span class="visually-hidden">{form.t('forms.error_prefix')} </span>
      {form.t(error.key, error.values)}
    </p>
  );
}

export function CsrfField({ token }: { token: string }): SafeHtml {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** GOV.UK-style summary at the top of a failed form; each entry links to its field. */
export function ErrorSummary({ form, labels }: { form: FormState; labels: Record<string, string> }): SafeHtml {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return h('span', null);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{form.t('forms.error_summary_title', { count: entries.length })}</h2>
      <ul>
        {entries.map(([name, error]) => (
          <li>
            <a href={`#${name}`}>
              {labels[name] ? `${labels[name]}: ` : ''}
              {form.t(error.key, error.values)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

/** Label, hint and error above a control, with the wrapper that marks the field as failed. */
function FieldShell({ form, name, label, hint, required, children }: FieldProps & { children?: Child }): SafeHtml {
  return (
    <div class={form.errors[name] ? 'field field--error' : 'field'}>
      <label for={name}>
        {label}
        {required ? null : <span class="optional"> ({form.t('forms.optional')})</span>}
      </label>
      {hint ? (
        <p class="hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      <FieldMessage form={form} name={name} />
      {children}
    </div>
  );
}

function controlAttributes({ form, name, hint, required }: FieldProps) {
  return {
    id: name,
    name,
    required,
    'aria-invalid': form.errors[name] ? 'true' : undefined,
    'aria-describedby': describedBy(name, hint, form),
  };
}

/** A file input in the same accessible shape as the other fields: label, hint, message, field. Its name is `file`. */
export function FileField({ form, label, hint, accept }: { form: FormState; label: string; hint: string; accept: string }) {
  const error = form.errors.file;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="file">{label}</label>
      <p class="hint" id="file-hint">
        {hint}
      </p>
      {error ? (
        <p class="field-error" id="file-error">
          <span class="visually-hidden">{form.t('forms.error_prefix')} </span>
          {form.t(error.key, error.values)}
        </p>
      ) : null}
      <input
        id="file"
        name="file"
        type="file"
        accept={accept}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
      />
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: string; autocomplete?: string; inputmode?: string; maxlength?: number; lang?: string },
): SafeHtml {
  const { form, name, type = 'text', autocomplete, inputmode, maxlength, lang } = props;
  return (
    <FieldShell {...props}>
      <input
        {...controlAttributes(props)}
        type={type}
        value={single(form, name)}
        autocomplete={autocomplete}
        inputmode={inputmode}
        maxlength={maxlength}
        lang={lang}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxlength?: number; lang?: string }): SafeHtml {
  const { form, name, rows = 5, maxlength, lang } = props;
  return (
    <FieldShell {...props}>
      <textarea {...controlAttributes(props)} rows={rows} maxlength={maxlength} lang={lang}>
        {single(form, name)}
      </textarea>
    </FieldShell>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly lang?: string;
}

export function SelectField(props: FieldProps & { options: readonly Option[]; placeholder?: string }): SafeHtml {
  const { form, name, options, placeholder } = props;
  const current = single(form, name);
  return (
    <FieldShell {...props}>
      <select {...controlAttributes(props)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option value={o.value} selected={o.value === current} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes (many answers) or radios (one answer) in a fieldset with a legend. */
export function ChoiceGroup(
  props: FieldProps & { options: readonly Option[]; multiple: boolean; children?: Child; compact?: boolean },
): SafeHtml {
  const { form, name, label, hint, options, multiple, compact } = props;
  const raw = form.values[name];
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <fieldset
      class={`choices${compact ? ' choices--compact' : ''}${form.errors[name] ? ' field--error' : ''}`}
      id={name}
      aria-describedby={describedBy(name, hint, form)}
    >
      <legend>{label}</legend>
      {hint ? (
        <p class="hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      <FieldMessage form={form} name={name} />
      {options.map((o, index) => (
        <div class="choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            id={`${name}-${index}`}
            name={name}
            value={o.value}
            checked={chosen.has(o.value)}
          />
          <label for={`${name}-${index}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function SubmitButton({ children, name, value, secondary }: { children?: Child; name?: string; value?: string; secondary?: boolean }): SafeHtml {
  return (
    <button type="submit" class={secondary ? 'button button--secondary' : 'button'} name={name} value={value}>
      {children}
    </button>
  );
}

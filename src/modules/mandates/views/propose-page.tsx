import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { DURATION_PRESETS, MANDATE_ACTIONS, PROCEDURE_CATEGORIES } from '../mandates.model.js';
import { scopeValue } from '../mandates.schema.js';
import { BackLink, Notice } from './components.js';

export interface OrganizationChoice {
  readonly id: string;
  readonly name: string;
}

export function ProposePage({
  ctx,
  form,
  organizations,
  assisted,
  refusal,
}: {
  ctx: PageContext;
  form: FormState;
  /** Accredited organisations only: the others could not accept. */
  organizations: readonly OrganizationChoice[];
  assisted: boolean;
  /** A refusal of the service that belongs to no single field. */
  refusal?: string | null;
}) {
  const { t } = ctx;
  const title = assisted ? t('mandates.propose.title_assisted') : t('mandates.propose.title');
  const labels = {
    principalEmail: t('mandates.propose.principal_email'),
    agentKind: assisted ? t('mandates.propose.agent_legend_assisted') : t('mandates.propose.agent_legend'),
    agentEmail: t('mandates.propose.agent_email'),
    organizationId: t('mandates.propose.organization'),
    scopes: t('mandates.propose.scopes_legend'),
    duration: t('mandates.propose.duration_legend'),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap">
        <BackLink ctx={ctx} to="/mandates" label={t('mandates.detail.back')} />
        <h1>{title}</h1>
        <p class="lead">{assisted ? t('mandates.propose.intro_assisted') : t('mandates.propose.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        {refusal ? <Notice kind="error">{t(`mandates.errors.${refusal}`)}</Notice> : null}
        <form method="post" action={href(ctx, '/mandates/new')} novalidate>
          <CsrfField token={ctx.csrfToken} />
          {assisted ? (
            <TextField
              form={form}
              name="principalEmail"
              label={labels.principalEmail}
              hint={t('mandates.propose.principal_email_hint')}
              type="email"
              autocomplete="off"
              maxlength={254}
              required
            />
          ) : null}
          <ChoiceGroup
            form={form}
            name="agentKind"
            label={labels.agentKind}
            multiple={false}
            required
            options={[
              { value: 'organization', label: t('mandates.propose.agent_organization') },
              { value: 'person', label: t('mandates.propose.agent_person') },
            ]}
          />
          <SelectField
            form={form}
            name="organizationId"
            label={labels.organizationId}
            hint={t('mandates.propose.organization_hint')}
            placeholder={t('mandates.propose.organization_placeholder')}
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextField
            form={form}
            name="agentEmail"
            label={labels.agentEmail}
            hint={t('mandates.propose.agent_email_hint')}
            type="email"
            autocomplete="off"
            maxlength={254}
          />
          <ScopesField form={form} label={labels.scopes} />
          <ChoiceGroup
            form={form}
            name="duration"
            label={labels.duration}
            hint={t('mandates.propose.duration_hint')}
            multiple={false}
            required
            options={DURATION_PRESETS.map((d) => ({ value: d, label: t(`mandates.duration.${d}`) }))}
          />
          <SubmitButton>{t('mandates.propose.submit')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

/** Every area as its own group of actions, all inside one group that carries the error. */
function ScopesField({ form, label }: { form: FormState; label: string }) {
  const { t } = form;
  const raw = form.values.scopes;
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const error = form.errors.scopes;
  return (
    <fieldset
      class={error ? 'choices scopes field--error' : 'choices scopes'}
      id="scopes"
      aria-describedby={error ? 'scopes-hint scopes-error' : 'scopes-hint'}
    >
      <legend>{label}</legend>
      <p class="hint" id="scopes-hint">
        {t('mandates.propose.scopes_hint')}
      </p>
      {error ? (
        <p class="field-error" id="scopes-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.values)}
        </p>
      ) : null}
      {PROCEDURE_CATEGORIES.map((category) => (
        <fieldset class="choices choices--compact scope-group">
          <legend>{t(`mandates.category.${category}`)}</legend>
          {MANDATE_ACTIONS.map((action) => {
            const value = scopeValue(category, action);
            const id = `scope-${category}-${action}`;
            return (
              <div class="choice">
                <input type="checkbox" id={id} name="scopes" value={value} checked={chosen.has(value)} />
                <label for={id}>{t(`mandates.action.${action}`)}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}

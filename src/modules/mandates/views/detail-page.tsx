import { h, Fragment, raw, type SafeHtml } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { ChoiceGroup, CsrfField, ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { LOCALES, LOCALE_NAMES } from '../../../platform/i18n/locales.js';
import { DURATION_PRESETS, type JournalEntry, type Mandate, type RelyingService } from '../mandates.model.js';
import type { MandateError, RenderedConsent } from '../mandates.types.js';
import { agentName, BackLink, MandateFacts, mandateFacts, Notice } from './components.js';
import { History } from './history.js';

/** How the person looking at a mandate is related to it: that decides which steps they see. */
export interface Viewer {
  readonly principal: boolean;
  /** The person agent, or a helper of the agent organisation. */
  readonly agentSide: boolean;
  /** A helper of an organisation who may record paper consent (the agent organisation's, or the one who prepared it). */
  readonly helper: boolean;
}

const DONE_NOTICES = ['proposed', 'consented', 'paper_consented', 'accepted', 'renewed'] as const;
export type DoneNotice = (typeof DONE_NOTICES)[number];
export const isDoneNotice = (value: unknown): value is DoneNotice => (DONE_NOTICES as readonly unknown[]).includes(value);

/** The forms of the page; only the one just sent carries values and errors. */
export interface DetailForms {
  readonly paper: FormState;
  readonly renew: FormState;
  readonly use: FormState;
}

export interface DetailProps {
  readonly ctx: PageContext;
  readonly mandate: Mandate;
  readonly history: readonly JournalEntry[];
  readonly viewer: Viewer;
  readonly services: readonly RelyingService[];
  /** The consent text in the chosen language, for the principal while consent is pending. */
  readonly consent: RenderedConsent | null;
  readonly forms: DetailForms;
  readonly done: DoneNotice | null;
  readonly refusal: MandateError | null;
}

const LABELS = (ctx: PageContext) => ({
  oneTimeCode: ctx.t('mandates.paper.code'),
  declaration: ctx.t('mandates.paper.declaration_legend'),
  duration: ctx.t('mandates.renew.duration'),
  clientId: ctx.t('mandates.use.service'),
});

function detailTitle(ctx: PageContext, mandate: Mandate, viewer: Viewer): string {
  return viewer.principal
    ? ctx.t('mandates.list.for_agent', { agent: agentName(ctx, mandate.agent) })
    : ctx.t('mandates.list.from_principal', { principal: mandate.principal.displayName, agent: agentName(ctx, mandate.agent) });
}

export function DetailPage(props: DetailProps): SafeHtml {
  const { ctx, mandate, viewer, forms, done, refusal } = props;
  const { t } = ctx;
  const title = detailTitle(ctx, mandate, viewer);
  const failed = [forms.paper, forms.renew, forms.use].find((f) => Object.keys(f.errors).length > 0);
  const live = mandate.status !== 'expired' && mandate.status !== 'revoked';
  const party = viewer.principal || viewer.agentSide;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap">
        <BackLink ctx={ctx} to="/mandates" label={t('mandates.detail.back')} />
        <h1>{title}</h1>
        {done ? <Notice kind="success">{t(`mandates.detail.done.${done}`)}</Notice> : null}
        {refusal ? <Notice kind="error">{t(`mandates.errors.${refusal}`)}</Notice> : null}
        {failed ? <ErrorSummary form={failed} labels={LABELS(ctx)} /> : null}
        <NextStep {...props} />
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">{t('mandates.detail.facts')}</h2>
          <MandateFacts ctx={ctx} {...mandateFacts(mandate)} />
          {mandate.renewalOf ? (
            <p>
              <a href={href(ctx, `/mandates/${mandate.renewalOf}`)}>{t('mandates.detail.renewal_of')}</a>
            </p>
          ) : null}
        </section>
        {mandate.status === 'active' && viewer.principal ? <EndAreas ctx={ctx} mandate={mandate} /> : null}
        {mandate.status === 'active' && viewer.agentSide ? <UseAtService ctx={ctx} mandate={mandate} services={props.services} form={forms.use} /> : null}
        {mandate.status === 'active' && viewer.principal ? <AccessCodeOffer ctx={ctx} mandate={mandate} /> : null}
        {(mandate.status === 'active' || mandate.status === 'expired') && viewer.principal ? <Renew ctx={ctx} mandate={mandate} form={forms.renew} /> : null}
        {live && party ? (
          <section aria-labelledby="end-title">
            <h2 id="end-title">{t('mandates.revoke.all_heading')}</h2>
            <p>{t('mandates.revoke.all_intro')}</p>
            <p>
              <a class="button button--danger" href={href(ctx, `/mandates/${mandate.id}/revoke`)}>
                {t('mandates.revoke.all_button')}
              </a>
            </p>
          </section>
        ) : null}
        <History ctx={ctx} mandate={mandate} entries={props.history} services={new Map(props.services.map((s) => [s.clientId, s]))} />
      </div>
    </Layout>
  );
}

/** What this person can do now for the mandate to move on, or whom it is waiting for. */
function NextStep(props: DetailProps): SafeHtml {
  const { ctx, mandate, viewer } = props;
  const { t } = ctx;
  if (mandate.status === 'pending_consent') {
    if (viewer.principal && props.consent) return <OnlineConsent ctx={ctx} mandate={mandate} consent={props.consent} />;
    if (viewer.helper) return <PaperConsent ctx={ctx} mandate={mandate} form={props.forms.paper} />;
    return <Notice kind="info">{t('mandates.detail.waiting_consent', { principal: mandate.principal.displayName })}</Notice>;
  }
  if (mandate.status === 'pending_acceptance') {
    if (viewer.agentSide) {
      return (
        <section aria-labelledby="accept-title" class="card">
          <h2 id="accept-title">{t('mandates.accept.heading')}</h2>
          <p>{t('mandates.accept.intro', { principal: mandate.principal.displayName })}</p>
          <form method="post" action={href(ctx, `/mandates/${mandate.id}/accept`)}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton>{t('mandates.accept.submit')}</SubmitButton>
          </form>
        </section>
      );
    }
    return <Notice kind="info">{t('mandates.detail.waiting_acceptance', { agent: agentName(ctx, mandate.agent) })}</Notice>;
  }
  return h('span', null);
}

/** Paragraphs of the consent text as written; it is never HTML. */
function ConsentText({ consent }: { consent: RenderedConsent }): SafeHtml {
  const paragraphs = consent.text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <div class="consent-text" lang={consent.locale}>
      {paragraphs.map((paragraph) => (
        <p>{paragraph.split('\n').map((line, i) => (i === 0 ? line : [raw('<br>'), line]))}</p>
      ))}
    </div>
  );
}

function LanguageChoice({ ctx, mandate, consent }: { ctx: PageContext; mandate: Mandate; consent: { locale: string; easyLanguage: boolean } }): SafeHtml {
  const { t } = ctx;
  return (
    <form method="get" action={href(ctx, `/mandates/${mandate.id}`)} class="language-choice">
      <div class="field">
        <label for="consent-lang">{t('mandates.consent.language')}</label>
        <select id="consent-lang" name="lang">
          {LOCALES.map((l) => (
            <option value={l} lang={l} selected={l === consent.locale}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div class="choice">
        <input type="checkbox" id="consent-easy" name="easy" value="1" checked={consent.easyLanguage} />
        <label for="consent-easy">{t('mandates.consent.easy')}</label>
      </div>
      <SubmitButton secondary>{t('mandates.consent.show')}</SubmitButton>
    </form>
  );
}

function OnlineConsent({ ctx, mandate, consent }: { ctx: PageContext; mandate: Mandate; consent: RenderedConsent }): SafeHtml {
  const { t } = ctx;
  return (
    <section aria-labelledby="consent-title" class="card">
      <h2 id="consent-title">{t('mandates.consent.heading')}</h2>
      <p>{t('mandates.consent.intro', { agent: agentName(ctx, mandate.agent) })}</p>
      <LanguageChoice ctx={ctx} mandate={mandate} consent={consent} />
      <h3>{t('mandates.consent.text_heading', { version: consent.version })}</h3>
      <ConsentText consent={consent} />
      <form method="post" action={href(ctx, `/mandates/${mandate.id}/consent`)}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="textSha256" value={consent.sha256} />
        <input type="hidden" name="textLocale" value={consent.locale} />
        {consent.easyLanguage ? <input type="hidden" name="easy" value="1" /> : null}
        <SubmitButton>{t('mandates.consent.agree')}</SubmitButton>
      </form>
    </section>
  );
}

function PaperConsent({ ctx, mandate, form }: { ctx: PageContext; mandate: Mandate; form: FormState }): SafeHtml {
  const { t } = ctx;
  const declarationError = form.errors.declaration;
  return (
    <section aria-labelledby="paper-title" class="card">
      <h2 id="paper-title">{t('mandates.paper.heading')}</h2>
      <ol>
        <li>{t('mandates.paper.step_print')}</li>
        <li>{t('mandates.paper.step_sign', { principal: mandate.principal.displayName })}</li>
        <li>{t('mandates.paper.step_record')}</li>
      </ol>
      {/* A new tab keeps this page open for typing the code once the form is signed. */}
      <form method="post" action={href(ctx, `/mandates/${mandate.id}/consent-form.pdf`)} target="_blank" class="language-choice">
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="form-lang">{t('mandates.consent.language')}</label>
          <select id="form-lang" name="lang">
            {LOCALES.map((l) => (
              <option value={l} lang={l} selected={l === ctx.locale}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <div class="choice">
          <input type="checkbox" id="form-easy" name="easy" value="1" />
          <label for="form-easy">{t('mandates.consent.easy')}</label>
        </div>
        <SubmitButton secondary>{t('mandates.paper.print')}</SubmitButton>
      </form>
      <p class="hint">{t('mandates.paper.print_hint')}</p>
      <form method="post" action={href(ctx, `/mandates/${mandate.id}/paper-consent`)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          form={form}
          name="oneTimeCode"
          label={t('mandates.paper.code')}
          hint={t('mandates.paper.code_hint')}
          autocomplete="off"
          maxlength={40}
          required
        />
        <fieldset class={declarationError ? 'choices field--error' : 'choices'} id="declaration" aria-describedby={declarationError ? 'declaration-error' : undefined}>
          <legend>{t('mandates.paper.declaration_legend')}</legend>
          {declarationError ? (
            <p class="field-error" id="declaration-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(declarationError.key, declarationError.values)}
            </p>
          ) : null}
          <div class="choice">
            <input type="checkbox" id="declaration-yes" name="declaration" value="yes" checked={form.values.declaration === 'yes'} />
            <label for="declaration-yes">{t('mandates.declaration.text')}</label>
          </div>
        </fieldset>
        <SubmitButton>{t('mandates.paper.submit')}</SubmitButton>
      </form>
    </section>
  );
}

function EndAreas({ ctx, mandate }: { ctx: PageContext; mandate: Mandate }): SafeHtml {
  const { t } = ctx;
  const open = mandate.scopes.filter((s) => !s.revokedAt);
  return (
    <section aria-labelledby="areas-title">
      <h2 id="areas-title">{t('mandates.revoke.area_heading')}</h2>
      <p>{open.length > 1 ? t('mandates.revoke.area_intro') : t('mandates.revoke.area_intro_last')}</p>
      <ul class="plain-list area-actions">
        {open.map((scope) => (
          <li>
            <form method="post" action={href(ctx, `/mandates/${mandate.id}/revoke-area`)}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="category" value={scope.category} />
              <SubmitButton secondary>{t('mandates.revoke.area_button', { category: t(`mandates.category.${scope.category}`) })}</SubmitButton>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

function UseAtService({ ctx, mandate, services, form }: { ctx: PageContext; mandate: Mandate; services: readonly RelyingService[]; form: FormState }): SafeHtml {
  const { t } = ctx;
  return (
    <section aria-labelledby="use-title">
      <h2 id="use-title">{t('mandates.use.heading')}</h2>
      {services.length === 0 ? (
        <p>{t('mandates.use.none')}</p>
      ) : (
        <>
          <p>{t('mandates.use.intro', { principal: mandate.principal.displayName })}</p>
          <form method="post" action={href(ctx, `/mandates/${mandate.id}/use`)} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectField
              form={form}
              name="clientId"
              label={t('mandates.use.service')}
              placeholder={t('mandates.use.placeholder')}
              options={services.map((s) => ({ value: s.clientId, label: s.name }))}
              required
            />
            <SubmitButton>{t('mandates.use.submit')}</SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}

function AccessCodeOffer({ ctx, mandate }: { ctx: PageContext; mandate: Mandate }): SafeHtml {
  const { t } = ctx;
  return (
    <section aria-labelledby="code-title">
      <h2 id="code-title">{t('mandates.access_code.heading')}</h2>
      <p>{t('mandates.access_code.intro')}</p>
      <form method="post" action={href(ctx, `/mandates/${mandate.id}/access-code`)}>
        <CsrfField token={ctx.csrfToken} />
        <SubmitButton secondary>{t('mandates.access_code.create')}</SubmitButton>
      </form>
    </section>
  );
}

function Renew({ ctx, mandate, form }: { ctx: PageContext; mandate: Mandate; form: FormState }): SafeHtml {
  const { t } = ctx;
  return (
    <section aria-labelledby="renew-title">
      <h2 id="renew-title">{t('mandates.renew.heading')}</h2>
      <p>{t('mandates.renew.intro', { principal: mandate.principal.displayName })}</p>
      <form method="post" action={href(ctx, `/mandates/${mandate.id}/renew`)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ChoiceGroup
          form={form}
          name="duration"
          label={t('mandates.renew.duration')}
          multiple={false}
          required
          compact
          options={DURATION_PRESETS.map((d) => ({ value: d, label: t(`mandates.duration.${d}`) }))}
        />
        <SubmitButton secondary>{t('mandates.renew.submit')}</SubmitButton>
      </form>
    </section>
  );
}

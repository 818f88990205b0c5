/** The portal's mandate forms: what a person may send, and what each refusal says beside its field. */
import { Type } from '@sinclair/typebox';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { LOCALES } from '../../platform/i18n/locales.js';
import {
  DURATION_PRESETS,
  MANDATE_ACTIONS,
  PROCEDURE_CATEGORIES,
  type MandateAction,
  type ProcedureCategory,
  type ScopeRequest,
} from './mandates.model.js';
import type { MandateError, ProposalInput } from './mandates.types.js';

const EMAIL = Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', errorKey: 'errors.field.invalid_email' });
const DURATION = Type.Union(
  DURATION_PRESETS.map((d) => Type.Literal(d)),
  { errorKey: 'mandates.form.errors.duration' },
);
const ID = Type.String({ maxLength: 100 });

/** One checkbox per category and action, sent as `category:action`. */
export const scopeValue = (category: ProcedureCategory, action: MandateAction) => `${category}:${action}`;
const SCOPE = Type.String({ pattern: `^(${PROCEDURE_CATEGORIES.join('|')}):(${MANDATE_ACTIONS.join('|')})$` });

const ProposeForm = Type.Object({
  principalEmail: Type.Optional(EMAIL),
  agentKind: Type.Union([Type.Literal('person'), Type.Literal('organization')], { errorKey: 'mandates.form.errors.agent_kind' }),
  agentEmail: Type.Optional(EMAIL),
  organizationId: Type.Optional(ID),
  scopes: Type.Array(SCOPE, { maxItems: PROCEDURE_CATEGORIES.length * MANDATE_ACTIONS.length }),
  duration: DURATION,
});

/** The propose form's fields in page order, so the error summary reads like the page. */
const PROPOSE_FIELDS = ['principalEmail', 'agentKind', 'agentEmail', 'organizationId', 'scopes', 'duration'] as const;

export type ProposeParse = { ok: true; input: ProposalInput } | { ok: false; values: FormValues; errors: FieldErrors };

/** Ticked `category:action` boxes as scopes, in the vocabulary's order of categories. */
function scopesFromValues(values: readonly string[]): ScopeRequest[] {
  const chosen = new Set(values);
  return PROCEDURE_CATEGORIES.flatMap((category) => {
    const actions = MANDATE_ACTIONS.filter((action) => chosen.has(scopeValue(category, action)));
    return actions.length > 0 ? [{ category, actions }] : [];
  });
}

/** A helper at a help desk names the principal; a principal proposing for themself does not. */
export function parseProposal(body: FormBody | undefined, options: { assisted: boolean }): ProposeParse {
  const result = validateForm(ProposeForm, body);
  const values = formValues(body, PROPOSE_FIELDS);
  const errors: FieldErrors = result.ok ? {} : { ...result.errors };
  if (errors.agentKind?.key === 'errors.field.required') errors.agentKind = { key: 'mandates.form.errors.agent_kind' };
  if (errors.duration?.key === 'errors.field.required') errors.duration = { key: 'mandates.form.errors.duration' };
  // Fields that are needed only with some answers: checked whatever else failed, so all problems show at once.
  const given = (name: string) => typeof body?.[name] === 'string' && (body[name] as string).trim() !== '';
  if (options.assisted && !given('principalEmail')) errors.principalEmail = { key: 'errors.field.required' };
  if (body?.agentKind === 'person' && !given('agentEmail')) errors.agentEmail = { key: 'errors.field.required' };
  if (body?.agentKind === 'organization' && !given('organizationId')) errors.organizationId = { key: 'mandates.form.errors.organization' };
  const ticked = [body?.scopes ?? []].flat().filter((v) => v.trim() !== '');
  if (errors.scopes || ticked.length === 0) errors.scopes = { key: 'mandates.errors.no_scopes' };
  if (result.ok && Object.keys(errors).length === 0) {
    const form = result.value;
    const agent =
      form.agentKind === 'person'
        ? { kind: 'person' as const, email: form.agentEmail ?? '' }
        : { kind: 'organization' as const, organizationId: form.organizationId ?? '' };
    return {
      ok: true,
      input: {
        ...(options.assisted ? { principalEmail: form.principalEmail } : {}),
        agent,
        scopes: scopesFromValues(form.scopes),
        duration: form.duration,
      },
    };
  }
  return { ok: false, values, errors: inOrder(errors, PROPOSE_FIELDS) };
}

/** Which propose field a refusal of the service belongs beside; others are shown above the form. */
export function proposalErrorField(error: MandateError, agentKind: string | undefined): string | null {
  switch (error) {
    case 'principal_not_found':
      return 'principalEmail';
    case 'agent_not_found':
    case 'agent_is_principal':
      return agentKind === 'organization' ? 'organizationId' : 'agentEmail';
    case 'organization_not_accredited':
      return 'organizationId';
    case 'no_scopes':
      return 'scopes';
    default:
      return null;
  }
}

export const PaperConsentFields = Type.Object({
  oneTimeCode: Type.String({ maxLength: 40 }),
  declaration: Type.Optional(Type.Literal('yes')),
});

export const ConsentForm = Type.Object({
  textSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  textLocale: Type.Union(LOCALES.map((l) => Type.Literal(l))),
  easy: Type.Optional(Type.Literal('1')),
});

export const DurationForm = Type.Object({ duration: DURATION });

export const AreaForm = Type.Object({ category: Type.Union(PROCEDURE_CATEGORIES.map((c) => Type.Literal(c))) });

export const UseForm = Type.Object({ clientId: Type.String({ maxLength: 200 }) });

export const AccessCheckForm = Type.Object({ code: Type.String({ maxLength: 60 }) });

export const AccreditForm = Type.Object({
  organizationId: Type.String({ maxLength: 100, errorKey: 'mandates.moderation.errors.organization' }),
  validUntil: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', errorKey: 'errors.field.invalid_date' }),
});

export const WithdrawForm = Type.Object({ organizationId: ID });

/** The consent text's language: the page language unless another one was chosen. */
export function consentChoice(query: { lang?: unknown; easy?: unknown }, pageLocale: string): { locale: string; easyLanguage: boolean } {
  const locale = (LOCALES as readonly string[]).includes(String(query.lang)) ? String(query.lang) : pageLocale;
  return { locale, easyLanguage: query.easy === '1' };
}

// Crockford's base32 reads I and L as 1 and O as 0, so a code read aloud or copied by hand still works.
const CROCKFORD_LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * An access code as typed by a clerk: spaces, dashes and lower case are fine. Gives the grouped
 * form XXXX-XXXX-XXXX-XXXX, or null when it cannot be a code at all.
 */
export function normalizeAccessCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-‐‑–—_.]/g, '')
    .replace(/[ILO]/g, (c) => CROCKFORD_LOOKALIKES[c] ?? c);
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join('-');
}

/** The fields of a form as typed, for showing them again; checkbox groups stay lists. */
function formValues(body: FormBody | undefined, fields: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const name of fields) {
    const value = body?.[name];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function inOrder(errors: FieldErrors, fields: readonly string[]): FieldErrors {
  const ordered: FieldErrors = {};
  for (const name of fields) if (errors[name]) ordered[name] = errors[name];
  return ordered;
}

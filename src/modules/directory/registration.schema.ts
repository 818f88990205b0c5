/** The public forms without an account: registering for a session, reporting an offer. */
import { Type, type Static } from '@sinclair/typebox';
import { validateForm, type FormResult } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { LIMITS } from './directory.inputs.js';

export const RegistrationForm = Type.Object({
  name: Type.String({ maxLength: LIMITS.name }),
  contact: Type.String({ maxLength: LIMITS.email }),
  needs: Type.Optional(Type.String({ maxLength: LIMITS.needs })),
  consent: Type.Literal('yes'),
});
export type RegistrationForm = Static<typeof RegistrationForm>;

/** An unticked consent box is "not given", which deserves its own words rather than "fill in". */
export function parseRegistration(body: FormBody | undefined): FormResult<RegistrationForm> {
  const result = validateForm(RegistrationForm, body);
  if (!result.ok && result.errors.consent) result.errors.consent = { key: 'directory.registration.errors.consent' };
  return result;
}

export const REPORT_KINDS = ['closed', 'wrong_information'] as const;

export const ReportForm = Type.Object({
  kind: Type.Union(REPORT_KINDS.map((k) => Type.Literal(k))),
  message: Type.Optional(Type.String({ maxLength: LIMITS.needs })),
});
export type ReportForm = Static<typeof ReportForm>;

export function parseReport(body: FormBody | undefined): FormResult<ReportForm> {
  const result = validateForm(ReportForm, body);
  if (!result.ok && result.errors.kind?.key === 'errors.field.required') {
    result.errors.kind = { key: 'directory.report.errors.choose_kind' };
  }
  return result;
}

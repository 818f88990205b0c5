/**
 * The organisation forms: the details a provider edits, and what a moderator adds when creating
 * one (a provider account to attach). Translated boxes work as on the offer form.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FieldErrors, FormValues } from '../../platform/http/forms.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Organization } from './directory.model.js';
import { LIMITS, type OrganizationInput } from './directory.inputs.js';
import { contact, textValues, translatedErrorsForForm, translatedProperties, translationsOf, type Fields } from './provider.schema.js';

export const ORGANIZATION_TEXT_FIELDS = ['description'] as const;

export const OrganizationForm = Type.Object({
  name: Type.String({ maxLength: LIMITS.name }),
  ...translatedProperties({ description: LIMITS.description }),
  ...contact,
});
export type OrganizationForm = Static<typeof OrganizationForm>;

export const NewOrganizationForm = Type.Object({
  ...OrganizationForm.properties,
  memberEmail: Type.Optional(Type.String({ maxLength: LIMITS.email })),
  memberTrusted: Type.Optional(Type.Literal('1')),
});
export type NewOrganizationForm = Static<typeof NewOrganizationForm>;

export function organizationInput(form: OrganizationForm): { input: OrganizationInput; errors: FieldErrors } {
  return {
    input: {
      name: form.name,
      description: translationsOf(form as unknown as Fields, 'description'),
      email: form.email ?? null,
      phone: form.phone ?? null,
      website: form.website ?? null,
    },
    errors: {},
  };
}

/** An organisation (or a proposed version of it) as the values of the edit form. */
export function organizationValues(organization: Pick<Organization, 'name' | 'description' | 'email' | 'phone' | 'website'>): FormValues {
  const values: FormValues = {
    name: organization.name,
    email: organization.email ?? '',
    phone: organization.phone ?? '',
    website: organization.website ?? '',
  };
  textValues(values, 'description', organization.description, true);
  return values;
}

/** Organisations have no main language: a message about the descriptions goes beside the page's. */
export const organizationErrorsForForm = (errors: FieldErrors, locale: Locale): FieldErrors =>
  translatedErrorsForForm(errors, ORGANIZATION_TEXT_FIELDS, locale);

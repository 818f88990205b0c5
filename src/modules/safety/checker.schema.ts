import { Type } from '@sinclair/typebox';
import { LOCALES } from '../../platform/i18n/locales.js';

export const WarningForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 120 }),
  body: Type.String({ minLength: 1, maxLength: 2000 }),
  lang: Type.Union(LOCALES.map((l) => Type.Literal(l))),
});

/** Lists arrive one entry per line; the service checks each entry. */
export const BrandForm = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  domains: Type.String({ minLength: 1, maxLength: 10_000 }),
  phones: Type.Optional(Type.String({ maxLength: 10_000 })),
  keywords: Type.String({ minLength: 1, maxLength: 10_000 }),
});

export const API_KINDS = ['text', 'email_source', 'url'] as const;

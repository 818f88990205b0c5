import { Kind, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import type { FormBody } from './urlencoded.js';

/** Field name → message key (with optional ICU values) shown beside the field. */
export type FieldErrors = Record<string, { key: string; values?: Record<string, unknown> }>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** What the person typed, kept as strings so a re-rendered form shows it exactly. */
export type FormValues = Record<string, string | string[]>;

function isArraySchema(schema: TSchema | undefined): boolean {
  return schema?.[Kind] === 'Array';
}

/**
 * Turns a submitted form into typed values with TypeBox, or into per-field message keys.
 * Text is trimmed, empty optional fields become absent, checkbox groups always become arrays.
 * A schema may name its own message with the `errorKey` option.
 */
export function validateForm<S extends TObject>(schema: S, body: FormBody | undefined): FormResult<Static<S>> {
  const values: FormValues = {};
  const candidate: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(schema.properties)) {
    const raw = body?.[name];
    if (isArraySchema(fieldSchema)) {
      const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      values[name] = list;
      candidate[name] = list.map((v) => v.trim()).filter((v) => v !== '');
      continue;
    }
    const text = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
    values[name] = text;
    const trimmed = text.trim();
    if (trimmed !== '') candidate[name] = trimmed;
  }
  const converted = Value.Convert(schema, candidate);
  if (Value.Check(schema, converted)) return { ok: true, value: converted as Static<S> };

  const errors: FieldErrors = {};
  for (const error of Value.Errors(schema, converted)) {
    const field = error.path.split('/')[1];
    if (!field || errors[field]) continue;
    const fieldSchema = schema.properties[field] as TSchema | undefined;
    errors[field] = messageFor(error.type, error.schema, fieldSchema, candidate[field] === undefined);
  }
  return { ok: false, errors, values };
}

function messageFor(type: ValueErrorType, schema: TSchema, fieldSchema: TSchema | undefined, missing: boolean) {
  if (missing) return { key: 'errors.field.required' };
  const own = (fieldSchema as { errorKey?: string } | undefined)?.errorKey;
  if (own) return { key: own };
  switch (type) {
    case ValueErrorType.StringMaxLength:
      return { key: 'errors.field.too_long', values: { max: schema.maxLength } };
    case ValueErrorType.StringMinLength:
      return { key: 'errors.field.too_short', values: { min: schema.minLength } };
    case ValueErrorType.ArrayMaxItems:
      return { key: 'errors.field.too_many', values: { max: schema.maxItems } };
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return { key: 'errors.field.not_a_number' };
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return { key: 'errors.field.out_of_range', values: { min: fieldSchema?.minimum, max: fieldSchema?.maximum } };
    case ValueErrorType.Union:
    case ValueErrorType.Literal:
      return { key: 'errors.field.invalid_choice' };
    default:
      return { key: 'errors.field.invalid' };
  }
}

import type { z } from 'zod';
import type { FieldErrors } from '../views/components/form.tsx';
import { zhErrorMap } from './zh-error-map.ts';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Checks a submitted form with its schema. Problems come back per field (the first one of
 * each), in Chinese, for the form to show beside its fields and in its error summary.
 */
export const parseForm = <S extends z.ZodTypeAny>(schema: S, body: unknown): FormResult<z.output<S>> => {
  const result = schema.safeParse(body ?? {}, { errorMap: zhErrorMap });
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
};

/** A form value as text, for putting back into the form after an error. */
export const formValues = (body: unknown): Record<string, string> => {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && key !== '_csrf' && !/password/i.test(key)) values[key] = value;
    }
  }
  return values;
};

/** A form field that may be sent once, many times or not at all (checkboxes), as a list. */
export const listOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

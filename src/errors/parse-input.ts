import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';

/** Details of a failed zod parse, each naming its field by a dotted path ('contact.email'). */
export const zodDetails = (error: z.ZodError): ErrorDetail[] =>
  error.issues.map((issue) =>
    issue.path.length > 0
      ? { field: issue.path.join('.'), message: issue.message }
      : { message: issue.message },
  );

/** Parses input with a schema, or throws AppError('VALIDATION') listing every problem. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw new AppError('VALIDATION', details[0]?.message, details);
  }
  return result.data;
}

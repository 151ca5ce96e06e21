import { AppError } from '../../errors/app-error.ts';
import type { FieldErrors } from '../views/components/form.tsx';

/**
 * A use case's refusal of the input (VALIDATION, CONFLICT) as the form's field errors; any
 * other error is not the user's input and goes on to the error handler.
 */
export const fieldErrorsOf = (error: unknown): FieldErrors => {
  if (!(error instanceof AppError) || (error.code !== 'VALIDATION' && error.code !== 'CONFLICT')) throw error;
  const errors: Record<string, string> = {};
  for (const d of error.details ?? []) errors[d.field ?? '_form'] ??= d.message;
  if (Object.keys(errors).length === 0) errors._form = error.message;
  return errors;
};

import { listOf } from './parse-form.ts';

const text = (body: unknown, name: string): unknown =>
  body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;

/** A form's number field: digits become a number, anything else stays for the schema to refuse. */
const numeric = (value: unknown): unknown =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;

/** The new-user form → createUser's input: the checked roles are held over the user's agency. */
export const newUserInputFromForm = (body: unknown) => {
  const agencyId = numeric(text(body, 'agencyId'));
  return {
    username: text(body, 'username'),
    displayName: text(body, 'displayName'),
    password: text(body, 'password'),
    agencyId,
    roles: listOf(text(body, 'roles')).map((role) => ({ agencyId, role })),
  };
};

/**
 * Errors on `roles.0.role` belong to the form's one `roles` checkbox group; those on
 * `roles.0.agencyId` repeat the agency's own error and are dropped.
 */
export const groupRoleErrors = (errors: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (/^roles\.\d+\.agencyId$/.test(field)) continue;
    out[field.startsWith('roles') ? 'roles' : field] ??= message;
  }
  return out;
};

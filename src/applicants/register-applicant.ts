import type { Kysely } from 'kysely';
import { recordAudit } from '../audit-log/record-audit.ts';
import { isUniqueViolation } from '../db/constraint-error.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { hashPassword } from '../orgs/password.ts';
import {
  type ApplicantAccount,
  findApplicantAccount,
  findApplicantAccountByLogin,
} from './applicant-account.repository.ts';
import { registerApplicantSchema } from './applicant-account.schema.ts';
import { applicantActorLabel, isMobileLogin, maskLogin } from './applicant-login.ts';

export interface RegisterApplicantOptions {
  /** { login, displayName, password } as typed; checked here. */
  readonly input: unknown;
  readonly now: Date;
  readonly ip?: string | null;
}

const taken = (login: string, cause?: unknown) => {
  const what = isMobileLogin(login) ? '该手机号码' : '该电子邮箱';
  const message = `${what}已注册，请直接登录`;
  return new AppError('CONFLICT', message, [{ field: 'login', message }], { cause });
};

/**
 * Opens an account for a member of the public: the login normalised and unique, the password
 * under the staff rule and hashed with argon2id, an audit row with the login masked.
 */
export async function registerApplicant(
  db: Kysely<DB>,
  options: RegisterApplicantOptions,
): Promise<ApplicantAccount> {
  const input = parseInput(registerApplicantSchema, options.input);
  // Hash before the transaction: on SQLite it would hold the only connection for ~60 ms.
  const passwordHash = await hashPassword(input.password);
  const now = options.now.toISOString();
  return withTransaction(db, async (trx) => {
    if ((await findApplicantAccountByLogin(trx, input.login)) !== null) throw taken(input.login);
    const { id } = await trx
      .insertInto('applicant_accounts')
      .values({
        login: input.login,
        display_name: input.displayName,
        password_hash: passwordHash,
        locked_until: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? taken(input.login, error) : error;
      });
    await recordAudit(trx, {
      at: options.now,
      actorUserId: null,
      actorLabel: applicantActorLabel(input.login),
      action: 'applicant.register',
      entityType: 'applicant_account',
      entityId: id,
      agencyId: null,
      after: { login: maskLogin(input.login), personName: input.displayName },
      ip: options.ip ?? null,
    });
    const account = await findApplicantAccount(trx, id);
    if (account === null) throw new AppError('INTERNAL', '新建的账户未能读出');
    return account;
  });
}

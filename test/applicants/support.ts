import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApplicantAccount } from '../../src/applicants/applicant-account.repository.ts';
import { registerApplicant } from '../../src/applicants/register-applicant.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import type { DB } from '../../src/db/schema.ts';
import { TEST_ACTOR } from '../support/factories.ts';

export const PASSWORD = 'Applicant2026';

/** A mobile number no other test uses: 139 and eight random digits. */
export const uniqueMobile = (): string =>
  `139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;

export interface MadeApplicant {
  readonly account: ApplicantAccount;
  readonly login: string;
  readonly password: string;
}

export const makeApplicant = async (
  db: Kysely<DB>,
  options: { login?: string; displayName?: string; now?: Date } = {},
): Promise<MadeApplicant> => {
  const login = options.login ?? uniqueMobile();
  const account = await registerApplicant(db, {
    input: { login, displayName: options.displayName ?? '张三', password: PASSWORD },
    now: options.now ?? new Date(),
  });
  return { account, login: account.login, password: PASSWORD };
};

export const applicationForm = (receivedOn: string, overrides: Record<string, unknown> = {}) => ({
  channel: 'letter',
  arrivedOn: receivedOn,
  receivedOn,
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'paper',
  ...overrides,
});

/** An application submitted without an account: its id, number and secret code. */
export const submitAnonymously = async (
  db: Kysely<DB>,
  agencyId: number,
  options: { receivedOn?: string; now?: Date; applicantAccountId?: number; description?: string } = {},
) => {
  const now = options.now ?? new Date();
  const receivedOn = options.receivedOn ?? new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const result = await submitApplication(db, {
    agencyId,
    input: applicationForm(receivedOn, options.description ? { description: options.description } : {}),
    actor: TEST_ACTOR,
    now,
    ...(options.applicantAccountId === undefined ? {} : { applicantAccountId: options.applicantAccountId }),
  });
  if (!result.created) throw new Error('a fresh submission creates');
  return result;
};

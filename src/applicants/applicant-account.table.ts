import type { Generated } from 'kysely';

/** A member of the public's optional account (applying needs none). */
export interface ApplicantAccountTable {
  id: Generated<number>;
  /** A mobile number (11 digits) or an e-mail address (lower case), as normalised by normaliseLogin. */
  login: string;
  display_name: string;
  /** argon2id, as for staff passwords (src/orgs/password.ts). */
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
}

/** An applicant's session: the staff sessions' shape and rules, kept apart from them. */
export interface ApplicantSessionTable {
  /** SHA-256 (hex) of the token; the token itself is only in the applicant's cookie. */
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

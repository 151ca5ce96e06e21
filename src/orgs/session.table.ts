export interface SessionTable {
  /** SHA-256 (hex) of the token; the token itself is only in the user's cookie. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

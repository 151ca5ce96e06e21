/** A rate-limit counter shared by the app processes: a limit, a client (hashed), a window. */
export interface RateLimitCountTable {
  scope: string;
  client: string;
  window_start: number;
  count: number;
}

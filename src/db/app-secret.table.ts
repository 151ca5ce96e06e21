/** A secret made once and shared by every process on the database (see app-secrets.ts). */
export interface AppSecretTable {
  name: string;
  value: string;
  created_at: string;
}

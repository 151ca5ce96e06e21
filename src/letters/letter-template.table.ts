import type { Generated } from 'kysely';

/** An agency's own template of one letter kind; the shipped default applies where there is none. */
export interface LetterTemplateTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  title: string;
  body: string;
  updated_by: number | null;
  updated_at: string;
}

import type { Generated, Selectable } from 'kysely';

/** A file's bytes, once per SHA-256 however many items it is attached to. */
export interface DisclosureBlobTable {
  /** Lower-case hex. */
  sha256: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

/** A file attached to an item: its name as uploaded, its type as told by its content, its bytes by hash. */
export interface DisclosureAttachmentTable {
  id: Generated<number>;
  item_id: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
  created_by: number | null;
}

export type DisclosureAttachmentRow = Selectable<DisclosureAttachmentTable>;

export interface DisclosureAttachment {
  id: number;
  itemId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export const toDisclosureAttachment = (row: DisclosureAttachmentRow): DisclosureAttachment => ({
  id: row.id,
  itemId: row.item_id,
  fileName: row.file_name,
  mediaType: row.media_type,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at,
});

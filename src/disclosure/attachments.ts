import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { type DisclosureAttachment, toDisclosureAttachment } from './disclosure-attachment.table.ts';
import { auditItem, getItem } from './disclosure-items.ts';

/**
 * Attachments of proactive disclosure items (issue 5, item 1): at most 10 MB, of the kinds a
 * reader can open, each told by its content (magic bytes) — a name can say anything — with an
 * extension that agrees. The bytes are stored once per SHA-256 (disclosure_blobs) however many
 * items carry the file; the portal serves them only while the item is published.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const ATTACHMENT_TYPES = {
  pdf: { label: 'PDF', extensions: ['.pdf'], mediaType: 'application/pdf' },
  ofd: { label: 'OFD', extensions: ['.ofd'], mediaType: 'application/ofd' },
  docx: {
    label: 'Word（DOCX）',
    extensions: ['.docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    label: 'Excel（XLSX）',
    extensions: ['.xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  png: { label: 'PNG 图片', extensions: ['.png'], mediaType: 'image/png' },
  jpeg: { label: 'JPEG 图片', extensions: ['.jpg', '.jpeg'], mediaType: 'image/jpeg' },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const ALLOWED_TEXT = Object.values(ATTACHMENT_TYPES)
  .map((t) => t.label)
  .join('、');

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** What a file is by its first bytes; null for anything not on the list. */
export const sniffAttachmentType = (bytes: Uint8Array): AttachmentType | null => {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip names its entries in the clear: Office files hold word/ or xl/, OFD (GB/T 33190) OFD.xml.
    const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    if (head.includes('OFD.xml')) return 'ofd';
  }
  return null;
};

/** What a refused file really is, when it is something worth naming. */
const describeUnknown = (bytes: Uint8Array): string => {
  if (startsWith(bytes, [0x4d, 0x5a])) return '可执行程序（Windows 程序）';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return '可执行程序';
  if (startsWith(bytes, [0x23, 0x21])) return '脚本';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return '压缩包';
  return '不允许的类型';
};

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

/** The name as a reader will see it: no folders, no control characters, at most 200 characters. */
export const cleanFileName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-200);

const refuse = (message: string) => new AppError('VALIDATION', message, [{ field: 'file', message }]);

/** The kind of an uploaded file, or a refusal in Chinese naming the file and what is allowed. */
export const checkAttachment = (fileName: string, bytes: Uint8Array): AttachmentType => {
  if (fileName === '') throw refuse('附件缺少文件名');
  if (bytes.length === 0) throw refuse(`附件“${fileName}”是空文件`);
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw refuse(`附件“${fileName}”超过 10 MB 的大小限制，请压缩或拆分后上传`);
  const type = sniffAttachmentType(bytes);
  if (type === null)
    throw refuse(`附件“${fileName}”的内容是${describeUnknown(bytes)}，不能上传。只接受 ${ALLOWED_TEXT}`);
  const extension = extensionOf(fileName);
  if (!(ATTACHMENT_TYPES[type].extensions as readonly string[]).includes(extension))
    throw refuse(
      `附件“${fileName}”的内容是 ${ATTACHMENT_TYPES[type].label}，与扩展名“${extension || '（无）'}”不符`,
    );
  return type;
};

export async function listAttachments(db: Kysely<DB>, itemId: number): Promise<DisclosureAttachment[]> {
  const rows = await db
    .selectFrom('disclosure_attachments')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map(toDisclosureAttachment);
}

/**
 * Attaches a file to an item that is still a draft (what 保密审查 clears includes its
 * attachments): checked, its bytes stored unless a file with the same SHA-256 is stored
 * already, audited. The same file twice on one item is refused.
 */
export async function addAttachment(
  db: Kysely<DB>,
  options: { itemId: number; fileName: string; bytes: Uint8Array; actor: Actor; now: Date },
): Promise<DisclosureAttachment> {
  const fileName = cleanFileName(options.fileName);
  const type = checkAttachment(fileName, options.bytes);
  const sha256 = createHash('sha256').update(options.bytes).digest('hex');
  const at = options.now.toISOString();
  return withTransaction(db, async (trx) => {
    const item = await getItem(trx, options.itemId);
    if (item.status === 'published' || item.reviewStatus !== 'draft')
      throw new AppError('CONFLICT', '只有草稿可以上传附件：已送审、已批准或已发布的信息请先退回或撤回');
    const twice = await trx
      .selectFrom('disclosure_attachments')
      .select('file_name')
      .where('item_id', '=', item.id)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (twice !== undefined) throw refuse(`该文件已作为附件“${twice.file_name}”上传过`);
    await trx
      .insertInto('disclosure_blobs')
      .values({ sha256, size: options.bytes.length, bytes: options.bytes, created_at: at })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const row = await trx
      .insertInto('disclosure_attachments')
      .values({
        item_id: item.id,
        file_name: fileName,
        media_type: ATTACHMENT_TYPES[type].mediaType,
        size: options.bytes.length,
        sha256,
        created_at: at,
        created_by: options.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const attachment = toDisclosureAttachment(row);
    await auditItem(trx, options, 'disclosure.attachment', item, item, {
      attachment: {
        id: attachment.id,
        fileName,
        mediaType: attachment.mediaType,
        size: attachment.size,
        sha256,
      },
    });
    return attachment;
  });
}

/** An attachment of a published item of the agency, with its bytes; null otherwise (a 404). */
export async function findPublishedAttachment(
  db: Kysely<DB>,
  options: { agencyId: number; itemId: number; attachmentId: number },
): Promise<{ attachment: DisclosureAttachment; bytes: Uint8Array } | null> {
  const row = await db
    .selectFrom('disclosure_attachments')
    .innerJoin('disclosure_items', 'disclosure_items.id', 'disclosure_attachments.item_id')
    .innerJoin('disclosure_blobs', 'disclosure_blobs.sha256', 'disclosure_attachments.sha256')
    .selectAll('disclosure_attachments')
    .select('disclosure_blobs.bytes')
    .where('disclosure_attachments.id', '=', options.attachmentId)
    .where('disclosure_attachments.item_id', '=', options.itemId)
    .where('disclosure_items.agency_id', '=', options.agencyId)
    .where('disclosure_items.status', '=', 'published')
    .executeTakeFirst();
  if (row === undefined) return null;
  const { bytes, ...attachment } = row;
  return { attachment: toDisclosureAttachment(attachment), bytes: new Uint8Array(bytes) };
}

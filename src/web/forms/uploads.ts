import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../errors/app-error.ts';

/**
 * The kinds of file staff and applicants may upload, each told by its content — a name can
 * say anything — and by an extension that must agree with it.
 */
export const UPLOAD_TYPES = {
  pdf: { label: 'PDF', extensions: ['.pdf'], mime: 'application/pdf' },
  docx: {
    label: 'Word（DOCX）',
    extensions: ['.docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    label: 'Excel（XLSX）',
    extensions: ['.xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  png: { label: 'PNG 图片', extensions: ['.png'], mime: 'image/png' },
  jpeg: { label: 'JPEG 图片', extensions: ['.jpg', '.jpeg'], mime: 'image/jpeg' },
  text: { label: '文本（TXT、CSV）', extensions: ['.txt', '.csv'], mime: 'text/plain' },
} as const;

export type UploadType = keyof typeof UPLOAD_TYPES;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

const latin1 = (bytes: Uint8Array, max: number): string =>
  Buffer.from(bytes.subarray(0, max)).toString('latin1');

/** What a file is by its first bytes; null for anything not on the list (programs, archives …). */
export const detectUploadType = (bytes: Uint8Array): UploadType | null => {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office file is a zip whose entry names, stored in the clear, say what it holds.
    const head = latin1(bytes, 64 * 1024);
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return null;
  }
  const head = bytes.subarray(0, 64 * 1024);
  return head.length > 0 && !head.includes(0) ? 'text' : null;
};

export interface UploadedFile {
  readonly filename: string;
  readonly type: UploadType;
  readonly bytes: Uint8Array;
}

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

const isFile = (value: unknown): value is MultipartFile =>
  typeof value === 'object' && value !== null && 'file' in value && 'filename' in value;

/**
 * The files of one form field, checked: only the allowed kinds, content and extension in
 * agreement. Refuses with the field named and, in Chinese, what is allowed.
 */
export const readUploadedFiles = async (
  body: unknown,
  field: string,
  fieldLabel: string,
  allowed: readonly UploadType[],
): Promise<UploadedFile[]> => {
  const raw = (body as Record<string, unknown> | undefined)?.[field];
  const parts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isFile);
  const allowedText = allowed.map((t) => UPLOAD_TYPES[t].label).join('、');
  const files: UploadedFile[] = [];
  for (const part of parts) {
    const bytes = new Uint8Array(await part.toBuffer());
    const type = detectUploadType(bytes);
    const extension = extensionOf(part.filename);
    const refuse = (why: string) =>
      new AppError('VALIDATION', `${fieldLabel}：${why}`, [{ field, message: `${fieldLabel}：${why}` }]);
    if (type === null || !allowed.includes(type)) {
      throw refuse(`文件"${part.filename}"的类型不允许，只接受 ${allowedText}`);
    }
    if (!(UPLOAD_TYPES[type].extensions as readonly string[]).includes(extension)) {
      throw refuse(
        `文件"${part.filename}"的内容是 ${UPLOAD_TYPES[type].label}，与扩展名"${extension || '（无）'}"不符`,
      );
    }
    files.push({ filename: part.filename, type, bytes });
  }
  return files;
};

/** A form field of a multipart body ({ value }) or of an urlencoded one (a string). */
export const fieldOf = (body: unknown, name: string): string => {
  const raw = (body as Record<string, unknown> | null | undefined)?.[name];
  if (typeof raw === 'string') return raw;
  if (raw !== null && typeof raw === 'object' && 'value' in raw && typeof raw.value === 'string')
    return raw.value;
  return '';
};

/**
 * The one error type of the domain. A new code must get a status and a Chinese title in
 * ERROR_STATUS or the project does not compile; the web layer turns an AppError into JSON
 * for the API and a Chinese page for people in one place.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'LOCKED',
  'RATE_LIMITED',
  'CSRF',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION: { status: 400, title: '提交的内容有误' },
  NOT_FOUND: { status: 404, title: '未找到' },
  FORBIDDEN: { status: 403, title: '无权访问' },
  UNAUTHENTICATED: { status: 401, title: '请先登录' },
  CONFLICT: { status: 409, title: '与现有数据冲突' },
  LOCKED: { status: 423, title: '账户已锁定' },
  RATE_LIMITED: { status: 429, title: '请求过于频繁' },
  CSRF: { status: 403, title: '表单已失效，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '提交的内容过大' },
  INTERNAL: { status: 500, title: '系统内部错误' },
  /** The database cannot be reached for now (a restart, a lost connection): try again shortly. */
  UNAVAILABLE: { status: 503, title: '服务暂时不可用' },
};

/** A problem with one field (or the whole input when `field` is absent), in words a clerk can act on. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[], options?: { cause?: unknown }) {
    super(message ?? ERROR_STATUS[code].title, options);
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code].status;
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);

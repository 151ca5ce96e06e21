import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../db/postgres.ts';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../errors/app-error.ts';
import { ErrorPage } from '../views/error-page.tsx';

/** A status Fastify or a plugin put on its own errors → our code. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  VALIDATION: '提交的内容格式不正确，请检查后重新提交。',
  PAYLOAD_TOO_LARGE: '提交的内容过大：上传的文件每个不超过 10 MB，每次最多 5 个。',
  NOT_FOUND: '您访问的页面不存在，或已被移除。',
  UNAVAILABLE: '数据库暂时无法连接（可能正在重启或维护），本次请求未被处理。请稍候几秒后重试。',
};

/** What a 503 tells the client: when to try again, in seconds. */
const RETRY_AFTER_SECONDS = 5;

/** Any error → an AppError whose message may be shown to anyone. */
export const toAppError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  // A lost database connection (a PostgreSQL restart) is the service's passing state, not a bug.
  if (isDatabaseUnavailable(error))
    return new AppError('UNAVAILABLE', MESSAGES.UNAVAILABLE, undefined, { cause: error });
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A path parameter that does not parse names nothing that exists.
    if (error.validationContext === 'params') return new AppError('NOT_FOUND', MESSAGES.NOT_FOUND);
    const details = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined,
      message: v.message,
    }));
    return new AppError(
      'VALIDATION',
      '提交的内容有误',
      details.map((d) => (d.field ? { field: d.field, message: d.message } : { message: d.message })),
    );
  }
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'VALIDATION';
    return new AppError(code, MESSAGES[code], undefined, { cause: error });
  }
  return new AppError('INTERNAL', undefined, undefined, { cause: error });
};

export const isApiRequest = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

const loginUrl = (request: FastifyRequest): string =>
  request.method === 'GET' && request.url.startsWith('/workbench')
    ? `/workbench/login?next=${encodeURIComponent(request.url)}`
    : '/workbench/login';

/** The one place errors become responses: JSON under /api, a Chinese page elsewhere. */
export const sendError = (request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply => {
  const { status, title } = ERROR_STATUS[error.code];
  // An internal error's message may hold anything; people get the title only.
  const message = error.code === 'INTERNAL' ? title : error.message;
  reply.header('cache-control', 'no-store');
  if (error.code === 'UNAVAILABLE') reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (isApiRequest(request)) {
    return reply.code(status).send({ error: { code: error.code, message, details: error.details ?? [] } });
  }
  if (error.code === 'UNAUTHENTICATED') return reply.redirect(loginUrl(request), 302);
  return reply.page(
    title,
    <ErrorPage status={status} title={title} message={message} details={error.details} />,
    status,
  );
};

export const installErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else if (appError.code === 'UNAVAILABLE') request.log.warn({ err: error }, 'database unavailable');
    else request.log.info({ code: appError.code }, `request refused: ${appError.message}`);
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
    sendError(request, reply, new AppError('NOT_FOUND', MESSAGES.NOT_FOUND)),
  );
};

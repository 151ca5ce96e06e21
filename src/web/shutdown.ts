import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';

/** Stops taking requests, lets those in flight finish, then closes the database. */
export const shutdown = async (app: FastifyInstance, database: Database): Promise<void> => {
  try {
    await app.close();
  } finally {
    await database.close();
  }
};

/**
 * On SIGINT or SIGTERM, shuts down gracefully; a shutdown that hangs past `timeoutMs` ends
 * the process anyway. Returns a function that removes the handlers.
 */
export const closeOnSignals = (
  app: FastifyInstance,
  database: Database,
  {
    signals = ['SIGINT', 'SIGTERM'] as const,
    timeoutMs = 10_000,
    afterClose = () => {},
  }: {
    signals?: readonly NodeJS.Signals[];
    timeoutMs?: number;
    /** Runs once the app and the database are closed (a cluster worker lets go of its primary). */
    afterClose?: () => void;
  } = {},
): (() => void) => {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown(app, database)
      .then(() => {
        process.exitCode ??= 0;
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      })
      .finally(() => {
        clearTimeout(timer);
        afterClose();
      });
  };
  for (const signal of signals) process.once(signal, handler);
  return () => {
    for (const signal of signals) process.removeListener(signal, handler);
  };
};

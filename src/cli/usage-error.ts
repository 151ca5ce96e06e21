/** Exit status for a command used wrongly (unknown flag, no file given): sysexits' EX_USAGE. */
export const EXIT_USAGE = 64;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

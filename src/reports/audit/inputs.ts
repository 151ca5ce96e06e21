import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function* walk(dir: string): AsyncGenerator<string> {
  const entries: { name: string; isDir: boolean }[] = [];
  for await (const entry of await opendir(dir)) {
    if (entry.name.startsWith('.')) continue;
    // Everything that is not a directory is passed on: a symbolic link, a FIFO or a device fails
    // as a file with its reason (audit-file.ts) rather than vanishing from the batch unreported.
    // A symbolic link to a directory is not followed (no loops); it fails as a file too.
    entries.push({ name: entry.name, isDir: entry.isDirectory() });
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDir) yield* walk(path);
    else yield path;
  }
}

/**
 * The files to audit, in the order given; a directory is walked in sorted order (hidden
 * entries skipped). A path that does not exist, or is not a regular file, is passed on, to
 * fail as a file.
 */
export async function* expandInputs(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) yield* walk(path);
    else yield path;
  }
}

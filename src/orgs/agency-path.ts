/** Materialised paths: '/1/4/9/' is agency 9, under 4, under the root 1. */

export const childPath = (parentPath: string | null, id: number): string => `${parentPath ?? '/'}${id}/`;

export const pathIds = (path: string): number[] =>
  path
    .split('/')
    .filter((part) => part !== '')
    .map(Number);

/** True when `path` is `ancestorPath` itself or lies under it. */
export const isWithin = (path: string, ancestorPath: string): boolean => path.startsWith(ancestorPath);

import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: the passwords are read off a terminal and typed in.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALL = LETTERS + DIGITS;

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)] ?? '';

/** A random 12-character password that passes the policy (letters and digits, both present). */
export function demoPassword(): string {
  const chars = [pick(LETTERS), pick(DIGITS)];
  while (chars.length < 12) chars.push(pick(ALL));
  // Fisher–Yates, so the guaranteed letter and digit are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberProblem } from '../../src/applications/identity-number.ts';

const TODAY = '2026-11-27';

describe('居民身份证 numbers (GB 11643-1999)', () => {
  it('computes the check character by ISO 7064 MOD 11-2', () => {
    // The standard's own example, and numbers worked out by hand.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44030819900101001')).toBe('7');
    expect(idCheckCharacter('41020219850312123')).toBe('1');
  });

  it('accepts a valid number, with X in either case', () => {
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
    expect(idNumberProblem(' 440308199001010017 ', TODAY)).toBeNull();
  });

  it.each([
    ['11010519491231002', 'length'],
    ['1101051949123100X2', 'characters'],
    ['01010519491231002X', 'region'],
    ['110105194902300026', 'birthDate'],
    ['110105209901010012', 'birthDate'],
    ['110105194912310021', 'checkDigit'],
    ['440308199001010014', 'checkDigit'],
  ] as const)('%s → %s', (id, problem) => {
    expect(idNumberProblem(id, TODAY)).toBe(problem);
  });
});

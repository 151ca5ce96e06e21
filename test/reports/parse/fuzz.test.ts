import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionCells } from '../../../src/reports/model/cells.ts';
import { EDITIONS } from '../../../src/reports/model/editions.ts';
import { extractReport } from '../../../src/reports/parse/extract/index.ts';
import { readText } from '../../../src/reports/parse/formats/text.ts';
import { FIXTURES } from './expected-cells.ts';

const fixtures = [
  'gulou-2019.txt',
  'hanyang-2022-partial.txt',
  'longgang-department-2024-partial.txt',
  'donghu-office-2025-partial.txt',
].map((name) => readFileSync(new URL(name, FIXTURES), 'utf8').split('\n'));

/** Edits a real report the way publishing mangles them: lines lost, doubled, swapped, cut, garbled. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom('\t', '|', '\t-1', '\t1,0,0', '三、本年度办理结果', '\t（七）总计', ''),
    ),
  }),
);

interface Edit {
  readonly kind: 'delete' | 'duplicate' | 'swap' | 'cut' | 'insert';
  readonly at: number;
  readonly with?: number;
  readonly text?: string;
}

const mutate = (lines: readonly string[], edits: readonly Edit[]): string => {
  const out = [...lines];
  for (const e of edits) {
    if (out.length === 0) break;
    const at = e.at % out.length;
    if (e.kind === 'delete') out.splice(at, 1);
    else if (e.kind === 'duplicate') out.splice(at, 0, out[at] ?? '');
    else if (e.kind === 'swap') {
      const b = (e.with ?? 0) % out.length;
      [out[at], out[b]] = [out[b] ?? '', out[at] ?? ''];
    } else if (e.kind === 'cut') out.length = at;
    else out.splice(at, 0, e.text ?? '');
  }
  return out.join('\n');
};

describe('the text parser on mangled real reports', () => {
  it('never throws, and only ever writes cells of the edition it names, as numbers or blanks', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutation, { maxLength: 12 }),
        (which, edits) => {
          const text = mutate(fixtures[which] ?? [], edits);
          const result = extractReport(readText(text));
          if (!result.ok) return;
          const { edition, cells } = result.report;
          if (edition === null) {
            expect(cells).toEqual({});
            return;
          }
          const keys = new Set(editionCells(EDITIONS[edition]).map((c) => c.key));
          for (const [key, value] of Object.entries(cells)) {
            expect(keys.has(key)).toBe(true);
            expect(value === null || Number.isFinite(value)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never reads a zero that is not in the text: a report cut anywhere has no more cells than the whole', () => {
    const whole = fixtures[0] ?? [];
    const all = extractReport(readText(whole.join('\n')));
    if (!all.ok) throw new Error('the sample must parse');
    fc.assert(
      fc.property(fc.nat({ max: whole.length }), (at) => {
        const cut = extractReport(readText(whole.slice(0, at).join('\n')));
        if (!cut.ok) return;
        for (const [key, value] of Object.entries(cut.report.cells)) {
          // Every cell read from the cut text is the whole report's value for it, or blank
          // where the cut fell inside its row.
          if (value !== null) expect(all.report.cells[key]).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });
});

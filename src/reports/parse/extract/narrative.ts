import type { NarrativeSection } from '../../model/report.ts';
import type { Heading } from './sections.ts';
import type { Token } from './tokens.ts';

/**
 * The text of each section: its paragraphs, less the pieces that were read as table cells
 * (a page that flattened its tables into paragraphs has them among the text).
 */
export const buildNarrative = (
  tokens: readonly Token[],
  headings: readonly Heading[],
  tableSpans: readonly (readonly [number, number])[],
): NarrativeSection[] => {
  const inTable = (i: number) => tableSpans.some(([a, b]) => i >= a && i < b);
  const sections: NarrativeSection[] = [];
  headings.forEach((h, n) => {
    const end = headings[n + 1]?.index ?? tokens.length;
    const lines: string[] = [];
    for (let i = h.index + 1; i < end; i++) {
      const t = tokens[i];
      if (t && t.kind === 'paragraph' && !inTable(i) && t.text.trim() !== '') lines.push(t.text.trim());
    }
    const previous = sections[sections.length - 1];
    if (previous && previous.section === h.section) {
      // A part beyond the sixth is kept with the sixth, heading and all.
      sections[sections.length - 1] = {
        ...previous,
        text: [previous.text, h.text, ...lines].filter((s) => s !== '').join('\n'),
      };
      return;
    }
    sections.push({ section: h.section, heading: h.text, text: lines.join('\n') });
  });
  return sections;
};

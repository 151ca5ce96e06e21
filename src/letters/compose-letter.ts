import type { LetterTemplate } from './default-templates.ts';
import { PLACEHOLDER_PATTERN } from './letter-placeholders.ts';

export type LetterAlign = 'indent' | 'left' | 'right' | 'center';

export interface LetterParagraph {
  readonly align: LetterAlign;
  readonly text: string;
}

/** A letter as plain text in paragraphs: what the HTML, DOCX and PDF renderers set. */
export interface LetterDocument {
  readonly title: string;
  readonly paragraphs: readonly LetterParagraph[];
}

/** The value of each placeholder, as plain text ('' where this case has none). */
export type LetterValues = Readonly<Record<string, string>>;

const MARKS: Readonly<Record<string, LetterAlign>> = { '<': 'left', '>': 'right', '#': 'center' };

const fill = (text: string, values: LetterValues): { text: string; used: number; empty: number } => {
  let used = 0;
  let empty = 0;
  const filled = text.replace(PLACEHOLDER_PATTERN, (_match, name: string) => {
    used += 1;
    const value = values[name] ?? '';
    if (value.trim() === '') empty += 1;
    return value;
  });
  return { text: filled, used, empty };
};

/**
 * Fills a template (checked on save: templateProblems) with a case's values. Text only: the
 * renderers escape it. A line whose placeholders all come out empty is left out.
 */
export const composeLetter = (template: LetterTemplate, values: LetterValues): LetterDocument => {
  const paragraphs: LetterParagraph[] = [];
  for (const raw of template.body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    // A mark is the first character followed by a space: '<em>' is text, '< 张三：' is flush left.
    const mark = /^[<>#]\s/.test(line) ? MARKS[line[0] ?? ''] : undefined;
    const source = mark === undefined ? line : line.slice(1).trim();
    const { text, used, empty } = fill(source, values);
    if (used > 0 && used === empty) continue;
    if (text.trim() === '') continue;
    for (const part of text.split(/\r?\n/))
      if (part.trim() !== '') paragraphs.push({ align: mark ?? 'indent', text: part.trim() });
  }
  return { title: fill(template.title, values).text.trim(), paragraphs };
};

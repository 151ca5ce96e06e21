import { AppError, type ErrorDetail } from '../../errors/app-error.ts';
import { editionCells } from '../model/cells.ts';
import type { EditionId, SectionNumber } from '../model/edition.ts';
import { SECTION_NUMBERS } from '../model/edition.ts';
import { EDITIONS } from '../model/editions.ts';
import type { CellValue, NarrativeSection } from '../model/report.ts';
import { SECTION_NUMERALS } from '../model/section-headings.ts';
import { SENTENCE_LABELS, SENTENCE_NAMES, type SentenceName, sentencesFromCells } from './sentences.ts';

/**
 * The narrative of a compiled report is stored as templates, one per section: the clerk's own
 * text with placeholders in double braces where gongkai writes from the figures.
 *
 *   {{applications}} {{handled}} {{appeals}} {{proactive}} {{work}}   a generated sentence
 *   {{s3.new.total}}                                                  one cell's figure
 *
 * Resolving a template replaces each placeholder by its text made from the current figures
 * (a draft's live compilation, or the figures locked at submission), so the generated spans
 * stay in step with the figures while everything the clerk wrote around them is kept as it is.
 * An unknown placeholder is refused when the narrative is saved.
 */
export interface NarrativeTemplate {
  readonly section: SectionNumber;
  readonly text: string;
}

/** A piece of resolved text: the clerk's own, or generated from a placeholder. */
export interface NarrativeSegment {
  readonly text: string;
  /** The placeholder it came from, for a generated span; null for the clerk's text. */
  readonly placeholder: string | null;
}

/** What the placeholders resolve to: the cells, and the sentences that are not made from cells. */
export interface NarrativeSources {
  readonly edition: EditionId;
  readonly cells: Readonly<Record<string, CellValue>>;
  /** The work records' sentences for section 一 (src/work-records), each a full sentence. */
  readonly workSentences: readonly string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9.]+)\s*\}\}/g;

/** The templates a new report starts with: each section's generated sentences, nothing else. */
export const DEFAULT_TEMPLATES: Readonly<Record<SectionNumber, string>> = {
  1: '{{work}}\n{{proactive}}',
  2: '',
  3: '{{applications}}\n{{handled}}',
  4: '{{appeals}}',
  5: '',
  6: '',
};

export const defaultTemplates = (): NarrativeTemplate[] =>
  SECTION_NUMBERS.map((section) => ({ section, text: DEFAULT_TEMPLATES[section] }));

const isSentenceName = (name: string): name is SentenceName =>
  (SENTENCE_NAMES as readonly string[]).includes(name);

const formatFigure = (value: CellValue | undefined): string =>
  value === null || value === undefined ? '—' : String(value);

/** A section's template split into the clerk's text and the generated spans. */
export const resolveSegments = (text: string, sources: NarrativeSources): NarrativeSegment[] => {
  const sentences = sentencesFromCells(sources.edition, sources.cells);
  const segments: NarrativeSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (match.index > at) segments.push({ text: text.slice(at, match.index), placeholder: null });
    const generated =
      name === 'work'
        ? sources.workSentences.join('')
        : isSentenceName(name)
          ? sentences[name]
          : Object.hasOwn(sources.cells, name)
            ? formatFigure(sources.cells[name])
            : match[0];
    segments.push({ text: generated, placeholder: name });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), placeholder: null });
  return segments;
};

/** The narrative as the report prints it: each section's template resolved, with the edition's heading. */
export const resolveNarrative = (
  templates: readonly NarrativeTemplate[],
  sources: NarrativeSources,
): NarrativeSection[] => {
  const edition = EDITIONS[sources.edition];
  return edition.sections.map((s) => {
    const template = templates.find((t) => t.section === s.number)?.text ?? '';
    const text = resolveSegments(template, sources)
      .map((g) => g.text)
      .join('');
    return { section: s.number, heading: s.heading, text };
  });
};

/** The placeholders a template may hold in an edition, with what each stands for. */
export const placeholderHelp = (): readonly { name: string; label: string }[] => [
  { name: 'work', label: '工作记录（培训、检查、平台建设、政务新媒体、政务服务事项）' },
  ...SENTENCE_NAMES.map((name) => ({ name, label: SENTENCE_LABELS[name] })),
];

export const MAX_SECTION_TEXT = 20_000;

/**
 * The templates from a form (fields section1 … section6), checked: every placeholder known in
 * the edition, no section longer than MAX_SECTION_TEXT. Throws AppError('VALIDATION') naming the
 * section's field.
 */
export const readTemplates = (edition: EditionId, input: Record<string, unknown>): NarrativeTemplate[] => {
  const cells = new Set(editionCells(EDITIONS[edition]).map((c) => c.key));
  const details: ErrorDetail[] = [];
  const templates = SECTION_NUMBERS.map((section) => {
    const field = `section${section}`;
    const raw = input[field];
    const text = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n') : '';
    const name = `第${SECTION_NUMERALS[section - 1]}部分`;
    if (text.length > MAX_SECTION_TEXT)
      details.push({ field, message: `${name}的正文不能超过 ${MAX_SECTION_TEXT} 个字` });
    const unknown = [...text.matchAll(PLACEHOLDER)]
      .map((m) => m[1] ?? '')
      .filter((n) => n !== 'work' && !isSentenceName(n) && !cells.has(n));
    if (unknown.length > 0)
      details.push({
        field,
        message: `${name}的正文有无法识别的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}`,
      });
    return { section, text };
  });
  if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);
  return templates;
};

/** Stored narrative_json → templates (a section not stored is empty). */
export const parseTemplates = (json: string): NarrativeTemplate[] => {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry): NarrativeTemplate[] => {
    const section = (entry as { section?: unknown }).section;
    const text = (entry as { text?: unknown }).text;
    return typeof section === 'number' &&
      (SECTION_NUMBERS as readonly number[]).includes(section) &&
      typeof text === 'string'
      ? [{ section: section as SectionNumber, text }]
      : [];
  });
};

import type { EditionDef, SectionDef } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import type { Report } from '../model/report.ts';

/** '鼓楼区人民政府2019年政府信息公开工作年度报告'; an unknown agency or year is left out. */
export const reportTitle = (report: Pick<Report, 'agency' | 'year'>): string =>
  `${report.agency ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告`;

/** The edition whose tables are printed; null when the document had no table of either. */
export const reportEdition = (report: Report): EditionDef | null =>
  report.edition === null ? null : EDITIONS[report.edition];

/**
 * The six sections with the edition's own headings. A report without an edition still
 * gets the six headings: those of the edition its year calls for, else the current one.
 */
export const reportSections = (report: Report): readonly SectionDef[] =>
  (reportEdition(report) ?? EDITIONS[report.year === null ? '2021' : editionForYear(report.year)]).sections;

/** '一、总体情况' */
export const sectionHeading = (section: SectionDef): string => `${section.numeral}、${section.heading}`;

/** The narrative of one section, one entry per non-blank line (trimmed: the page
 * indents paragraphs itself), in document order. */
export const narrativeLines = (report: Report, section: SectionDef['number']): string[] =>
  report.narrative
    .filter((n) => n.section === section)
    .flatMap((n) => n.text.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line !== '');

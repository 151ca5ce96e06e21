import type { EditionDef } from '../model/edition.ts';
import { layoutSection2 } from './layout-s2.ts';
import { layoutSection3 } from './layout-s3.ts';
import { layoutSection4 } from './layout-s4.ts';
import type { TableLayout } from './table-layout.ts';

const cache = new WeakMap<EditionDef, readonly TableLayout[]>();

/** The tables of an edition as the form prints them, one per section 二, 三, 四. */
export const layoutEdition = (edition: EditionDef): readonly TableLayout[] => {
  const known = cache.get(edition);
  if (known) return known;
  const layouts = [layoutSection2(edition), layoutSection3(edition), layoutSection4(edition)].filter(
    (l): l is TableLayout => l !== null,
  );
  cache.set(edition, layouts);
  return layouts;
};

export const sectionLayout = (edition: EditionDef, section: number): TableLayout | undefined =>
  layoutEdition(edition).find((l) => l.section === section);

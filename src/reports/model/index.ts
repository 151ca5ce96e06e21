export * from './appeals-table.ts';
export * from './applications-table.ts';
export * from './cells.ts';
export * from './edition.ts';
export * from './editions.ts';
export * from './report.ts';
export * from './section-headings.ts';

import { type Kysely, sql } from 'kysely';
import { reportRowOf } from '../../applications/outcomes.ts';
import type { DB } from '../../db/schema.ts';
import { outcomeRowKeys, S3_APPLICANT_COLUMNS } from '../model/applications-table.ts';
import type { EditionDef } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { asOutcome, type Episode, episodeInYear } from './episodes.ts';
import { reopenedApplications } from './reopened.ts';
import type { YearWindow } from './rules.ts';

const APPLICANT_COLUMNS = new Set(S3_APPLICANT_COLUMNS);

/** Section 三 cell key → count, every cell of the edition's table filled in. */
class Tally {
  readonly cells: Record<string, number> = {};
  constructor(private readonly edition: EditionDef) {}

  add(row: string, column: string, n: number): void {
    if (n === 0 || !APPLICANT_COLUMNS.has(column)) return;
    const key = `s3.${row}.${column}`;
    this.cells[key] = (this.cells[key] ?? 0) + n;
  }

  addEpisode(e: Episode, column: string, w: YearWindow, sign: 1 | -1): void {
    const at = episodeInYear(e, w);
    if (at.new) this.add('new', column, sign);
    if (at.carried) this.add('carried', column, sign);
    if (at.decided !== null) this.add(reportRowOf(at.decided, this.edition.id), column, sign);
    if (at.forward) this.add('forward', column, sign);
  }

  /** Every cell of the table, zeros included; 总计 row and column as sums. */
  finish(): Record<string, number> {
    const table = tableById(this.edition, 's3');
    const outcomeRows = outcomeRowKeys(table);
    const out: Record<string, number> = {};
    for (const row of table.rows) {
      let rowTotal = 0;
      for (const column of S3_APPLICANT_COLUMNS) {
        const value =
          row.key === 'total'
            ? outcomeRows.reduce((sum, r) => sum + (this.cells[`s3.${r}.${column}`] ?? 0), 0)
            : (this.cells[`s3.${row.key}.${column}`] ?? 0);
        out[`s3.${row.key}.${column}`] = value;
        rowTotal += value;
      }
      out[`s3.${row.key}.total`] = rowTotal;
    }
    return out;
  }
}

/**
 * Section 三 of the agency's report for the year (rules.ts): one GROUP BY over the agency's
 * applications received by 31 December and not decided before 1 January, then the reopened applications taken back and
 * counted again from their events.
 */
export async function compileSection3(
  db: Kysely<DB>,
  agencyId: number,
  w: YearWindow,
  edition: EditionDef,
): Promise<Record<string, number>> {
  // Rows not decided before 1 January: a decision on or before 31 December is in the year.
  const decidedInYear = sql<string | null>`case when decided_on <= ${w.to} then outcome end`;
  const [groups, reopened] = await Promise.all([
    db
      .selectFrom('applications')
      .select([
        'applicant_type as applicantType',
        decidedInYear.as('decided'),
        sql<string | number>`count(*)`.as('n'),
        sql<string | number>`sum(case when received_on >= ${w.from} then 1 else 0 end)`.as('new'),
        sql<string | number>`sum(case when received_on < ${w.from} then 1 else 0 end)`.as('carried'),
        sql<string | number>`sum(case when decided_on is null or decided_on > ${w.to} then 1 else 0 end)`.as(
          'forward',
        ),
      ])
      .where('agency_id', '=', agencyId)
      // Only the agency's id may choose an index, as in a hand-written GROUP BY over its rows:
      // a range on received_on (indexed with agency_id) would fetch most rows one by one.
      .where(sql<string>`received_on || ''`, '<=', w.to)
      .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', w.from)]))
      .groupBy(['applicant_type', 'decided'])
      .execute(),
    reopenedApplications(db, agencyId, w.to),
  ]);
  const tally = new Tally(edition);
  for (const g of groups) {
    // Every row here was received by 31 December, undecided on 1 January or decided later.
    tally.add('new', g.applicantType, Number(g.new));
    tally.add('carried', g.applicantType, Number(g.carried));
    tally.add('forward', g.applicantType, Number(g.forward));
    if (g.decided !== null)
      tally.add(reportRowOf(asOutcome(g.decided), edition.id), g.applicantType, Number(g.n));
  }
  for (const a of reopened) {
    tally.addEpisode(a.asCounted, a.applicantType, w, -1);
    for (const e of a.episodes) tally.addEpisode(e, a.applicantType, w, 1);
  }
  return tally.finish();
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { S4_COLUMNS, S4_GROUPS } from '../model/appeals-table.ts';
import type { YearWindow } from './rules.ts';

/** The result column of a case as of 31 December: its result if decided by then, else pending. */
export const resultAsOfYearEnd = (w: YearWindow, table?: string) => {
  const column = (name: string) => sql.ref(table === undefined ? name : `${table}.${name}`);
  return sql<string>`case when ${column('decided_on')} is not null and ${column('decided_on')} <= ${w.to} then ${column('result')} else 'pending' end`;
};

const RESULT_COLUMNS = new Set(S4_COLUMNS.map((c) => c.key).filter((k) => k !== 'total'));

/**
 * Section 四 (rules.ts): the agency's cases filed in the year, by kind and by their result as of
 * 31 December; 总计 the sum of the four results. Every cell of the table, zeros included.
 */
export async function compileSection4(
  db: Kysely<DB>,
  agencyId: number,
  w: YearWindow,
): Promise<Record<string, number>> {
  const groups = await db
    .selectFrom('appeal_cases')
    .select(['kind', resultAsOfYearEnd(w).as('resultColumn'), sql<string | number>`count(*)`.as('n')])
    .where('agency_id', '=', agencyId)
    .where('filed_on', '>=', w.from)
    .where('filed_on', '<=', w.to)
    .groupBy(['kind', 'resultColumn'])
    .execute();
  const cells: Record<string, number> = {};
  for (const group of S4_GROUPS) {
    let total = 0;
    for (const column of RESULT_COLUMNS) {
      const n = groups
        .filter((g) => g.kind === group.key && g.resultColumn === column)
        .reduce((sum, g) => sum + Number(g.n), 0);
      cells[`s4.${group.key}.${column}`] = n;
      total += n;
    }
    cells[`s4.${group.key}.total`] = total;
  }
  return cells;
}

import { type Kysely, sql } from 'kysely';
import { idColumn, isPostgres, oneOf } from './dialect.ts';

/**
 * Reconsideration and litigation about the agency's disclosure work (issue 6, item 1): section 四
 * of the annual report counts them by the year they were filed and their result as of 31 December.
 * `kind` spells the report's three groups (reports/model/appeals-table.ts). A case about
 * proactive disclosure has no application.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appeal_cases')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('application_id', 'integer', (col) =>
      isPostgres(db) ? col.references('applications.id') : col,
    )
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(oneOf('kind', ['reconsideration', 'litigationDirect', 'litigationAfterReview'])),
    )
    // The reconsideration a litigation after review follows, when it is on record.
    .addColumn('prior_case_id', 'integer', (col) => col.references('appeal_cases.id'))
    .addColumn('case_number', 'text')
    // 复议机关 or 法院.
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('claimant_name', 'text')
    .addColumn('subject', 'text')
    .addColumn('filed_on', 'text', (col) => col.notNull())
    // The day the agency received the copy of the reconsideration application or the complaint:
    // its own reply (10 days) or defence (15 days) runs from the next day.
    .addColumn('copy_received_on', 'text')
    .addColumn('responded_on', 'text')
    .addColumn('result', 'text', (col) =>
      col.check(sql`result is null or ${oneOf('result', ['upheld', 'corrected', 'other'])}`),
    )
    .addColumn('decided_on', 'text')
    .addColumn('result_note', 'text')
    // 1 when the decision orders the agency to answer the application anew.
    .addColumn('reopens_application', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addCheckConstraint('appeal_cases_decided', sql`(result is null) = (decided_on is null)`)
    .execute();
  await db.schema
    .createIndex('appeal_cases_agency_filed_index')
    .on('appeal_cases')
    .columns(['agency_id', 'filed_on'])
    .execute();
  await db.schema
    .createIndex('appeal_cases_application_index')
    .on('appeal_cases')
    .column('application_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appeal_cases').execute();
}

import type { Migration } from 'kysely';
import * as orgs from './2026112701_orgs.ts';
import * as sessions from './2026112702_sessions.ts';
import * as auditLog from './2026112703_audit_log.ts';
import * as applications from './2026112704_applications.ts';
import * as calendar from './2026112705_calendar.ts';
import * as applicationWorkflow from './2026112706_application_workflow.ts';
import * as letters from './2026112707_letters.ts';
import * as imports from './2026112708_imports.ts';
import * as disclosureItems from './2026112709_disclosure_items.ts';
import * as applicantAccounts from './2026112710_applicant_accounts.ts';
import * as disclosurePublishing from './2026112711_disclosure_publishing.ts';
import * as disclosureCatalogue from './2026112712_disclosure_catalogue.ts';
import * as disclosureRegisters from './2026112713_disclosure_registers.ts';
import * as appeals from './2026112714_appeals.ts';
import * as workRecords from './2026112715_work_records.ts';
import * as searchFacets from './2026112716_search_facets.ts';
import * as annualReports from './2026112717_annual_reports.ts';
import * as catalogueIndexes from './2026112718_catalogue_indexes.ts';
import * as auditBatches from './2026112719_audit_batches.ts';
import * as jobs from './2026112720_jobs.ts';
import * as sharedState from './2026112721_shared_state.ts';
import * as auditUploads from './2026112722_audit_uploads.ts';
import * as reportPdfs from './2026112723_report_pdfs.ts';
import * as searchIndexState from './2026112724_search_index_state.ts';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026112701_orgs': orgs,
  '2026112702_sessions': sessions,
  '2026112703_audit_log': auditLog,
  '2026112704_applications': applications,
  '2026112705_calendar': calendar,
  '2026112706_application_workflow': applicationWorkflow,
  '2026112707_letters': letters,
  '2026112708_imports': imports,
  '2026112709_disclosure_items': disclosureItems,
  '2026112710_applicant_accounts': applicantAccounts,
  '2026112711_disclosure_publishing': disclosurePublishing,
  '2026112712_disclosure_catalogue': disclosureCatalogue,
  '2026112713_disclosure_registers': disclosureRegisters,
  '2026112714_appeals': appeals,
  '2026112715_work_records': workRecords,
  '2026112716_search_facets': searchFacets,
  '2026112717_annual_reports': annualReports,
  '2026112718_catalogue_indexes': catalogueIndexes,
  '2026112719_audit_batches': auditBatches,
  '2026112720_jobs': jobs,
  '2026112721_shared_state': sharedState,
  '2026112722_audit_uploads': auditUploads,
  '2026112723_report_pdfs': reportPdfs,
  '2026112724_search_index_state': searchIndexState,
};

/**
 * The database as Kysely sees it. Each table's row type lives with its domain
 * (`*.table.ts`); this file only names the tables. Conventions, the same on both dialects:
 * instants are ISO-8601 UTC text ('2026-11-27T03:00:00.000Z'), dates 'YYYY-MM-DD' text,
 * booleans integer 0/1, ids integers.
 */
import type { AppealCaseTable } from '../appeals/appeal-case.table.ts';
import type { ApplicantAccountTable, ApplicantSessionTable } from '../applicants/applicant-account.table.ts';
import type {
  ApplicationCoHandlerTable,
  ApplicationEventTable,
  ApplicationTable,
} from '../applications/application.table.ts';
import type { ApplicationImportTable } from '../applications/import/application-import.table.ts';
import type { AuditLogTable } from '../audit-log/audit-log.table.ts';
import type { CalendarYearTable } from '../calendar/calendar-year.table.ts';
import type { AgencyGuideTable, DisclosureCategoryTable } from '../disclosure/catalogue.table.ts';
import type {
  DisclosureAttachmentTable,
  DisclosureBlobTable,
} from '../disclosure/disclosure-attachment.table.ts';
import type { DisclosureItemTable } from '../disclosure/disclosure-item.table.ts';
import type { DisclosureRegisterTable, RegisterImportTable } from '../disclosure/register.table.ts';
import type { SearchSynonymTable } from '../disclosure/search-synonym.table.ts';
import type { JobScheduleTable, JobTable } from '../jobs/job.table.ts';
import type { ReminderTable } from '../jobs/reminder.table.ts';
import type { ApplicationLetterTable } from '../letters/application-letter.table.ts';
import type { LetterTemplateTable } from '../letters/letter-template.table.ts';
import type { AgencyTable } from '../orgs/agency.table.ts';
import type { SessionTable } from '../orgs/session.table.ts';
import type { RoleAssignmentTable, UserTable } from '../orgs/user.table.ts';
import type { AuditBatchFileTable, AuditBatchTable } from '../reports/audit/store.table.ts';
import type { AuditUploadTable } from '../reports/audit/upload.table.ts';
import type { AnnualReportTable } from '../reports/documents/annual-report.table.ts';
import type { ReportPdfTable } from '../reports/documents/report-pdf.table.ts';
import type { RateLimitCountTable } from '../web/plugins/rate-limit-count.table.ts';
import type { WorkRecordTable } from '../work-records/work-record.table.ts';
import type { AppSecretTable } from './app-secret.table.ts';

export interface DB {
  agencies: AgencyTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_co_handlers: ApplicationCoHandlerTable;
  calendar_years: CalendarYearTable;
  application_imports: ApplicationImportTable;
  letter_templates: LetterTemplateTable;
  application_letters: ApplicationLetterTable;
  disclosure_items: DisclosureItemTable;
  disclosure_attachments: DisclosureAttachmentTable;
  disclosure_blobs: DisclosureBlobTable;
  disclosure_categories: DisclosureCategoryTable;
  agency_guides: AgencyGuideTable;
  search_synonyms: SearchSynonymTable;
  disclosure_registers: DisclosureRegisterTable;
  register_imports: RegisterImportTable;
  applicant_accounts: ApplicantAccountTable;
  applicant_sessions: ApplicantSessionTable;
  appeal_cases: AppealCaseTable;
  annual_reports: AnnualReportTable;
  work_records: WorkRecordTable;
  audit_batches: AuditBatchTable;
  audit_batch_files: AuditBatchFileTable;
  audit_uploads: AuditUploadTable;
  jobs: JobTable;
  job_schedules: JobScheduleTable;
  reminders: ReminderTable;
  rate_limit_counts: RateLimitCountTable;
  app_secrets: AppSecretTable;
  report_pdfs: ReportPdfTable;
}

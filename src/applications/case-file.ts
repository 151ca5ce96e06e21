import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DEADLINE_EVENT_LABELS } from '../deadlines/deadline-event.ts';
import { isLetterKind, LETTER_KIND_LABELS } from '../letters/letter-kind.ts';
import { type Application, findApplication } from './application.repository.ts';
import { type ApplicationAgencies, agenciesOfApplication } from './application-access.ts';
import { DELIVERY_METHOD_LABELS, type DeliveryMethod } from './decision.ts';
import { WORKFLOW_EVENT_LABELS } from './workflow-events.ts';

/**
 * 案卷: an application's whole record as the agency hands it to a reconsideration body or a
 * court (spec/regulations.md): the application as received, the timeline, every letter issued
 * (the receipt, the notices, the reply) with its stored files, and the proof of each delivery.
 * Personal data is in clear: only those who see it (seesPersonalData) may export a case file.
 */
export interface CaseFile {
  readonly application: Application;
  readonly agencies: ApplicationAgencies;
  readonly timeline: readonly CaseFileEvent[];
  readonly letters: readonly CaseFileLetter[];
  readonly deliveries: readonly CaseFileDelivery[];
}

export interface CaseFileEvent {
  readonly date: string;
  /** 收到申请, 出具文书, 送达 … */
  readonly label: string;
  readonly detail: string;
  readonly note: string;
  /** Who recorded it: a user's name, or 系统 for the submission and imports. */
  readonly actor: string;
  readonly recordedAt: string;
}

export interface CaseFileLetter {
  readonly id: number;
  readonly kind: string;
  readonly kindLabel: string;
  readonly title: string;
  readonly issuedAt: string;
  readonly html: string;
  readonly docx: Uint8Array;
  /** Null where no Chromium was at hand when it was issued. */
  readonly pdf: Uint8Array | null;
}

export interface CaseFileDelivery {
  readonly date: string;
  readonly method: string;
  readonly proof: string;
  readonly late: boolean;
}

const EVENT_LABELS: Readonly<Record<string, string>> = { ...DEADLINE_EVENT_LABELS, ...WORKFLOW_EVENT_LABELS };

const detailOf = (
  detail: Record<string, unknown> | null,
  workingDays: number | null,
  until: string | null,
): string =>
  typeof detail?.summary === 'string'
    ? detail.summary
    : [workingDays === null ? '' : `${workingDays}个工作日`, until === null ? '' : `至${until}`]
        .filter(Boolean)
        .join('，');

const parseDetail = (json: string | null): Record<string, unknown> | null =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>);

/** The case file of an application, or null when there is no such application. */
export async function loadCaseFile(db: Kysely<DB>, applicationId: number): Promise<CaseFile | null> {
  const application = await findApplication(db, applicationId);
  if (application === null) return null;
  const events = await db
    .selectFrom('application_events')
    .leftJoin('users', 'users.id', 'application_events.actor_user_id')
    .select([
      'application_events.type',
      'application_events.date',
      'application_events.working_days',
      'application_events.until',
      'application_events.note',
      'application_events.recorded_at',
      'application_events.detail_json',
      'users.display_name',
    ])
    .where('application_events.application_id', '=', applicationId)
    .orderBy('application_events.date')
    .orderBy('application_events.id')
    .execute();
  const letters = await db
    .selectFrom('application_letters')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  const deliveries: CaseFileDelivery[] = [];
  const timeline = events.map((e): CaseFileEvent => {
    const detail = parseDetail(e.detail_json);
    if (e.type === 'delivered' && detail !== null)
      deliveries.push({
        date: e.date,
        method: DELIVERY_METHOD_LABELS[detail.method as DeliveryMethod] ?? String(detail.method ?? ''),
        proof: String(detail.proof ?? ''),
        late: detail.late === true,
      });
    return {
      date: e.date,
      label: EVENT_LABELS[e.type] ?? e.type,
      detail: detailOf(detail, e.working_days === null ? null : Number(e.working_days), e.until),
      note: e.note ?? '',
      actor: e.display_name ?? '系统',
      recordedAt: e.recorded_at,
    };
  });
  return {
    application,
    agencies: await agenciesOfApplication(db, application),
    timeline,
    letters: letters.map((l) => ({
      id: l.id,
      kind: l.kind,
      kindLabel: isLetterKind(l.kind) ? LETTER_KIND_LABELS[l.kind] : '文书',
      title: l.title,
      issuedAt: l.created_at,
      html: l.html,
      docx: l.docx,
      pdf: l.pdf,
    })),
    deliveries,
  };
}

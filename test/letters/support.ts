import type { Kysely } from 'kysely';
import { decideApplication } from '../../src/applications/decide-application.ts';
import { recordApplicationEvent } from '../../src/applications/record-application-event.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Agency } from '../../src/orgs/agency.table.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

export const NOW = new Date();

export const GULOU_CONTACT = {
  officeName: '鼓楼区人民政府办公室',
  address: '河南省开封市鼓楼区包公湖北路39号',
  postcode: '475000',
  phone: '0371-23798902',
};

/** 开封市人民政府 above 鼓楼区人民政府 (the letters' agency), with its disclosure office. */
export const makeLetterAgencies = async (db: Kysely<DB>): Promise<{ city: Agency; gulou: Agency }> => {
  const city = await makeAgency(db, {
    name: `开封市人民政府${Math.random().toString(36).slice(2, 6)}`,
    level: 'city',
  });
  const gulou = await makeAgency(db, { name: '鼓楼区人民政府', parentId: city.id, contact: GULOU_CONTACT });
  return { city, gulou };
};

/** An application by letter, received 2024-09-27 (its 20 working days end 2024-10-30). */
export const makeApplication = async (
  db: Kysely<DB>,
  agencyId: number,
  overrides: Record<string, string> = {},
): Promise<{ id: number; trackingNumber: string; secretCode: string }> => {
  const result = await submitApplication(db, {
    agencyId,
    input: {
      channel: 'letter',
      arrivedOn: '2024-09-26',
      receivedOn: '2024-09-27',
      applicantType: 'natural',
      applicantName: '张三',
      idType: 'residentId',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      description: '2023年度最低生活保障资金发放情况',
      formWanted: 'paper',
      ...overrides,
    },
    actor: TEST_ACTOR,
    now: NOW,
  });
  if (!result.created) throw new Error('expected a new application');
  return { id: result.id, trackingNumber: result.trackingNumber, secretCode: result.secretCode };
};

export const recordEvent = (db: Kysely<DB>, applicationId: number, event: Record<string, unknown>) =>
  recordApplicationEvent(db, { applicationId, event, actor: TEST_ACTOR, now: NOW });

/** Decides the application at once (as an approver would), after a review where the outcome needs one. */
export const decide = async (db: Kysely<DB>, applicationId: number, input: Record<string, string>) => {
  if (input.outcome === 'granted' || input.outcome === 'partial')
    await recordSecrecyReview(db, {
      applicationId,
      input: { result: input.outcome === 'granted' ? 'cleared' : 'redacted', date: '2024-10-28' },
      actor: TEST_ACTOR,
      now: NOW,
    });
  await decideApplication(db, {
    applicationId,
    input: { date: '2024-10-29', ...input },
    actorIsApprover: true,
    actor: TEST_ACTOR,
    now: NOW,
  });
};

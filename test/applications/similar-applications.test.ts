import { describe, expect, it } from 'vitest';
import { findApplication } from '../../src/applications/application.repository.ts';
import {
  bigrams,
  findSimilarApplications,
  SIMILARITY_THRESHOLD,
  similarity,
} from '../../src/applications/similar-applications.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

describe('similarity of descriptions', () => {
  it('compares character pairs, ignoring punctuation, spaces and width', () => {
    expect([...bigrams('低保，名单 ')]).toEqual(['低保', '保名', '名单']);
    expect(similarity(bigrams('２０２３年低保名单'), bigrams('2023年低保名单'))).toBe(1);
    expect(
      similarity(bigrams('2023年度低保资金发放情况'), bigrams('2023年低保资金的发放情况')),
    ).toBeGreaterThan(0.5);
    expect(similarity(bigrams('城市绿化养护合同'), bigrams('2023年低保资金发放情况'))).toBe(0);
    expect(similarity(bigrams(''), bigrams('低保'))).toBe(0);
    // What every application says does not make two alike.
    expect(
      similarity(
        bigrams('申请公开鼓楼区2026年城镇老旧小区改造项目计划'),
        bigrams('申请公开鼓楼区2026年为民办实事项目清单'),
      ),
    ).toBeLessThan(SIMILARITY_THRESHOLD);
  });
});

describeEachDatabase('similar earlier applications', (db) => {
  const submit = async (
    agencyId: number,
    receivedOn: string,
    description: string,
    idNumber = '11010519491231002X',
  ) =>
    (
      await submitApplication(db(), {
        agencyId,
        input: {
          channel: 'letter',
          arrivedOn: receivedOn,
          receivedOn,
          applicantType: 'natural',
          applicantName: '张三',
          idType: 'residentId',
          idNumber,
          phone: '13812345678',
          description,
          formWanted: 'paper',
        },
        actor: TEST_ACTOR,
        now: new Date('2024-12-31T02:00:00Z'),
      })
    ).id;

  it('finds earlier requests of the same agency for the same information, repeats first flagged', async () => {
    const agency = await makeAgency(db());
    const elsewhere = await makeAgency(db());
    const same = await submit(agency.id, '2024-03-01', '2023年度鼓楼区最低生活保障资金发放情况');
    const other = await submit(
      agency.id,
      '2024-04-01',
      '2023年度鼓楼区最低生活保障资金的发放明细',
      '110105194912310118',
    );
    await submit(agency.id, '2024-05-01', '城市绿化养护合同');
    await submit(elsewhere.id, '2024-05-01', '2023年度鼓楼区最低生活保障资金发放情况');
    // Received later than the new one: not "earlier".
    await submit(agency.id, '2024-12-01', '2023年度鼓楼区最低生活保障资金发放情况');
    const id = await submit(agency.id, '2024-10-08', '2023年度鼓楼区最低生活保障资金发放情况');
    const application = await findApplication(db(), id);
    if (application === null) throw new Error('not stored');
    const found = await findSimilarApplications(db(), application);
    expect(found.map((s) => s.application.id)).toEqual([same, other]);
    expect(found.map((s) => s.sameApplicant)).toEqual([true, false]);
    expect(found[0]?.score).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeWorkRecords, workRecordSentences } from '../../src/work-records/work-record-summary.ts';
import type { WorkRecord } from '../../src/work-records/work-records.ts';
import { yuanInWords } from '../../src/work-records/yuan.ts';

let id = 0;
const rec = (fields: Partial<WorkRecord> & Pick<WorkRecord, 'kind'>): WorkRecord => ({
  id: ++id,
  agencyId: 1,
  date: '2019-06-01',
  title: '事项',
  participants: null,
  cost: null,
  items: null,
  account: null,
  note: null,
  createdAt: '',
  updatedAt: '',
  ...fields,
});

describe('work record sentences', () => {
  it('word the sample report’s figures from the records, exactly', () => {
    const summary = summarizeWorkRecords(2019, [
      rec({ kind: 'training', participants: 86 }),
      rec({ kind: 'training', participants: 71 }),
      rec({ kind: 'platform', title: '政府网站全面改版、优化', cost: '20000' }),
      rec({ kind: 'newMedia', account: '鼓楼发布微信公众号', items: 4012 }),
      rec({ kind: 'newMedia', account: '鼓楼发布微博', items: 2355 }),
      rec({ kind: 'serviceItems', items: 766 }),
    ]);
    expect(workRecordSentences(summary)).toEqual([
      '全年开展政府信息公开培训2次，参训157人次。',
      '全年投入2万元用于政府信息公开平台建设：政府网站全面改版、优化。',
      '通过2个政务新媒体账号（鼓楼发布微信公众号、鼓楼发布微博）公开政府信息6367条。',
      '网上政务服务事项766项。',
    ]);
  });

  it('say nothing of a kind without records, and word free platform work and inspections', () => {
    expect(workRecordSentences(summarizeWorkRecords(2020, []))).toEqual([]);
    expect(
      workRecordSentences(
        summarizeWorkRecords(2020, [
          rec({ kind: 'inspection', title: '年度绩效考核' }),
          rec({ kind: 'inspection', title: '专项督查' }),
          rec({ kind: 'platform', title: '栏目调整' }),
        ]),
      ),
    ).toEqual([
      '开展政府信息公开监督检查和考核2次：年度绩效考核；专项督查。',
      '全年开展政府信息公开平台建设1项：栏目调整。',
    ]);
  });

  it('write amounts as a report does: 万元 for whole hundreds from 10,000 yuan, else yuan and fen', () => {
    expect(yuanInWords(2_000_000n)).toBe('2万元');
    expect(yuanInWords(1_500_000n)).toBe('1.5万元');
    expect(yuanInWords(1_230_000n)).toBe('1.23万元');
    expect(yuanInWords(1_234_500n)).toBe('12345元');
    expect(yuanInWords(999_900n)).toBe('9999元');
    expect(yuanInWords(1_234_550n)).toBe('12345.5元');
  });
});

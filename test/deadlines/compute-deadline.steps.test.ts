import { describe, expect, it } from 'vitest';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { computeDeadline } from '../../src/deadlines/compute-deadline.ts';
import { evs } from './events.ts';

const calendar = snapshotCalendar();

describe('steps explain each event in Chinese', () => {
  it('the worked example of regulations.md, step by step', () => {
    const result = computeDeadline(
      evs(
        'received 2024-09-27',
        'consultationStarted 2024-10-10',
        'consultationEnded 2024-10-24',
        'extended 2024-11-01 20',
      ),
      calendar,
    );
    expect(result.steps.map((s) => [s.date, s.event, s.due])).toEqual([
      ['2024-09-27', 'received', '2024-10-30'],
      ['2024-10-10', 'consultationStarted', null],
      ['2024-10-24', 'consultationEnded', '2024-11-14'],
      ['2024-11-01', 'extended', '2024-12-12'],
    ]);
    expect(result.steps.map((s) => s.text)).toEqual([
      '2024-09-27 收到申请：自次日起算20个工作日（条例第三十三条），答复期限为2024-10-30',
      '2024-10-10 征求第三方或其他机关意见：征求意见的时间不计入答复期限（条例第三十二、三十三条），被征求方应在15个工作日内答复，暂无答复期限，等待第三方或其他机关答复（2024-10-30前）',
      '2024-10-24 征求意见结束：自2024-10-10次日至2024-10-24的11个工作日不计入答复期限，答复期限为2024-11-14',
      '2024-11-01 延长答复期限：经批准延长20个工作日（条例第三十三条），答复期限为2024-12-12',
    ]);
    expect(result).toMatchObject({ due: '2024-12-12', provisional: false, warnings: [] });
    expect(result).not.toHaveProperty('waitingFor');
  });

  it('a correction: waiting, then restarted', () => {
    const { steps } = computeDeadline(
      evs('received 2024-09-27', 'correctionAsked 2024-09-30 2024-10-15', 'correctionReceived 2024-10-14'),
      calendar,
    );
    expect(steps.map((s) => s.text)).toEqual([
      '2024-09-27 收到申请：自次日起算20个工作日（条例第三十三条），答复期限为2024-10-30',
      '2024-09-30 告知补正：答复期限停止计算，收到补正后重新起算（条例第三十条），暂无答复期限，等待申请人补正（2024-10-15前）',
      '2024-10-14 收到补正后的申请：自次日重新起算20个工作日（条例第三十条），答复期限为2024-11-11',
    ]);
  });

  it('a fee notice and payment', () => {
    const { steps } = computeDeadline(
      evs('received 2024-09-27', 'feeNoticed 2024-10-09', 'feePaid 2024-10-16'),
      calendar,
    );
    expect(steps[1]?.text).toBe(
      '2024-10-09 申请人收到收费通知：至缴费之日不计入答复期限，申请人应在20个工作日内缴费（国办函〔2020〕109号），暂无答复期限，等待申请人缴费（2024-11-05前）',
    );
    expect(steps[2]?.text).toBe(
      '2024-10-16 申请人缴费：自2024-10-09次日至2024-10-16的6个工作日不计入答复期限，答复期限为2024-11-07',
    );
  });

  it('Art. 35 and a provisional deadline name themselves', () => {
    const delayed = computeDeadline(evs('received 2024-09-27', 'delayed 2024-10-20 2024-12-31'), calendar);
    expect(delayed.steps[1]?.text).toBe(
      '2024-10-20 依条例第三十五条确定答复日期：依条例第三十五条确定合理的答复日期2024-12-31，不再按工作日推算，答复期限为2024-12-31',
    );
    const late = computeDeadline(evs('received 2026-12-10'), calendar);
    expect(late.warnings).toEqual([
      '计算涉及未载入节假日安排的年份（已载入2019—2026年），按仅周末休息推算，结果为临时结果',
    ]);
  });

  it('with both a consultation and a fee open, names the one due first', () => {
    const result = computeDeadline(
      evs('received 2024-09-27', 'feeNoticed 2024-10-09', 'consultationStarted 2024-10-10'),
      calendar,
    );
    // fee: 20 working days after 10-09 = 11-05; consultation: 15 after 10-10 = 10-30.
    expect(result.waitingFor).toEqual({ what: 'consultation', by: '2024-10-30' });
  });

  it('without a receipt there is nothing to count', () => {
    const result = computeDeadline(evs('extended 2024-10-25 10'), calendar);
    expect(result.due).toBeNull();
    expect(result.warnings).toContain('没有收到申请（received）事件，无法起算答复期限');
  });
});

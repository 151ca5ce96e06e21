import { defineRule, draft } from './rule.ts';

/**
 * Whether section 六 says anything about fees: 信息处理费 by name, or a sentence that speaks
 * of charging (收/缴/免) and 费 together ("未收取任何费用", "无收费情况"). 经费 (budget) is
 * taken out first, so "收到上级拨付经费" does not count as an answer.
 */
const SPEAKS_OF_FEES = /信息处理费|处理费/;
const CHARGING = /[收缴免]/;

export const mentionsFees = (text: string): boolean => {
  const plain = text.replaceAll('经费', '');
  if (SPEAKS_OF_FEES.test(plain)) return true;
  return plain
    .split(/[。；;！？!?\n]/)
    .some((sentence) => sentence.includes('费') && CHARGING.test(sentence));
};

/** The 2021 format asks section 六 to report the 信息处理费 collected. */
export const contentFees = defineRule('CONTENT-FEES', 'warning', (ctx) => {
  if (ctx.edition?.id !== '2021') return [];
  const six = ctx.report.narrative.filter((n) => n.section === 6);
  if (six.length === 0) {
    return [
      draft(
        [],
        '报告缺少第六部分（其他需要报告的事项），因而未说明是否收取信息处理费（2021年版格式要求说明）',
      ),
    ];
  }
  if (six.some((n) => mentionsFees(n.text))) return [];
  return [draft([], '第六部分（其他需要报告的事项）未说明本年度是否收取信息处理费（2021年版格式要求说明）')];
});

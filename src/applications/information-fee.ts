/**
 * 信息处理费 under Art. 42 of the Regulations and 《政府信息公开信息处理费管理办法》
 * (国办函〔2020〕109号, in force 2021-01-01). Fees are only for applications whose number or
 * frequency clearly exceeds a reasonable range; the agency picks one method per case.
 * Amounts in yuan. Check them against the measures' text before quoting them in a letter.
 */

export interface FeeStep {
  /** What the step counts, in Chinese. */
  readonly text: string;
  readonly amount: number;
}

export interface FeeQuote {
  readonly method: 'perApplication' | 'perQuantity';
  readonly amount: number;
  readonly steps: readonly FeeStep[];
}

/**
 * 按件计收: by the applicant's count of applications to one agency in one calendar month —
 * the 1st to 10th free; the 11th to 30th 100 yuan each; from the 31st, in steps of ten, each
 * step 100 yuan an application more than the one before (31st–40th 200, 41st–50th 300 …).
 * `nth` is this application's place in the month (1 for the first).
 */
export const perApplicationFee = (nth: number): FeeQuote => {
  if (!Number.isInteger(nth) || nth < 1) throw new RangeError('申请的序号须为正整数');
  const amount = nth <= 10 ? 0 : nth <= 30 ? 100 : 100 * (2 + Math.floor((nth - 31) / 10));
  const band =
    nth <= 10
      ? '当月第1至10件免费'
      : nth <= 30
        ? '当月第11至30件，每件100元'
        : `当月第${31 + 10 * Math.floor((nth - 31) / 10)}至${40 + 10 * Math.floor((nth - 31) / 10)}件，每件${amount}元`;
  return {
    method: 'perApplication',
    amount,
    steps: [{ text: `本申请为该申请人当月向本机关提出的第${nth}件申请：${band}`, amount }],
  };
};

/** 按量计收 bands of one application, by page: each page is charged at the band it falls in. */
const PAGE_BANDS = [
  { from: 1, to: 30, price: 0 },
  { from: 31, to: 100, price: 10 },
  { from: 101, to: 200, price: 20 },
  { from: 201, to: Number.POSITIVE_INFINITY, price: 40 },
] as const;

/** Electronic files priced as pages: ten files (or part of ten) as one page — our assumption. */
export const FILES_PER_PAGE = 10;

/**
 * 按量计收: up to 30 pages free; pages 31–100, 10 yuan a page; 101–200, 20 yuan; from 201,
 * 40 yuan. Electronic data is counted as pages at FILES_PER_PAGE files a page, rounded up.
 */
export const perQuantityFee = (quantity: { pages?: number; electronicFiles?: number }): FeeQuote => {
  const pages = quantity.pages ?? 0;
  const files = quantity.electronicFiles ?? 0;
  if (![pages, files].every((n) => Number.isInteger(n) && n >= 0))
    throw new RangeError('页数和文件数须为非负整数');
  const filePages = Math.ceil(files / FILES_PER_PAGE);
  const total = pages + filePages;
  const steps: FeeStep[] = [];
  if (filePages > 0) {
    steps.push({
      text: `电子文件${files}个，按每${FILES_PER_PAGE}个折合1页计，折合${filePages}页`,
      amount: 0,
    });
  }
  for (const band of PAGE_BANDS) {
    const count = Math.max(0, Math.min(total, band.to) - band.from + 1);
    if (count === 0) continue;
    const to = Math.min(total, band.to);
    steps.push({
      text:
        band.price === 0
          ? `第${band.from}至${to}页免费`
          : `第${band.from}至${to}页，共${count}页，每页${band.price}元`,
      amount: count * band.price,
    });
  }
  return { method: 'perQuantity', amount: steps.reduce((s, x) => s + x.amount, 0), steps };
};

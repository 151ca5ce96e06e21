import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';
import { ARTICLE_20_ITEM_COUNT } from './article-20.ts';

/** The fields of an item as a clerk enters them; a draft may leave title and body empty. */

const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;

const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional());

const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ invalid_type_error: `${label}应为 YYYY-MM-DD 格式的有效日期` })
      .trim()
      .refine(isIsoDate, `${label}应为 YYYY-MM-DD 格式的有效日期`)
      .optional(),
  );

const ARTICLE_20_MESSAGE = `第二十条类别应为 1 至 ${ARTICLE_20_ITEM_COUNT} 之间的整数，或留空表示其他`;

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 20;

/** Tags as a form sends them ('低保发放，社会救助') or as a list. */
const tagList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，、;；\s]+/) : (v ?? [])),
  z
    .array(
      z
        .string({ invalid_type_error: '重点领域标签应为文字' })
        .trim()
        .max(MAX_TAG_LENGTH, `重点领域标签每个不能超过 ${MAX_TAG_LENGTH} 个字`),
      { invalid_type_error: '重点领域标签应为文字列表' },
    )
    .transform((tags) => [...new Set(tags.filter((t) => t !== ''))])
    .refine((tags) => tags.length <= MAX_TAGS, `重点领域标签不能超过 ${MAX_TAGS} 个`),
);

export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 1_000_000;

export const itemSchema = z
  .object({
    title: z.preprocess(
      (v) => v ?? '',
      z
        .string({ invalid_type_error: '标题应为文字' })
        .trim()
        .max(MAX_TITLE_LENGTH, `标题不能超过 ${MAX_TITLE_LENGTH} 个字`),
    ),
    bodyHtml: z.preprocess(
      (v) => v ?? '',
      z
        .string({ invalid_type_error: '正文应为文字' })
        .max(MAX_BODY_LENGTH, '正文过长，不能超过 100 万个字符'),
    ),
    documentNumber: optionalText('文号', 100),
    issuingAgency: optionalText('发布机构', 100),
    madeOn: optionalDate('成文日期'),
    changedOn: optionalDate('变更日期'),
    article20Item: z.preprocess(
      (v) => (v === 'other' ? undefined : blankToUndefined(v)),
      z.coerce
        .number({ invalid_type_error: ARTICLE_20_MESSAGE })
        .int(ARTICLE_20_MESSAGE)
        .min(1, ARTICLE_20_MESSAGE)
        .max(ARTICLE_20_ITEM_COUNT, ARTICLE_20_MESSAGE)
        .optional(),
    ),
    category: optionalText('目录分类', 100),
    tags: tagList,
  })
  .superRefine((item, ctx) => {
    if (item.madeOn !== undefined && item.changedOn !== undefined && item.changedOn < item.madeOn)
      ctx.addIssue({ code: 'custom', path: ['changedOn'], message: '变更日期不能早于成文日期' });
  });

export type ItemInput = z.output<typeof itemSchema>;

import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';
import { ARTICLE_20_ITEM_COUNT } from './article-20.ts';
import { DOCUMENT_TYPES, VALIDITIES } from './disclosure-item.table.ts';

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

const MAX_CHANNELS = 20;
const MAX_CHANNEL_LENGTH = 50;

/** The channels it went out on: 'portal' and the names of new-media accounts (政务微博、微信公众号 …). */
const channelList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，、;；\n]+/) : (v ?? ['portal'])),
  z
    .array(
      z
        .string({ invalid_type_error: '发布渠道应为文字' })
        .trim()
        .max(MAX_CHANNEL_LENGTH, `发布渠道每个不能超过 ${MAX_CHANNEL_LENGTH} 个字`),
      { invalid_type_error: '发布渠道应为文字列表' },
    )
    .transform((channels) => [...new Set(channels.filter((c) => c !== ''))])
    .refine((channels) => channels.length <= MAX_CHANNELS, `发布渠道不能超过 ${MAX_CHANNELS} 个`),
);

const enumOrBlank = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { errorMap: () => ({ message }) }).optional());

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
    channels: channelList,
    documentType: enumOrBlank(DOCUMENT_TYPES, '文件类型应为规章、规范性文件或留空'),
    validity: enumOrBlank(VALIDITIES, '效力状态应为现行有效或已废止'),
    repealedOn: optionalDate('废止日期'),
  })
  .superRefine((item, ctx) => {
    if (item.madeOn !== undefined && item.changedOn !== undefined && item.changedOn < item.madeOn)
      ctx.addIssue({ code: 'custom', path: ['changedOn'], message: '变更日期不能早于成文日期' });
    const issue = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (item.documentType === undefined && item.validity !== undefined)
      issue('validity', '效力状态只适用于规章和规范性文件，请先选择文件类型');
    if (item.validity === 'repealed' && item.repealedOn === undefined)
      issue('repealedOn', '已废止的文件请填写废止日期');
    if (item.validity !== 'repealed' && item.repealedOn !== undefined)
      issue('repealedOn', '只有已废止的文件才填写废止日期');
    if (item.repealedOn !== undefined && item.madeOn !== undefined && item.repealedOn < item.madeOn)
      issue('repealedOn', '废止日期不能早于成文日期');
  })
  // A rule or normative document is in force until it is repealed.
  .transform((item) =>
    item.documentType !== undefined && item.validity === undefined
      ? { ...item, validity: 'inForce' as const }
      : item,
  );

export type ItemInput = z.output<typeof itemSchema>;

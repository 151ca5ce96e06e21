import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listWorkRecords, type WorkRecord } from './work-records.ts';
import { formatFen, toFen, yuanInWords } from './yuan.ts';

/**
 * An agency's work records summed for a calendar year (a record counts in the year of its date):
 * trainings and their participants (人次: a person at two trainings counts twice), inspections,
 * platform work and its cost in yuan, the new-media accounts and the posts they published, and
 * the online service items (each record adds the items it put online).
 */
export interface WorkRecordSummary {
  readonly year: number;
  readonly trainings: { readonly count: number; readonly participants: number };
  readonly inspections: { readonly count: number; readonly titles: readonly string[] };
  readonly platform: { readonly count: number; readonly cost: string; readonly titles: readonly string[] };
  readonly newMedia: { readonly accounts: readonly string[]; readonly posts: number };
  readonly serviceItems: { readonly count: number; readonly items: number };
}

const sum = (records: readonly WorkRecord[], pick: (r: WorkRecord) => number | null): number =>
  records.reduce((total, r) => total + (pick(r) ?? 0), 0);

const distinct = (values: readonly (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null && v !== '')),
];

/** The totals of a list of records (all of one agency and year). */
export const summarizeWorkRecords = (year: number, records: readonly WorkRecord[]): WorkRecordSummary => {
  const of = (kind: WorkRecord['kind']) => records.filter((r) => r.kind === kind);
  const trainings = of('training');
  const inspections = of('inspection');
  const platform = of('platform');
  const newMedia = of('newMedia');
  const serviceItems = of('serviceItems');
  return {
    year,
    trainings: { count: trainings.length, participants: sum(trainings, (r) => r.participants) },
    inspections: { count: inspections.length, titles: distinct(inspections.map((r) => r.title)) },
    platform: {
      count: platform.length,
      cost: formatFen(platform.reduce((total, r) => total + (r.cost === null ? 0n : toFen(r.cost)), 0n)),
      titles: distinct(platform.map((r) => r.title)),
    },
    newMedia: { accounts: distinct(newMedia.map((r) => r.account)), posts: sum(newMedia, (r) => r.items) },
    serviceItems: { count: serviceItems.length, items: sum(serviceItems, (r) => r.items) },
  };
};

export async function workRecordSummary(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<WorkRecordSummary> {
  return summarizeWorkRecords(year, await listWorkRecords(db, agencyId, year));
}

/**
 * Sentences for section 一 of the report, as the sample words them (培训2次、150多人; 投资2万元改版
 * 网站; 政务新媒体6367条; 政务服务事项766项), each stating only what the records hold, with the
 * exact figures: a kind without records says nothing rather than "0".
 */
export const workRecordSentences = (s: WorkRecordSummary): string[] => {
  const sentences: string[] = [];
  if (s.trainings.count > 0)
    sentences.push(`全年开展政府信息公开培训${s.trainings.count}次，参训${s.trainings.participants}人次。`);
  if (s.inspections.count > 0)
    sentences.push(
      `开展政府信息公开监督检查和考核${s.inspections.count}次：${s.inspections.titles.join('；')}。`,
    );
  if (s.platform.count > 0) {
    const cost = toFen(s.platform.cost);
    const works = s.platform.titles.join('；');
    sentences.push(
      cost > 0n
        ? `全年投入${yuanInWords(cost)}用于政府信息公开平台建设：${works}。`
        : `全年开展政府信息公开平台建设${s.platform.count}项：${works}。`,
    );
  }
  if (s.newMedia.posts > 0 || s.newMedia.accounts.length > 0)
    sentences.push(
      `通过${s.newMedia.accounts.length}个政务新媒体账号（${s.newMedia.accounts.join('、')}）公开政府信息${s.newMedia.posts}条。`,
    );
  if (s.serviceItems.count > 0) sentences.push(`网上政务服务事项${s.serviceItems.items}项。`);
  return sentences;
};

import { beijingDateTime } from '../calendar/beijing-time.ts';
import { escapeHtml } from '../reports/render/escape.ts';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  FORM_WANTED_LABELS,
  ID_TYPE_LABELS,
} from './application-kinds.ts';
import type { CaseFile, CaseFileLetter } from './case-file.ts';
import { STAGE_LABELS } from './decision.ts';
import { OUTCOME_DEFINITIONS } from './outcomes.ts';

const label = (labels: Readonly<Record<string, string>>, key: string): string => labels[key] ?? key;

const BODY_FONT = '"仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", serif';
const HEAD_FONT = '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif';

const CSS = `
@page { size: A4; margin: 25mm 22mm 25mm 25mm; }
body { margin: 0; font-family: ${BODY_FONT}; font-size: 12pt; line-height: 1.6; color: #000; }
h1 { font-family: ${HEAD_FONT}; font-size: 24pt; text-align: center; margin: 40mm 0 16mm; }
h2 { font-family: ${HEAD_FONT}; font-size: 15pt; margin: 0 0 8pt; }
section.page { break-before: page; }
table { width: 100%; border-collapse: collapse; margin: 0 0 12pt; }
th, td { border: 0.6pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { font-family: ${HEAD_FONT}; font-weight: normal; background: #eee; }
table.facts th { width: 30%; }
td.nowrap { white-space: nowrap; }
.muted { color: #444; font-size: 10.5pt; }
.letter-meta { font-size: 10.5pt; border-bottom: 0.6pt solid #000; margin-bottom: 16pt; }
.letter h1 { font-family: "方正小标宋简体", ${BODY_FONT}; font-size: 20pt; font-weight: normal; margin: 0 0 20pt; }
.letter p { margin: 0; font-size: 15pt; line-height: 26pt; text-align: justify; overflow-wrap: anywhere; }
.letter p.indent { text-indent: 2em; }
.letter p.right { text-align: right; padding-right: 2em; }
.letter p.center { text-align: center; }
.letter p.right + p.left, .letter p.indent + p.right { margin-top: 26pt; }
`;

const facts = (caption: string, rows: readonly (readonly [string, string])[]): string =>
  `<table class="facts"><caption class="muted">${escapeHtml(caption)}</caption><tbody>${rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('')}</tbody></table>`;

const grid = (caption: string, headers: readonly string[], rows: readonly (readonly string[])[]): string =>
  rows.length === 0
    ? `<p>（${escapeHtml(caption)}：无）</p>`
    : `<table><caption class="muted">${escapeHtml(caption)}</caption><thead><tr>${headers
        .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
        .join('')}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr>${r.map((c, i) => `<td${i === 0 ? ' class="nowrap"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`;

/**
 * The letter as stored (our own rendering, its text escaped when issued): its article, or
 * its body; a stored document of another shape is shown as text rather than trusted as markup.
 */
const letterBody = (html: string): string =>
  /<article class="letter">([\s\S]*?)<\/article>/.exec(html)?.[1] ??
  /<body[^>]*>([\s\S]*?)<\/body>/.exec(html)?.[1] ??
  `<pre>${escapeHtml(html)}</pre>`;

const letterSection = (l: CaseFileLetter, n: number): string =>
  `<section class="page letter" aria-label="${escapeHtml(l.title)}">
<p class="letter-meta">文书${n}：${escapeHtml(l.kindLabel)}（出具时间 ${escapeHtml(beijingDateTime(l.issuedAt))}，文书编号 ${l.id}）</p>
${letterBody(l.html)}
</section>`;

/** The applicant's data in clear, the request and what was decided. */
export const applicationFacts = (c: CaseFile): (readonly [string, string])[] => {
  const a = c.application;
  const decision = a.decision;
  return [
    ['申请编号', a.trackingNumber],
    ['受理机关', c.agencies.receiving.name],
    ['承办单位', c.agencies.handling?.name ?? c.agencies.receiving.name],
    ['会办单位', c.agencies.coHandlers.map((x) => x.name).join('、') || '—'],
    ['申请渠道', label(CHANNEL_LABELS, a.channel)],
    ['申请到达日期', a.arrivedOn],
    ['收到申请日期（起算日）', a.receivedOn],
    ['申请人类型', label(APPLICANT_TYPE_LABELS, a.applicantType)],
    ['姓名或名称', a.applicantName],
    ['身份证明', label(ID_TYPE_LABELS, a.idType)],
    ['证件号码', a.idNumber],
    ['联系电话', a.phone],
    ['通信地址', a.address ?? '—'],
    ['电子邮箱', a.email ?? '—'],
    ['所需信息', a.description],
    ['获取信息的方式', label(FORM_WANTED_LABELS, a.formWanted)],
    ['办理状态', label(STAGE_LABELS, a.stage)],
    ['答复期限', a.deadline.due ?? '—'],
    ['办理结果', a.outcome === null ? '尚未作出答复决定' : OUTCOME_DEFINITIONS[a.outcome].label],
    ...(decision?.reason ? [['具体理由', decision.reason] as const] : []),
    ['决定日期', a.decidedOn ?? '—'],
    ['送达日期', a.deliveredOn ?? '—'],
  ];
};

/** The case file as one A4 document: cover and contents, the application, the timeline, each letter, the deliveries. */
export const renderCaseFileHtml = (
  c: CaseFile,
  options: { exportedAt: Date; exportedBy: string },
): string => {
  const a = c.application;
  const title = `政府信息公开申请案卷（${a.trackingNumber}）`;
  const contents = [
    '一、政府信息公开申请',
    '二、办理过程',
    ...c.letters.map((l, i) => `三、文书${i + 1}：${l.title}`),
    ...(c.letters.length === 0 ? ['三、文书（无）'] : []),
    '四、送达凭证',
  ];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<section class="cover">
<h1>政府信息公开申请案卷</h1>
${facts('案卷概况', [
  ['受理机关', c.agencies.receiving.name],
  ['申请编号', a.trackingNumber],
  ['收到申请日期', a.receivedOn],
  ['办理结果', a.outcome === null ? '尚未作出答复决定' : OUTCOME_DEFINITIONS[a.outcome].label],
  ['文书', `${c.letters.length}件`],
  ['导出时间', beijingDateTime(options.exportedAt.toISOString())],
  ['导出人', options.exportedBy],
])}
<h2>目录</h2>
<ol>${contents.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ol>
<p class="muted">本案卷含申请人的个人信息，仅供行政复议机关、人民法院及本机关依法使用。</p>
</section>
<section class="page">
<h2>一、政府信息公开申请</h2>
${facts('申请及办理结果', applicationFacts(c))}
</section>
<section class="page">
<h2>二、办理过程</h2>
${grid(
  '办理过程（按日期）',
  ['日期', '事件', '详情', '备注', '记录人', '记录时间'],
  c.timeline.map((e) => [e.date, e.label, e.detail, e.note, e.actor, beijingDateTime(e.recordedAt)]),
)}
</section>
${c.letters.map((l, i) => letterSection(l, i + 1)).join('\n')}
<section class="page">
<h2>四、送达凭证</h2>
${grid(
  '送达记录',
  ['送达日期', '送达方式', '送达凭证', '是否逾期'],
  c.deliveries.map((d) => [d.date, d.method, d.proof, d.late ? '超过答复期限' : '否']),
)}
</section>
</body>
</html>
`;
};

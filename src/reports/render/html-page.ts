import { escapeHtml } from './escape.ts';
import { REPORT_CSS } from './html-style.ts';

/** A complete page: UTF-8, zh-CN, the report styles (screen and A4 print), no scripts. */
export const htmlPage = (title: string, body: string, extraCss = ''): string =>
  [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}${extraCss}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');

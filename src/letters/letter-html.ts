import { escapeHtml } from '../reports/render/escape.ts';
import type { LetterDocument } from './compose-letter.ts';

/** The fonts of the official format (GB/T 9704), each falling back to the Noto CJK faces Debian ships. */
const TITLE_FONT = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif';
const BODY_FONT = '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif';

/** A4 with the margins of GB/T 9704; 三号 text at a 28 pt pitch, 二号 title. */
export const LETTER_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { color: #000; background: #fff; }
body { margin: 0 auto; padding: 12mm 0; max-width: 156mm; font-family: ${BODY_FONT};
  font-size: 16pt; line-height: 28pt; }
h1 { font-family: ${TITLE_FONT}; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 1.5; margin: 0 0 28pt; }
p { margin: 0; text-align: justify; overflow-wrap: anywhere; }
p.indent { text-indent: 2em; }
p.right { text-align: right; padding-right: 2em; }
p.center { text-align: center; }
p.right + p.left, p.indent + p.right { margin-top: 28pt; }
@media print { body { max-width: none; padding: 0; } }
`;

/** The letter's body: title and paragraphs, every piece of text escaped. */
export const letterBodyHtml = (doc: LetterDocument): string =>
  [
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.paragraphs.map((p) => `<p class="${p.align}">${escapeHtml(p.text)}</p>`),
  ].join('\n');

/** The letter as a standalone HTML document for A4 paper (also what the PDF is printed from). */
export const renderLetterHtml = (doc: LetterDocument): string =>
  `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title)}</title>
<style>${LETTER_CSS}</style>
</head>
<body>
<article class="letter">
${letterBodyHtml(doc)}
</article>
</body>
</html>
`;

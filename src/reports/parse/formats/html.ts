import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Diagnostic } from '../../model/report.ts';
import type { Block, SourceDocument } from '../document.ts';
import { FlowBuilder, type FlowCell, type FlowTable, flowToBlocks } from './flow.ts';
import { findPublicationDate } from './publication-date.ts';

/**
 * A report published as a web page. Government CMS pages wrap the article in layout tables,
 * paste the form's tables from Word (a <p> and <span>s in every cell, &nbsp; around the
 * figures), split a table in two, or lose the tables and keep one <p> per cell: the page's
 * own structure is kept, and layout tables are read through (see flow.ts).
 */

type DomNode = ChildNode;
type DomElement = Element;

const isElement = (node: DomNode): node is DomElement => 'attribs' in node;
const textOf = (node: DomNode): string | null =>
  String(node.type) === 'text' && 'data' in node && typeof node.data === 'string' ? node.data : null;

/**
 * The elements named `name` in document order (only the first where `first`), for <body> and
 * <meta>. With a stack, not recursion: a hostile page nests tags 100,000 deep.
 */
const findElements = (nodes: readonly DomNode[], name: string, first: boolean): DomElement[] => {
  const out: DomElement[] = [];
  const stack: DomNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isElement(node)) continue;
    if (node.name === name) {
      out.push(node);
      if (first) return out;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
  }
  return out;
};

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'textarea',
  'input',
  'button',
  'canvas',
  'video',
  'audio',
]);

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
  'caption',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

const isHidden = (el: DomElement): boolean =>
  el.attribs.hidden !== undefined || HIDDEN_STYLE.test(el.attribs.style ?? '');

/** Logos, icons, QR codes and buttons are the site's, not the report's. */
const CHROME_IMAGE = /logo|icon|ewm|qr|二维码|banner|share|分享|print|打印|close|arrow|button|btn/i;

const isContentImage = (el: DomElement): boolean => {
  const a = el.attribs;
  const small = [a.width, a.height].some((v) => v !== undefined && Number.parseInt(v, 10) < 100);
  return !small && !CHROME_IMAGE.test(`${a.src ?? ''} ${a.alt ?? ''} ${a.class ?? ''} ${a.id ?? ''}`);
};

const WIDE = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';
/** A line break in the source between two Chinese characters is not a space (CSS Text 3). */
const SEGMENT_BREAK = new RegExp(`(${WIDE})[ \\t]*[\\r\\n]+[ \\t\\r\\n]*(?=${WIDE})`, 'g');

/**
 * Elements nested deeper than this are read as plain text (their text in document order, a
 * line break at <br> and block elements), without recursion: a hostile page nesting tags
 * 100,000 deep overflowed the stack. Browsers stop nesting at a similar depth (Chromium: 512).
 */
export const MAX_HTML_DEPTH = 400;

interface WalkState {
  images: number;
  pre: boolean;
}

const directChildren = (el: DomElement, names: readonly string[]): DomElement[] =>
  el.children.filter((c): c is DomElement => isElement(c) && names.includes(c.name));

const readTable = (table: DomElement, state: WalkState, out: FlowBuilder, depth: number): void => {
  const rows: FlowCell[][] = [];
  const sections = [table, ...directChildren(table, ['thead', 'tbody', 'tfoot'])];
  for (const caption of directChildren(table, ['caption'])) {
    walkChildren(caption, state, out, depth);
    out.endParagraph();
  }
  for (const section of sections) {
    for (const tr of directChildren(section, ['tr'])) {
      if (isHidden(tr)) continue;
      const cells = directChildren(tr, ['td', 'th'])
        .filter((td) => !isHidden(td))
        .map((td): FlowCell => {
          const inner = new FlowBuilder();
          walkChildren(td, state, inner, depth + 3);
          return { content: inner.finish() };
        });
      rows.push(cells);
    }
  }
  const flow: FlowTable = { kind: 'table', rows };
  out.table(flow);
};

const textIn = (text: string, state: WalkState, out: FlowBuilder): void => {
  if (state.pre) {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (i > 0) out.lineBreak();
      out.text(line);
    });
  } else {
    out.text(text.replace(SEGMENT_BREAK, '$1'));
  }
};

/** The text of a subtree too deep to walk, read with a stack (see MAX_HTML_DEPTH). */
const flatText = (root: DomNode, state: WalkState, out: FlowBuilder): void => {
  const stack: DomNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const text = textOf(node);
    if (text !== null) {
      textIn(text, state, out);
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.name.toLowerCase();
    if (SKIPPED.has(name) || isHidden(node)) continue;
    if (name === 'br') out.lineBreak();
    else if (BLOCKS.has(name) || name === 'table') out.endParagraph();
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
  }
};

const walk = (node: DomNode, state: WalkState, out: FlowBuilder, depth: number): void => {
  const text = textOf(node);
  if (text !== null) {
    textIn(text, state, out);
    return;
  }
  if (!isElement(node)) return;
  if (depth >= MAX_HTML_DEPTH) {
    flatText(node, state, out);
    return;
  }
  const name = node.name.toLowerCase();
  if (SKIPPED.has(name) || isHidden(node)) return;
  if (name === 'img') {
    if (isContentImage(node)) state.images++;
    return;
  }
  if (name === 'br') {
    out.lineBreak();
    return;
  }
  if (name === 'table') {
    readTable(node, state, out, depth);
    return;
  }
  const block = BLOCKS.has(name);
  if (block) out.endParagraph();
  const wasPre = state.pre;
  if (name === 'pre') state.pre = true;
  walkChildren(node, state, out, depth);
  state.pre = wasPre;
  if (block) out.endParagraph();
};

function walkChildren(el: DomElement, state: WalkState, out: FlowBuilder, depth: number): void {
  for (const child of el.children) walk(child, state, out, depth + 1);
}

const META_DATE_NAMES = /^(?:pubdate|publishdate|firstpublishedtime|publishtime|dc\.date)$/i;

/** TRS and other CMS put the date in a meta tag as well: <meta name="PubDate" content="2020-01-20 10:07">. */
const metaDate = (meta: readonly DomElement[]): string | undefined => {
  for (const m of meta) {
    if (!META_DATE_NAMES.test(m.attribs.name ?? '')) continue;
    const date = findPublicationDate(`发布日期：${m.attribs.content ?? ''}`);
    if (date) return date;
  }
  return undefined;
};

const blockTexts = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((r) => r.join(' '))));

export const readHtml = (html: string, encoding?: string): SourceDocument => {
  // htmlparser2 rather than a full HTML5 tree builder: four times faster, and reports are read
  // by their tables and paragraphs, which it closes as browsers do.
  const document = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const body = findElements(document.children, 'body', true)[0];
  const state: WalkState = { images: 0, pre: false };
  const out = new FlowBuilder();
  if (body) walkChildren(body, state, out, 0);
  else for (const child of document.children) walk(child, state, out, 0);
  const blocks = flowToBlocks(out.finish());

  const diagnostics: Diagnostic[] = [];
  if (state.images > 0 && !blocks.some((b) => b.kind === 'table')) {
    diagnostics.push({ level: 'info', message: '文档含图片，表格可能为图片' });
  }
  const printed = blockTexts(blocks)
    .map(findPublicationDate)
    .find((d) => d !== undefined);
  const publishedOn = printed ?? metaDate(findElements(document.children, 'meta', false));
  return {
    format: 'html',
    ...(encoding ? { encoding } : {}),
    blocks,
    ...(publishedOn ? { publishedOn } : {}),
    diagnostics,
  };
};

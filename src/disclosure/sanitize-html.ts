import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * The rich text of an item, cleaned on the server with an allow-list: what is not listed here
 * does not reach a reader's browser. Kept: paragraphs, line breaks, headings h2–h4, lists,
 * tables (colspan, rowspan, scope), strong/em and links to http(s), mailto or a relative
 * address. Dropped with everything inside: script, style, iframe, object, embed, svg, math,
 * forms and the like. Any other element (div, span, font …) is unwrapped: its text stays.
 * Every attribute not listed (on* handlers, style, class, id) is dropped.
 */

type CleanNode = string | { readonly tag: string; readonly attrs: [string, string][]; children: CleanNode[] };

/** Elements kept as they are, with the attributes each may carry. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  h2: [],
  h3: [],
  h4: [],
  ul: [],
  ol: [],
  li: [],
  table: [],
  caption: [],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  strong: [],
  em: [],
  a: ['href'],
};

/** Elements that mean the same as an allowed one. */
const RENAMED: Readonly<Record<string, string>> = { b: 'strong', i: 'em', h1: 'h2', h5: 'h4', h6: 'h4' };

/** Dropped with their content: code, embedded documents, forms, metadata. */
const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'audio',
  'video',
  'canvas',
]);

/** Containers that become a paragraph when they hold only text and inline content. */
const BLOCK_CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'center',
  'pre',
  'address',
  'figure',
  'figcaption',
  'nav',
]);

const BLOCKS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'tr',
  'thead',
  'tbody',
  'tfoot',
]);
const VOID = new Set(['br']);

/** Schemes a link may use; anything else (javascript:, data:, vbscript: …) loses its href. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

export const isSafeHref = (value: string): boolean => {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (compact === '') return false;
  const scheme = /^([^/?#]*?):/.exec(compact);
  if (scheme === null) return true; // relative: /path, ./x, ?q, #frag, page.html
  return SAFE_SCHEMES.has((scheme[1] ?? '').toLowerCase());
};

const cleanAttribute = (tag: string, name: string, value: string): string | null => {
  if (name === 'href') return isSafeHref(value) ? value.trim() : null;
  if (name === 'colspan' || name === 'rowspan') {
    const n = Number(value.trim());
    return Number.isInteger(n) && n >= 1 && n <= 1000 ? String(n) : null;
  }
  if (name === 'scope' && tag === 'th') {
    const v = value.trim().toLowerCase();
    return ['row', 'col', 'rowgroup', 'colgroup'].includes(v) ? v : null;
  }
  return null;
};

const hasBlock = (nodes: readonly CleanNode[]): boolean =>
  nodes.some((n) => typeof n !== 'string' && (BLOCKS.has(n.tag) || hasBlock(n.children)));

const cleanChildren = (nodes: readonly ChildNode[]): CleanNode[] => nodes.flatMap(cleanNode);

function cleanNode(node: ChildNode): CleanNode[] {
  if (isText(node)) return node.data === '' ? [] : [node.data];
  if (!isTag(node)) return []; // comments, CDATA, processing instructions, doctype
  return cleanElement(node);
}

function cleanElement(element: Element): CleanNode[] {
  const name = element.name.toLowerCase();
  if (DROPPED.has(name)) return [];
  const tag = RENAMED[name] ?? name;
  const allowedAttributes = ALLOWED[tag];
  const children = VOID.has(tag) ? [] : cleanChildren(element.children);
  if (allowedAttributes === undefined) {
    if (BLOCK_CONTAINERS.has(name) && !hasBlock(children)) {
      return children.length === 0 ? [] : [{ tag: 'p', attrs: [], children }];
    }
    return children;
  }
  const attrs: [string, string][] = [];
  for (const attribute of allowedAttributes) {
    const raw = element.attribs[attribute];
    if (raw === undefined) continue;
    const value = cleanAttribute(tag, attribute, raw);
    if (value !== null) attrs.push([attribute, value]);
  }
  // A link that lost its address is only its text.
  if (tag === 'a' && attrs.length === 0) return children;
  return [{ tag, attrs, children }];
}

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

const serialize = (nodes: readonly CleanNode[]): string =>
  nodes
    .map((node) => {
      if (typeof node === 'string') return escapeText(node);
      const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
      if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
      return `<${node.tag}${attrs}>${serialize(node.children)}</${node.tag}>`;
    })
    .join('');

/** Blocks end a line, cells are set apart by a space, runs of white space collapse. */
const textOf = (nodes: readonly CleanNode[]): string =>
  nodes
    .map((node) => {
      if (typeof node === 'string') return node.replace(/\s+/g, ' ');
      if (node.tag === 'br') return '\n';
      const inner = textOf(node.children);
      if (node.tag === 'td' || node.tag === 'th') return ` ${inner} `;
      return BLOCKS.has(node.tag) ? `\n${inner}\n` : inner;
    })
    .join('');

const tidyText = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');

const parse = (html: string): CleanNode[] =>
  cleanChildren(parseDocument(html, { decodeEntities: true, lowerCaseTags: true }).children);

export interface CleanRichText {
  /** The HTML that may be sent to a browser as it is. */
  readonly html: string;
  /** The text a reader sees, one line per block: for search and snippets. */
  readonly text: string;
}

/** Cleans rich text once and gives both its safe HTML and its plain text. */
export const cleanRichText = (html: string): CleanRichText => {
  const nodes = parse(html);
  return { html: serialize(nodes), text: tidyText(textOf(nodes)) };
};

/** The allow-listed HTML of `html`; cleaning it again changes nothing. */
export const sanitizeHtml = (html: string): string => serialize(parse(html));

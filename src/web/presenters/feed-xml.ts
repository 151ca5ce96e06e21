import type { FeedEntry } from '../../disclosure/catalogue-items.ts';

/**
 * RSS 2.0, Atom and sitemap documents, written as text. Every value goes through `xml()`,
 * and characters XML 1.0 forbids (control characters a pasted title may carry) are dropped,
 * so that a feed always parses.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Text or an attribute value, escaped for XML (and without the characters XML forbids). */
export const xml = (value: string): string =>
  value
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export interface FeedMeta {
  /** e.g. 'https://gongkai.example.cn' — no trailing slash. */
  origin: string;
  title: string;
  description: string;
  /** The page the feed follows, a path ('/agencies/2/catalogue'). */
  pagePath: string;
  /** The feed's own path with its query ('/agencies/2/feed.atom?category=3'). */
  selfPath: string;
  /** A stable id for the Atom feed. */
  id: string;
}

const itemPath = (e: FeedEntry) => `/agencies/${e.agencyId}/items/${e.id}`;

/** 'YYYY-MM-DD' (a Beijing day) as RFC 822, midnight in Beijing. */
const rfc822 = (day: string): string => new Date(`${day}T00:00:00+08:00`).toUTCString();
const rfc3339 = (day: string): string => `${day}T00:00:00+08:00`;

export const rssFeed = (meta: FeedMeta, entries: readonly FeedEntry[]): string => {
  const items = entries.map((e) => {
    const link = xml(`${meta.origin}${itemPath(e)}`);
    return [
      '<item>',
      `<title>${xml(e.title)}</title>`,
      `<link>${link}</link>`,
      `<guid isPermaLink="true">${link}</guid>`,
      `<pubDate>${rfc822(e.publishedOn)}</pubDate>`,
      `<description>${xml(e.documentNumber ? `${e.documentNumber} ${e.summary}` : e.summary)}</description>`,
      '</item>',
    ].join('');
  });
  const latest = entries[0]?.publishedOn;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(meta.title)}</title>`,
    `<link>${xml(`${meta.origin}${meta.pagePath}`)}</link>`,
    `<atom:link href="${xml(`${meta.origin}${meta.selfPath}`)}" rel="self" type="application/rss+xml"/>`,
    `<description>${xml(meta.description)}</description>`,
    '<language>zh-CN</language>',
    latest ? `<lastBuildDate>${rfc822(latest)}</lastBuildDate>` : '',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
};

export const atomFeed = (meta: FeedMeta, entries: readonly FeedEntry[]): string => {
  const updated = entries[0] ? rfc3339(entries[0].publishedOn) : '2019-01-01T00:00:00+08:00';
  const items = entries.map((e) => {
    const link = xml(`${meta.origin}${itemPath(e)}`);
    return [
      '<entry>',
      `<title>${xml(e.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${link}"/>`,
      `<id>${link}</id>`,
      `<published>${rfc3339(e.publishedOn)}</published>`,
      `<updated>${rfc3339(e.publishedOn)}</updated>`,
      `<summary>${xml(e.documentNumber ? `${e.documentNumber} ${e.summary}` : e.summary)}</summary>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${xml(meta.title)}</title>`,
    `<subtitle>${xml(meta.description)}</subtitle>`,
    `<link rel="alternate" type="text/html" href="${xml(`${meta.origin}${meta.pagePath}`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(`${meta.origin}${meta.selfPath}`)}"/>`,
    `<id>${xml(meta.id)}</id>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xml(meta.title)}</name></author>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
};

export interface SitemapUrl {
  path: string;
  lastModified?: string;
}

export const sitemap = (origin: string, urls: readonly SitemapUrl[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (u) =>
        `<url><loc>${xml(`${origin}${u.path}`)}</loc>${u.lastModified ? `<lastmod>${u.lastModified}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');

export const sitemapIndex = (origin: string, paths: readonly string[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...paths.map((p) => `<sitemap><loc>${xml(`${origin}${p}`)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');

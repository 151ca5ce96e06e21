import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { foldLabel } from '../../../src/reports/parse/extract/normalize.ts';
import { readDocx } from '../../../src/reports/parse/formats/docx.ts';
import { readDocumentXml } from '../../../src/reports/parse/formats/docx-xml.ts';
import { type FlowItem, flowToBlocks } from '../../../src/reports/parse/formats/flow.ts';
import { MAX_HTML_DEPTH, readHtml } from '../../../src/reports/parse/formats/html.ts';
import { readText } from '../../../src/reports/parse/formats/text.ts';
import { parseReport } from '../../../src/reports/parse/index.ts';

/**
 * Inputs the fault test of the audit batch (scripts/audit-fault-test.ts) found a parser choking
 * on: regular expressions that backtrack quadratically, and recursion as deep as the markup.
 * Each case took seconds to minutes, or overflowed the stack, before its fix.
 */

const timed = <T>(f: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

describe('text that made a regular expression backtrack', () => {
  it('reads a 15 MB line of spaces and a letter (it overflowed the stack: /\\s+$/ on every run)', () => {
    const { value, ms } = timed(() => readText(`${' '.repeat(15 * 1024 * 1024)}x\n`));
    expect(value.blocks).toEqual([{ kind: 'paragraph', text: 'x' }]);
    expect(ms).toBeLessThan(3000);
  });

  it('reads 200,000 spaces then a letter in linear time (it took about 40 s)', () => {
    const { value, ms } = timed(() => readText(`标题\n${' '.repeat(200_000)}x  \n`));
    expect(value.blocks).toEqual([
      { kind: 'paragraph', text: '标题' },
      { kind: 'paragraph', text: 'x' },
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('folds a label of 300,000 full stops and a letter in linear time (it took minutes)', () => {
    const { value, ms } = timed(() => foldLabel(`${'。'.repeat(300_000)}x`));
    expect(value).toHaveLength(300_001);
    expect(ms).toBeLessThan(1000);
    expect(foldLabel('总计。：；')).toBe('总计');
    expect(foldLabel('一、总体情况:')).toBe('一、总体情况');
  });

  it('reads document.xml of a million "<a" without ">" in linear time (every "<" scanned to the end)', () => {
    const { value, ms } = timed(() => readDocumentXml(`<w:p><w:r><w:t>${'<a'.repeat(1 << 20)}`));
    expect(value.items).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('reads unterminated comments, instructions and CDATA in linear time, and well-formed XML as before', () => {
    for (const open of ['<!--', '<?x ', '<![CDATA[', '<!DOCTYPE ']) {
      const { ms } = timed(() =>
        readDocumentXml(`<w:p><w:r><w:t>a</w:t></w:r></w:p>${open.repeat(300_000)}`),
      );
      expect(ms, open).toBeLessThan(2000);
    }
    const xml =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY lol "lol">]><w:document><!-- note --><w:body>' +
      '<w:p><w:r><w:t xml:space="preserve" a=\'1\'>鼓楼区&amp;</w:t></w:r><w:r><w:t><![CDATA[<b>]]>&lol;</w:t></w:r></w:p>' +
      '</w:body></w:document>';
    expect(readDocumentXml(xml).items).toEqual([{ kind: 'paragraph', lines: ['鼓楼区&<b>&lol;'] }]);
  });
});

describe('markup nested deeper than a stack', () => {
  it('reads the text of 30,000 nested <div>s (it overflowed the stack)', () => {
    const html = `<html><body><p>前言</p>${'<div>'.repeat(30_000)}深处${'</div>'.repeat(30_000)}<p>结尾</p></body></html>`;
    const doc = readHtml(html);
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : 'table'))).toEqual([
      '前言',
      '深处',
      '结尾',
    ]);
  });

  it('still reads a table below the depth limit as a table, and one beyond it as text', () => {
    const table = '<table><tr><td>规章</td><td>3</td></tr><tr><td>规范性文件</td><td>5</td></tr></table>';
    const shallow = readHtml(`<html><body>${'<div>'.repeat(50)}${table}</body></html>`);
    expect(shallow.blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['规章', '3'],
          ['规范性文件', '5'],
        ],
        rowsKnown: true,
      },
    ]);
    const deep = readHtml(`<html><body>${'<div>'.repeat(MAX_HTML_DEPTH + 10)}${table}</body></html>`);
    expect(deep.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
    expect(deep.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join(' ')).toContain('规范性文件');
  });

  it('reads 10,000 nested tables without overflowing', () => {
    const doc = readHtml(`<html><body>${'<table><tr><td>'.repeat(10_000)}x</body></html>`);
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'x' }]);
  });

  it('reads a DOCX whose tables nest 100,000 deep (flowToBlocks recursed into each)', () => {
    const xml = `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(100_000)}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': new TextEncoder().encode(xml) });
    expect(readDocx(docx).blocks).toEqual([{ kind: 'paragraph', text: 'x' }]);
  });

  it('keeps the order of paragraphs through nested layout tables', () => {
    let item: FlowItem = { kind: 'paragraph', lines: ['底'] };
    for (let i = 0; i < 50_000; i++) {
      item = {
        kind: 'table',
        rows: [[{ content: [{ kind: 'paragraph', lines: [`上${i}`] }, item] }]],
      };
    }
    const blocks = flowToBlocks([item, { kind: 'paragraph', lines: ['后'] }]);
    expect(blocks).toHaveLength(50_002);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '上49999' });
    expect(blocks.slice(-2)).toEqual([
      { kind: 'paragraph', text: '底' },
      { kind: 'paragraph', text: '后' },
    ]);
  });

  it('fails a page of nested tags as "not a report", not with a stack overflow', async () => {
    const html = `<html><body>${'<span>'.repeat(30_000)}x</body></html>`;
    const outcome = await parseReport(new TextEncoder().encode(html));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/不是政府信息公开工作年度报告/);
  });
});

import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { foldRadicals } from './cjk-radicals.ts';

/**
 * What one PDF page gives the layout step: its pieces of text with their positions, the
 * straight lines it draws (the rulings of tables), and how many images it paints. All in
 * the page's own coordinates: x to the right, y upwards.
 */

export interface PdfText {
  readonly text: string;
  /** Left end of the baseline. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size. */
  readonly size: number;
}

/** A horizontal (y1 === y2) or vertical (x1 === x2) line, x1 <= x2 and y1 <= y2. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface PageContent {
  readonly texts: readonly PdfText[];
  readonly segments: readonly Segment[];
  readonly images: number;
}

/** The operator numbers this module needs, from pdfjs's OPS table. */
export interface PdfOps {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly constructPath: number;
  readonly endPath: number;
  readonly stroke: number;
  readonly closeStroke: number;
  readonly fill: number;
  readonly eoFill: number;
  readonly fillStroke: number;
  readonly eoFillStroke: number;
  readonly closeFillStroke: number;
  readonly closeEOFillStroke: number;
  readonly paintFormXObjectBegin: number;
  readonly paintFormXObjectEnd: number;
  readonly paintImageXObject: number;
  readonly paintInlineImageXObject: number;
  readonly paintImageMaskXObject: number;
  readonly paintImageXObjectRepeat: number;
}

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

const asMatrix = (v: unknown): Matrix | null => {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return null;
  const a = Array.from(v as ArrayLike<unknown>);
  if (a.length < 6 || !a.slice(0, 6).every((n) => typeof n === 'number')) return null;
  return a.slice(0, 6) as unknown as Matrix;
};

const numbers = (v: unknown): ArrayLike<number> | null => {
  if (v instanceof Float32Array || v instanceof Float64Array) return v;
  if (Array.isArray(v) && v.every((n) => typeof n === 'number')) return v as number[];
  return null;
};

/** pdfjs's path buffer codes (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** Strokes thinner than this are rulings when filled as rectangles (how Chromium draws borders). */
const THIN = 3;
const AXIS = 0.5;

const segment = (x1: number, y1: number, x2: number, y2: number): Segment => ({
  x1: Math.min(x1, x2),
  y1: Math.min(y1, y2),
  x2: Math.max(x1, x2),
  y2: Math.max(y1, y2),
});

/** The straight axis-aligned lines a painted path draws. */
const pathSegments = (buffer: ArrayLike<number>, ctm: Matrix, filled: boolean, out: Segment[]): void => {
  let points: [number, number][] = [];
  let curved = false;
  const flush = (): void => {
    if (points.length >= 2 && !curved) {
      if (filled) filledSegments(points, out);
      else strokedSegments(points, out);
    }
    points = [];
    curved = false;
  };
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i];
    if (op === MOVE) {
      flush();
      points.push(apply(ctm, buffer[i + 1] ?? 0, buffer[i + 2] ?? 0));
      i += 3;
    } else if (op === LINE) {
      points.push(apply(ctm, buffer[i + 1] ?? 0, buffer[i + 2] ?? 0));
      i += 3;
    } else if (op === CURVE) {
      curved = true;
      i += 7;
    } else if (op === QUAD) {
      curved = true;
      i += 5;
    } else if (op === CLOSE) {
      const first = points[0];
      if (first) points.push(first);
      i += 1;
    } else {
      break;
    }
  }
  flush();
};

const strokedSegments = (points: readonly [number, number][], out: Segment[]): void => {
  for (let k = 1; k < points.length; k++) {
    const [ax, ay] = points[k - 1] ?? [0, 0];
    const [bx, by] = points[k] ?? [0, 0];
    if (Math.abs(ay - by) < AXIS && Math.abs(ax - bx) >= AXIS) out.push(segment(ax, ay, bx, ay));
    else if (Math.abs(ax - bx) < AXIS && Math.abs(ay - by) >= AXIS) out.push(segment(ax, ay, ax, by));
  }
};

/** A thin filled rectangle is a line along its long side. */
const filledSegments = (points: readonly [number, number][], out: Segment[]): void => {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x1 = Math.min(...xs);
  const x2 = Math.max(...xs);
  const y1 = Math.min(...ys);
  const y2 = Math.max(...ys);
  const w = x2 - x1;
  const h = y2 - y1;
  if (h <= THIN && w > h) out.push(segment(x1, (y1 + y2) / 2, x2, (y1 + y2) / 2));
  else if (w <= THIN && h > w) out.push(segment((x1 + x2) / 2, y1, (x1 + x2) / 2, y2));
};

const readSegments = (
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: PdfOps,
): { segments: Segment[]; images: number } => {
  const segments: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let images = 0;
  const stroking = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const filling = new Set([ops.fill, ops.eoFill]);
  const imaging = new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintImageMaskXObject,
    ops.paintImageXObjectRepeat,
  ]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === ops.save) {
      stack.push(ctm);
    } else if (fn === ops.restore) {
      ctm = stack.pop() ?? IDENTITY;
    } else if (fn === ops.transform) {
      const m = asMatrix(args);
      if (m) ctm = multiply(ctm, m);
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = Array.isArray(args) ? asMatrix(args[0]) : null;
      if (m) ctm = multiply(ctm, m);
    } else if (fn === ops.paintFormXObjectEnd) {
      ctm = stack.pop() ?? IDENTITY;
    } else if (fn === ops.constructPath && Array.isArray(args)) {
      const paint = args[0];
      const data: unknown = args[1];
      const buffer = Array.isArray(data) ? numbers(data[0]) : null;
      if (typeof paint !== 'number' || !buffer) continue;
      if (stroking.has(paint)) pathSegments(buffer, ctm, false, segments);
      else if (filling.has(paint)) pathSegments(buffer, ctm, true, segments);
    } else if (fn !== undefined && imaging.has(fn)) {
      images++;
    }
  }
  return { segments, images };
};

/** The quarter turn (0–3) that most of the page's text is written at: a landscape table laid on a portrait page. */
const quarterTurn = (directions: readonly (readonly [number, number, number])[]): number => {
  const votes = [0, 0, 0, 0];
  for (const [dx, dy, weight] of directions) {
    const turn = Math.round(Math.atan2(dy, dx) / (Math.PI / 2));
    votes[(turn + 4) % 4] = (votes[(turn + 4) % 4] ?? 0) + weight;
  }
  return votes.indexOf(Math.max(...votes));
};

/** Turns a point back by `turn` quarter turns, so that the text reads left to right again. */
const turnBack = (turn: number, x: number, y: number): [number, number] => {
  if (turn === 1) return [y, -x];
  if (turn === 2) return [-x, -y];
  if (turn === 3) return [-y, x];
  return [x, y];
};

const turnSegment = (turn: number, s: Segment): Segment => {
  const [x1, y1] = turnBack(turn, s.x1, s.y1);
  const [x2, y2] = turnBack(turn, s.x2, s.y2);
  return segment(x1, y1, x2, y2);
};

export const readPageContent = async (page: PDFPageProxy, ops: PdfOps): Promise<PageContent> => {
  const content = await page.getTextContent();
  const items: { text: string; m: Matrix; width: number; height: number }[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    items.push({
      text: foldRadicals(item.str),
      m: asMatrix(item.transform) ?? IDENTITY,
      width: item.width,
      height: item.height,
    });
  }
  const turn = quarterTurn(items.map(({ m, text }) => [m[0], m[1], text.length] as const));
  const texts = items.map(({ text, m, width, height }): PdfText => {
    const [x, y] = turnBack(turn, m[4], m[5]);
    return { text, x, y, width, size: Math.hypot(m[2], m[3]) || height || 10 };
  });
  const list = await page.getOperatorList();
  const read = readSegments(list.fnArray, list.argsArray, ops);
  const segments = turn === 0 ? read.segments : read.segments.map((s) => turnSegment(turn, s));
  return { texts, segments, images: read.images };
};

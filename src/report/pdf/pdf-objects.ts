/**
 * Reading and patching the PDFs Chromium writes (Skia: PDF 1.4, a classic cross-reference table, plain-text object
 * dictionaries, no object streams). Just enough for the report:
 * - destinationPages: the page of each named destination (the section anchors), for the table of contents;
 * - replacePage: swap one page for a page of another Chromium PDF, as an incremental update (new objects appended,
 *   the page's object number redefined, a new xref section with /Prev), so the bytes before it stay untouched.
 * Everything works on latin1 strings: one character per byte, so offsets are byte offsets.
 */

interface PdfObject {
  num: number;
  /** The dictionary (or other value) text between "N 0 obj" and "stream"/"endobj". */
  dict: string;
  /** Everything after the dictionary up to (not including) "endobj": "stream\n…\nendstream\n" or whitespace. */
  rest: string;
}

interface ParsedPdf {
  text: string;
  objects: Map<number, PdfObject>;
  trailer: string;
  startxref: number;
}

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');

/** Index just past a PDF dictionary or value starting at `from` (skips strings and nested dictionaries). */
function endOfValue(text: string, from: number): number {
  let i = from;
  let depth = 0;
  let started = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '(') {
      // literal string: balanced parentheses, backslash escapes
      let nest = 0;
      for (; i < text.length; i++) {
        const d = text[i]!;
        if (d === '\\') i++;
        else if (d === '(') nest++;
        else if (d === ')' && --nest === 0) break;
      }
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      depth++;
      started = true;
      i += 2;
      continue;
    }
    if (c === '>' && text[i + 1] === '>') {
      depth--;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    if (c === '<') {
      i = text.indexOf('>', i) + 1;
      continue;
    }
    if (!started && (text.startsWith('endobj', i) || text.startsWith('stream', i))) return i;
    i++;
  }
  return i;
}

/** Calls `fn` for every indirect reference "N G R" outside strings; returns the text with the replacements. */
function mapRefs(dict: string, fn: (num: number) => string): string {
  let out = '';
  let i = 0;
  while (i < dict.length) {
    const c = dict[i]!;
    if (c === '(') {
      const start = i;
      let nest = 0;
      for (; i < dict.length; i++) {
        const d = dict[i]!;
        if (d === '\\') i++;
        else if (d === '(') nest++;
        else if (d === ')' && --nest === 0) break;
      }
      i++;
      out += dict.slice(start, i);
      continue;
    }
    const m = /^(\d+) (\d+) R(?![A-Za-z0-9])/.exec(dict.slice(i, i + 24));
    if (m && (i === 0 || !/[0-9.]/.test(dict[i - 1]!))) {
      out += fn(Number(m[1]));
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function refsOf(dict: string): number[] {
  const refs: number[] = [];
  mapRefs(dict, (n) => {
    refs.push(n);
    return '';
  });
  return refs;
}

function parsePdf(pdf: Uint8Array): ParsedPdf {
  const text = latin1(pdf);
  const sx = text.lastIndexOf('startxref');
  if (sx === -1) throw new Error('PDF: no startxref');
  const startxref = Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]);
  const objects = new Map<number, PdfObject>();
  let trailer = '';
  // Follow the xref sections from the newest back through /Prev; the newest definition of an object wins.
  const seen = new Set<number>();
  let at: number | null = startxref;
  while (at !== null && !seen.has(at)) {
    seen.add(at);
    if (!text.startsWith('xref', at)) throw new Error('PDF: cross-reference streams are not supported');
    let i = at + 4;
    const trailerAt = text.indexOf('trailer', i);
    const table = text.slice(i, trailerAt);
    const lines = table.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
    let num = 0;
    for (const line of lines) {
      const head = /^(\d+) (\d+)$/.exec(line);
      if (head) {
        num = Number(head[1]);
        continue;
      }
      const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(line);
      if (!entry) continue;
      if (entry[3] === 'n' && !objects.has(num)) {
        const offset = Number(entry[1]);
        const header = /^(\d+) (\d+) obj\s*/.exec(text.slice(offset, offset + 40));
        if (header) {
          const dictStart = offset + header[0].length;
          const dictEnd = endOfValue(text, dictStart);
          const dict = text.slice(dictStart, dictEnd);
          objects.set(num, { num, dict, rest: text.slice(dictEnd, endOfObject(text, dict, dictEnd)) });
        }
      }
      num++;
    }
    const tEnd = endOfValue(text, text.indexOf('<<', trailerAt));
    const t = text.slice(trailerAt, tEnd);
    trailer ||= t;
    const prev = /\/Prev (\d+)/.exec(t);
    at = prev ? Number(prev[1]) : null;
    i = tEnd;
  }
  return { text, objects, trailer, startxref };
}

/** Where "endobj" starts: after the stream data (by its /Length) when the object is a stream. */
function endOfObject(text: string, dict: string, dictEnd: number): number {
  const stream = /^\s*stream\r?\n/.exec(text.slice(dictEnd, dictEnd + 16));
  if (stream) {
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    if (!length) throw new Error('PDF: a stream without a direct /Length');
    const dataEnd = dictEnd + stream[0].length + Number(length[1]);
    const end = text.indexOf('endobj', text.indexOf('endstream', dataEnd));
    if (end === -1) throw new Error('PDF: unterminated stream');
    return end;
  }
  return text.indexOf('endobj', dictEnd);
}

/** The integer value of /key (e.g. /StructParents 3), or null. */
function structKey(dict: string, key: string): string | null {
  return new RegExp(`/${key}\\s+(\\d+)`).exec(dict)?.[1] ?? null;
}

/** The indirect references in a page's /Annots array, in order (empty when it has none or they are inline). */
function annotRefs(dict: string): number[] {
  const m = /\/Annots\s*\[([^\]]*)\]/.exec(dict);
  return m ? [...m[1]!.matchAll(/(\d+) 0 R/g)].map((r) => Number(r[1])) : [];
}

function refIn(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
}

/** Page object numbers in page order, walking the page tree from the catalog. */
function pageOrder(pdf: ParsedPdf): number[] {
  const root = refIn(pdf.trailer, 'Root');
  const catalog = root !== null ? pdf.objects.get(root) : undefined;
  const pagesRef = catalog ? refIn(catalog.dict, 'Pages') : null;
  const pages: number[] = [];
  const walk = (n: number, depth: number) => {
    const obj = pdf.objects.get(n);
    if (!obj || depth > 32) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(obj.dict);
    if (/\/Type\s*\/Pages\b/.test(obj.dict) && kids) {
      for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else pages.push(n);
  };
  if (pagesRef !== null) walk(pagesRef, 0);
  return pages;
}

/** Number of pages. */
export function pageCount(pdf: Uint8Array): number {
  return pageOrder(parsePdf(pdf)).length;
}

/** 1-based page of each named destination in the catalog's /Dests; empty when there are none. */
export function destinationPages(pdf: Uint8Array): Record<string, number> {
  return destinationsOf(parsePdf(pdf));
}

function destinationsOf(parsed: ParsedPdf): Record<string, number> {
  const order = pageOrder(parsed);
  const root = refIn(parsed.trailer, 'Root');
  const catalog = root !== null ? parsed.objects.get(root) : undefined;
  const destsRef = catalog ? refIn(catalog.dict, 'Dests') : null;
  const dests = destsRef !== null ? parsed.objects.get(destsRef) : undefined;
  if (!dests) return {};
  const pageIndex = new Map(order.map((n, i) => [n, i + 1]));
  const out: Record<string, number> = {};
  for (const m of dests.dict.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const name = m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const page = pageIndex.get(Number(m[2]));
    if (page !== undefined) out[name] = page;
  }
  return out;
}

/**
 * Replaces page `page` (1-based) of `target` with page `sourcePage` of `source`, as an incremental update: the
 * source page's objects (content, fonts, annotations, …) are appended under new numbers and the target page's object
 * number is redefined. Named destinations in the copied links resolve against the target's catalog.
 */
export function replacePage(target: Uint8Array, page: number, source: Uint8Array, sourcePage: number): Uint8Array {
  return replacePageOf(parsePdf(target), page, parsePdf(source), sourcePage);
}

/**
 * One PDF read once: its pages, named destinations, and page replacement, without parsing it again for each (a tagged
 * 116-page report is 4.4 MB and takes ~0.1 s per parse).
 */
export class PdfFile {
  private readonly parsed: ParsedPdf;
  constructor(bytes: Uint8Array) {
    this.parsed = parsePdf(bytes);
  }
  get pageCount(): number {
    return pageOrder(this.parsed).length;
  }
  destinationPages(): Record<string, number> {
    return destinationsOf(this.parsed);
  }
  /** This PDF with page `page` (1-based) replaced by page `sourcePage` of `source`. */
  replacePage(page: number, source: PdfFile, sourcePage: number): Uint8Array {
    return replacePageOf(this.parsed, page, source.parsed, sourcePage);
  }
}

function replacePageOf(t: ParsedPdf, page: number, s: ParsedPdf, sourcePage: number): Uint8Array {
  const targetPage = pageOrder(t)[page - 1];
  const sourcePageNum = pageOrder(s)[sourcePage - 1];
  if (targetPage === undefined || sourcePageNum === undefined) throw new Error('PDF page replacement: no such page');
  const parent = refIn(t.objects.get(targetPage)!.dict, 'Parent');
  const size = Number(/\/Size (\d+)/.exec(t.trailer)?.[1]);
  if (parent === null || !Number.isFinite(size)) throw new Error('PDF page replacement: unexpected page tree');

  // Everything the source page needs, except its parent (the target's page tree takes its place).
  const needed = new Set<number>([sourcePageNum]);
  const queue = [sourcePageNum];
  while (queue.length) {
    const n = queue.pop()!;
    const obj = s.objects.get(n);
    if (!obj) throw new Error(`PDF page replacement: object ${n} is missing`);
    const dict = n === sourcePageNum ? obj.dict.replace(/\/Parent\s+\d+ 0 R/, '') : obj.dict;
    for (const r of refsOf(dict)) {
      if (!needed.has(r)) {
        needed.add(r);
        queue.push(r);
      }
    }
  }
  const renumber = new Map<number, number>();
  let next = size;
  for (const n of [...needed].sort((a, b) => a - b)) renumber.set(n, n === sourcePageNum ? targetPage : next++);

  // A tagged PDF ties each page's marked content (/StructParents) and each link annotation (/StructParent) to its
  // structure tree. The new page keeps the target page's numbers, so the target's tree still describes it (the
  // contents page prints the same elements in the same order in both PDFs; only the page numbers differ).
  const structParents = new Map<number, string | null>([[sourcePageNum, structKey(t.objects.get(targetPage)!.dict, 'StructParents')]]);
  const targetAnnots = annotRefs(t.objects.get(targetPage)!.dict);
  annotRefs(s.objects.get(sourcePageNum)!.dict).forEach((ref, i) => {
    const match = targetAnnots[i];
    structParents.set(ref, match !== undefined ? structKey(t.objects.get(match)?.dict ?? '', 'StructParent') : null);
  });

  let out = t.text.endsWith('\n') ? t.text : `${t.text}\n`;
  const offsets = new Map<number, number>();
  for (const n of [...needed].sort((a, b) => renumber.get(a)! - renumber.get(b)!)) {
    const obj = s.objects.get(n)!;
    let dict = obj.dict;
    if (structParents.has(n)) {
      const key = n === sourcePageNum ? 'StructParents' : 'StructParent';
      const value = structParents.get(n);
      dict = dict.replace(new RegExp(`/${key}\\s+\\d+`), value === null || value === undefined ? '' : `/${key} ${value}`);
    }
    if (n === sourcePageNum) dict = dict.replace(/\/Parent\s+\d+ 0 R/, '/Parent \u0000PARENT\u0000');
    dict = mapRefs(dict, (r) => `${renumber.get(r)} 0 R`).replace('\u0000PARENT\u0000', `${parent} 0 R`);
    const num = renumber.get(n)!;
    offsets.set(num, out.length);
    out += `${num} 0 obj\n${dict}${obj.rest}endobj\n`;
  }
  const xrefAt = out.length;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    xref += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const root = refIn(t.trailer, 'Root');
  const info = refIn(t.trailer, 'Info');
  out += `${xref}trailer\n<</Size ${next}\n/Root ${root} 0 R${info !== null ? `\n/Info ${info} 0 R` : ''}\n/Prev ${t.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

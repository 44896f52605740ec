/**
 * Prints the report HTML to PDF with puppeteer-core and a local Chromium: JavaScript off, every request that is not a
 * data: URL refused, the report's @page rules for size, margins, running header and "Page N of M" footer, a table of
 * contents with page numbers (the contents page printed again once the sections are placed, and swapped in), the
 * document dates pinned to the report date, and a time limit. puppeteer-core is imported lazily: only
 * `calint report --format pdf` loads it.
 */
import { importModule } from '../../load/import-module.js';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../load/errors.js';
import type { TocPages } from '../html/render-html.js';
import type { PageSize } from '../html/view-model.js';
import type { FoundBrowser } from './find-browser.js';
import { pinPdfDates } from './normalize-pdf.js';
import { PdfFile } from './pdf-objects.js';

export class PdfTimeoutError extends InputError {}

export interface PrintJob {
  /**
   * The report HTML, its contents with a placeholder page number in every row (the contents page printed later, with
   * the real numbers, must hold the same elements in the same order for the tagged PDF's structure tree to fit it).
   */
  html: string;
  /** Renders only the contents page, with the section pages the first print placed and its own page label. */
  tocHtml: (tocPages: TocPages, pageLabel: string) => Promise<string>;
  /** The contents page's anchor, and the section anchors whose page numbers it shows. */
  tocAnchor: string;
  tocAnchors: string[];
  pageSize: PageSize;
  /** The report date: the PDF's CreationDate and ModDate. */
  date: Date;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  /** URLs the page tried to load and was refused (a self-contained report has none). */
  blocked: string[];
}

/** Chromium flags for headless printing; --no-sandbox only as root, where Chromium refuses to start without it. */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-extensions',
    '--font-render-hinting=none',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? text).trim().slice(0, 300);
}

type Browser = import('puppeteer-core').Browser;
type Page = import('puppeteer-core').Page;

/**
 * A browser for printing, started as soon as it is known that a PDF is wanted, so that its start-up overlaps the lint
 * and the HTML rendering. Always close() it (also after an error).
 */
export class PdfPrinter {
  private browser: Browser | null = null;
  private profile: string | null = null;
  private closed = false;
  private finished = false;
  private readonly ready: Promise<Page>;
  readonly blocked: string[] = [];

  constructor(
    readonly found: FoundBrowser,
    readonly timeoutMs: number,
  ) {
    this.ready = this.start();
    this.ready.catch(() => undefined); // reported by print(); never an unhandled rejection
  }

  private get where(): string {
    return `${this.found.path} (found via ${this.found.source})`;
  }

  private async start(): Promise<Page> {
    const { default: puppeteer } = await importModule<typeof import('puppeteer-core')>('puppeteer-core');
    // A profile folder of our own, removed in close(): puppeteer removes its temporary one only if it sees the
    // process exit before node does.
    this.profile = mkdtempSync(path.join(os.tmpdir(), 'calint-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.found.path,
        userDataDir: this.profile,
        headless: true,
        pipe: true,
        args: chromiumArgs(typeof process.getuid === 'function' && process.getuid() === 0),
        // Puppeteer's own limits only keep a broken browser from hanging forever; --timeout is enforced by print().
        timeout: Math.max(this.timeoutMs, 30_000),
        protocolTimeout: Math.max(this.timeoutMs, 30_000),
        handleSIGINT: true,
        handleSIGTERM: true,
        handleSIGHUP: true,
      });
    } catch (e) {
      throw new InputError(`could not start the browser ${this.where}: ${firstLine((e as Error)?.message ?? String(e))}; point --chrome-path at a working Chrome or Chromium`);
    }
    this.browser = browser;
    if (this.closed) {
      const child = browser.process();
      if (child) await stop(child);
      throw new Error('closed');
    }
    // The tab the browser opened with: a new one costs another 100 ms or more.
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    page.setDefaultTimeout(Math.max(this.timeoutMs, 30_000));
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:')) void request.continue();
      else {
        this.blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    return page;
  }

  /** Prints the report, with the page numbers in its contents; rejects with PdfTimeoutError after timeoutMs. */
  async print(job: PrintJob): Promise<PrintResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new PdfTimeoutError(
            `PDF printing did not finish within ${this.timeoutMs / 1000} s with ${this.where}; retry with a longer --timeout, ` +
              `or check that the browser starts: "${this.found.path} --headless --no-sandbox --dump-dom about:blank"`,
          ),
        );
        this.kill();
      }, this.timeoutMs);
    });
    const work = this.printNow(job);
    work.catch(() => undefined); // after a timeout the browser is killed and this rejects: already reported
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async printNow(job: PrintJob): Promise<PrintResult> {
    const page = await this.ready;
    const print = async (html: string): Promise<Uint8Array> => {
      await this.load(page, html);
      // Page size, margins, running header and footer with page numbers come from the report's own @page rules. Tagged
      // (headings, paragraphs, tables and links in a structure tree, for screen readers and text extraction) and with
      // an outline (bookmarks from the headings).
      return page.pdf({ format: job.pageSize, preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: true, timeout: Math.max(this.timeoutMs, 30_000) });
    };
    // The whole report once; its named destinations say where each section landed. The contents page is then printed
    // alone with those page numbers (it sits on a page of its own, so its layout is the same) and swapped in: a second
    // print of the whole report would double the time.
    const pdf = await print(job.html);
    // Reading and patching the PDF is best effort: should a browser write a PDF this code does not understand, the
    // contents simply keep no page numbers.
    const read = <T>(f: () => T, fallback: T): T => {
      try {
        return f();
      } catch {
        return fallback;
      }
    };
    const file = read(() => new PdfFile(pdf), null);
    const placed = file ? read(() => file.destinationPages(), {} as Record<string, number>) : {};
    const total = file ? read(() => file.pageCount, 0) : 0;
    const tocPage = placed[job.tocAnchor];
    const pages: TocPages = Object.fromEntries(job.tocAnchors.filter((a) => placed[a] !== undefined).map((a) => [a, placed[a]!]));
    let final = pdf;
    if (file && tocPage !== undefined && Object.keys(pages).length > 0) {
      const tocPdf = await print(await job.tocHtml(pages, `Page ${tocPage} of ${total}`));
      const tocFile = read(() => new PdfFile(tocPdf), null);
      if (tocFile && read(() => tocFile.pageCount, 0) === 1) final = read(() => file.replacePage(tocPage, tocFile, 1), pdf);
    }
    return { pdf: pinPdfDates(final, job.date), pages: total, blocked: [...this.blocked] };
  }

  private frameId: string | null | undefined;

  /**
   * Puts the HTML in the page. CDP Page.setDocumentContent parses it in one go (≈ 0.1 s for a 195-policy report);
   * puppeteer's setContent writes it through document.write and waits for the load event (≈ 0.45 s). The latter is
   * the fallback should a browser not offer the former.
   */
  private async load(page: Page, html: string): Promise<void> {
    if (this.frameId === undefined) {
      try {
        const session = await page.createCDPSession();
        const tree = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
        this.frameId = tree.frameTree.frame.id;
        this.session = session;
      } catch {
        this.frameId = null;
      }
    }
    if (this.frameId && this.session) {
      try {
        await this.session.send('Page.setDocumentContent', { frameId: this.frameId, html });
        return;
      } catch {
        this.frameId = null;
      }
    }
    await page.setContent(html, { waitUntil: 'load', timeout: Math.max(this.timeoutMs, 30_000) });
  }

  private session: import('puppeteer-core').CDPSession | null = null;

  private kill(): void {
    this.closed = true;
    const child = this.browser?.process();
    if (child) killTree(child);
  }

  /**
   * Ends the browser and removes its profile. It is a throwaway headless instance, so it is killed rather than asked
   * to shut down, which takes another 0.1–0.3 s.
   */
  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.closed = true;
    const browser = this.browser ?? (await this.ready.then(() => this.browser).catch(() => null));
    const child = browser?.process();
    if (child) await stop(child);
    await browser?.disconnect().catch(() => undefined);
    if (this.profile) {
      // Helper processes may still be letting go of the profile for a moment; a leftover temp folder is not an error.
      await rm(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 }).catch(() => undefined);
    }
  }
}

/** Chromium and its helper processes: puppeteer starts it as a process-group leader outside Windows. */
function killTree(child: import('node:child_process').ChildProcess): void {
  if (process.platform !== 'win32' && child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
      return;
    } catch {
      // not a group leader after all
    }
  }
  child.kill('SIGKILL');
}

/** Kills the browser and waits until it has exited. */
async function stop(child: import('node:child_process').ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killTree(child);
  await exited;
}

/** Starts a browser, prints, closes it: one cold PDF. */
export async function printPdf(found: FoundBrowser, timeoutMs: number, job: PrintJob): Promise<PrintResult> {
  const printer = new PdfPrinter(found, timeoutMs);
  try {
    return await printer.print(job);
  } finally {
    await printer.close();
  }
}

/**
 * Renders the report model to one self-contained HTML file with Handlebars: templates and partials from templates/,
 * the stylesheet and the filter script inlined, a Content-Security-Policy that allows only inline styles, data: images
 * and that one script (by its sha256). Handlebars is imported lazily: `calint lint` never loads it.
 */
import { importModule } from '../../load/import-module.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { packageRoot } from '../../model/package-root.js';
import type { ReportModel } from './view-model.js';
import { COMPILE_OPTIONS, readTemplateSources } from './template-sources.js';

type TemplateFn = (context: unknown) => string;

interface Compiled {
  render: TemplateFn;
  /** True when the build's precompiled templates were used. */
  precompiled: boolean;
  css: string;
  script: string;
  scriptHash: string;
}

export function templatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

type HandlebarsEnv = ReturnType<typeof import('handlebars').create>;

/** The helpers the templates use; the same for precompiled and run-time-compiled templates. */
function registerHelpers(hbs: HandlebarsEnv): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

interface PrecompiledTemplates {
  hash: string;
  main: TemplateSpecification;
  partials: Record<string, TemplateSpecification>;
}
type TemplateSpecification = Parameters<HandlebarsEnv['template']>[0];

/** dist/report-templates.cjs when the build wrote it from exactly these sources; otherwise null. */
async function precompiled(hash: string): Promise<PrecompiledTemplates | null> {
  const file = path.join(packageRoot(), 'dist', 'report-templates.cjs');
  if (!existsSync(file)) return null;
  const mod = await importModule<{ default?: PrecompiledTemplates } & PrecompiledTemplates>(pathToFileURL(file).href);
  const templates = mod.default ?? mod;
  return templates.hash === hash ? templates : null;
}

/**
 * The templates ready to render: precompiled at build time (scripts/precompile-templates.mjs) and run with the
 * Handlebars runtime, or, when the templates changed since the build (a developer's tree, tests), compiled now.
 */
async function compile(options: { precompiled?: boolean } = {}): Promise<Compiled> {
  const sources = readTemplateSources(templatesDir());
  const ready = options.precompiled === false ? null : await precompiled(sources.hash);
  let render: TemplateFn;
  if (ready) {
    const { default: runtime } = await importModule<{ default: { create(): HandlebarsEnv } }>('handlebars/runtime.js');
    const hbs = runtime.create();
    registerHelpers(hbs);
    for (const [name, spec] of Object.entries(ready.partials)) hbs.registerPartial(name, hbs.template(spec));
    render = hbs.template(ready.main) as TemplateFn;
  } else {
    const { default: Handlebars } = await importModule<{ default: typeof import('handlebars') }>('handlebars');
    const hbs = Handlebars.create();
    registerHelpers(hbs);
    for (const [name, text] of sources.partials) hbs.registerPartial(name, text);
    render = hbs.compile(sources.main, COMPILE_OPTIONS) as TemplateFn;
  }
  const { css, script } = sources;
  // The script is inlined verbatim; its hash in the CSP must be of exactly these bytes.
  if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('templates: report-filter.js or report.css closes its own element');
  const scriptHash = `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
  return { render, css, script, scriptHash, precompiled: ready !== null };
}

/** Table-of-contents page numbers, by section anchor (only the PDF knows them). */
export type TocPages = Record<string, number>;

/**
 * A CSS string literal that cannot end early: every character outside a small safe set becomes a hex escape, so
 * quotes, backslashes, "<" and line breaks in a tenant or title string stay text (and cannot close the <style>).
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) out += /^[A-Za-z0-9 .,:;()_-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `${out}"`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Paged-media rules: page size, margins, the running header (title and tenant) and footer (tool, date, "Page N of M").
 * Printing the HTML from a browser gives the same pages as the PDF. `pageLabel` replaces the page counter (the
 * contents page printed alone).
 */
function pageCss(model: ReportModel, pageLabel: string | null): string {
  const box = 'font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 7.5pt; color: #5b6373;';
  const page = pageLabel === null ? '"Page " counter(page) " of " counter(pages)' : cssString(pageLabel);
  return [
    '@page {',
    `  size: ${model.pageSize === 'Letter' ? 'letter' : 'A4'};`,
    '  margin: 16mm 14mm;',
    `  @top-left { content: ${cssString(clip(`${model.title} · ${model.tenant.name}`, 100))}; ${box} }`,
    // The classification marking on every page, top and bottom, as document control asks.
    `  @top-right { content: ${cssString(clip(model.classification, 40))}; ${box} font-weight: bold; }`,
    `  @bottom-left { content: ${cssString(`${clip(model.classification, 40)} · calint ${model.tool.version} · ${model.dateText}`)}; ${box} }`,
    `  @bottom-right { content: ${page}; ${box} }`,
    '}',
  ].join('\n');
}

/**
 * The report as HTML. With `tocPages`, the contents show page numbers; with `tocOnly`, the document holds only the
 * contents page (the PDF prints it alone once it knows the pages, and swaps it in) and `pageLabel` is its footer.
 */
export async function renderHtml(
  model: ReportModel,
  tocPages: TocPages | null = null,
  options: { tocOnly?: boolean; pageLabel?: string; templates?: ReportTemplates } = {},
): Promise<string> {
  const c = options.templates ?? (await compile());
  const toc = model.toc.map((t) => ({ ...t, page: tocPages?.[t.anchor] != null ? String(tocPages[t.anchor]) : '' }));
  const css = `${c.css}\n${pageCss(model, options.pageLabel ?? null)}\n`;
  return c.render({ ...model, toc, tocOnly: Boolean(options.tocOnly), css, script: c.script, scriptHash: c.scriptHash });
}

/** The report's templates compiled once, for a run that renders several times (the PDF's contents pass). */
export type ReportTemplates = Compiled;
export const compileReportTemplates = compile;

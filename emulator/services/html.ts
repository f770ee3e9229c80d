/**
 * HtmlService: HTML outputs and templates, files read from the build folder.
 * https://developers.google.com/apps-script/guides/html/templates: `<? code ?>` runs code,
 * `<?= expr ?>` prints HTML-escaped, `<?!= expr ?>` prints as is. Real Apps Script escapes by
 * context (inside <script> it prints JavaScript literals); the emulator always HTML-escapes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import type { ExecutionEnv } from '../core/env';
import { gasError } from '../core/errors';
import { HtmlOutputStub, HtmlServiceStub, HtmlTemplateStub } from '../generated/stubs';
import { asEnum, SANDBOX_MODE, XFRAME_OPTIONS_MODE } from '../core/enums';
import { NEEDS_NOTHING, signatureMismatch } from '../core/shared';

/** A dialog's size when the script does not set one (the sidebar is always 300 px wide). */
export const DEFAULT_DIALOG_WIDTH = 600;
export const DEFAULT_DIALOG_HEIGHT = 400;
const TEMPLATE_TIMEOUT_MS = 5000;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Reads a project HTML file as createHtmlOutputFromFile does: "Sidebar" or "Sidebar.html". */
function readHtmlFile(env: ExecutionEnv, name: unknown): string {
  if (typeof name !== 'string') throw signatureMismatch('HtmlService.createHtmlOutputFromFile', [name]);
  const base = name.replace(/\.html$/, '');
  try {
    return readFileSync(path.join(env.config.buildDir, `${base}.html`), 'utf8');
  } catch {
    throw gasError(`No HTML file named ${name} was found.`);
  }
}

/** The text of createHtmlOutput/createTemplate's argument: an HTML string or a BlobSource. */
function htmlText(member: string, source: unknown): string {
  if (typeof source === 'string') return source;
  const getBlob = (source as { getBlob?: unknown } | null)?.getBlob;
  if (typeof getBlob === 'function') return String(getBlob.call(source).getDataAsString());
  throw signatureMismatch(member, [source]);
}

/**
 * Compiles a template to a JavaScript expression that returns the page as [escape, text] pieces;
 * the host escapes the marked ones (with the same escapeHtml as appendUntrusted). The printing
 * helper is declared inside the code, so the only names it sees from outside are the variables.
 */
export function compileTemplate(source: string): string {
  const lines = [
    '(function () {',
    '  var __pieces = [];',
    '  function __print(escape, value) { __pieces.push([escape, String(value)]); }',
  ];
  const scriptlet = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let match = scriptlet.exec(source); match; match = scriptlet.exec(source)) {
    if (match.index > last) lines.push(`  __print(false, ${JSON.stringify(source.slice(last, match.index))});`);
    const code = match[2]!.trim().replace(/;+$/, '');
    if (match[1] === '!=') lines.push(`  __print(false, ${code});`);
    else if (match[1] === '=') lines.push(`  __print(true, ${code});`);
    else lines.push(`  ${code}`);
    last = scriptlet.lastIndex;
  }
  if (last < source.length) lines.push(`  __print(false, ${JSON.stringify(source.slice(last))});`);
  lines.push('  return __pieces;', '})()');
  return lines.join('\n');
}

export class FakeHtmlOutput extends HtmlOutputStub implements GoogleAppsScript.HTML.HtmlOutput {
  private title = '';
  private width = DEFAULT_DIALOG_WIDTH;
  private height = DEFAULT_DIALOG_HEIGHT;
  private faviconUrl = '';

  constructor(
    private readonly env: ExecutionEnv,
    private content: string,
  ) {
    super();
  }

  private local(member: string): this {
    this.env.call(`HtmlOutput.${member}`, 'local', NEEDS_NOTHING);
    return this;
  }

  /** What the Ui shows, read without metering: showing a page is one call, not four. */
  snapshot(): { title: string; width: number; height: number; html: string } {
    return { title: this.title, width: this.width, height: this.height, html: this.content };
  }

  override getContent(): string {
    this.local('getContent');
    return this.content;
  }

  override setContent(content: unknown): this {
    this.content = String(content);
    return this.local('setContent');
  }

  override append(addedContent: unknown): this {
    this.content += String(addedContent);
    return this.local('append');
  }

  override appendUntrusted(addedContent: unknown): this {
    this.content += escapeHtml(String(addedContent));
    return this.local('appendUntrusted');
  }

  override clear(): this {
    this.content = '';
    return this.local('clear');
  }

  override getTitle(): string {
    this.local('getTitle');
    return this.title;
  }

  override setTitle(title: unknown): this {
    this.title = String(title);
    return this.local('setTitle');
  }

  override getWidth(): number {
    this.local('getWidth');
    return this.width;
  }

  override setWidth(width: unknown): this {
    this.width = Number(width);
    return this.local('setWidth');
  }

  override getHeight(): number {
    this.local('getHeight');
    return this.height;
  }

  override setHeight(height: unknown): this {
    this.height = Number(height);
    return this.local('setHeight');
  }

  override getFaviconUrl(): string {
    this.local('getFaviconUrl');
    return this.faviconUrl;
  }

  override setFaviconUrl(iconUrl: unknown): this {
    this.faviconUrl = String(iconUrl);
    return this.local('setFaviconUrl');
  }

  /** Only IFRAME exists today; the others are accepted and ignored, as Apps Script does. */
  override setSandboxMode(_mode: unknown): this {
    return this.local('setSandboxMode');
  }

  /** Matters only to web apps; the emulator never serves one to a framing page. */
  override setXFrameOptionsMode(_mode: unknown): this {
    return this.local('setXFrameOptionsMode');
  }

  /** Meta tags matter to web apps only; the sidebar and dialogs ignore them, and so does the emulator. */
  override addMetaTag(_name: unknown, _content: unknown): this {
    return this.local('addMetaTag');
  }

  override asTemplate(): FakeHtmlTemplate {
    this.local('asTemplate');
    return new FakeHtmlTemplate(this.env, this.content);
  }
}

/**
 * A template: variables are plain properties set on it (template.cases = …), so its own state is
 * kept in #private fields, which are not properties and never reach the template code.
 */
export class FakeHtmlTemplate extends HtmlTemplateStub implements GoogleAppsScript.HTML.HtmlTemplate {
  [variable: string]: unknown;
  readonly #env: ExecutionEnv;
  readonly #source: string;

  constructor(env: ExecutionEnv, source: string) {
    super();
    this.#env = env;
    this.#source = source;
  }

  override getRawContent(): string {
    this.#env.call('HtmlTemplate.getRawContent', 'local', NEEDS_NOTHING);
    return this.#source;
  }

  override getCode(): string {
    this.#env.call('HtmlTemplate.getCode', 'local', NEEDS_NOTHING);
    return compileTemplate(this.#source);
  }

  /**
   * Runs the compiled template in a fresh V8 context holding only the template's variables. A vm
   * context is not a security boundary, and needs not be one here: templates are the project's own
   * build output. The bare context keeps template code from reaching the host (require, process)
   * by accident, as the real sandbox does.
   */
  override evaluate(): FakeHtmlOutput {
    this.#env.call('HtmlTemplate.evaluate', 'local', NEEDS_NOTHING);
    const variables = Object.fromEntries(Object.entries(this));
    const pieces = runInNewContext(compileTemplate(this.#source), variables, {
      timeout: TEMPLATE_TIMEOUT_MS,
    }) as Array<[boolean, string]>;
    const html = pieces.map(([escape, text]) => (escape ? escapeHtml(text) : text)).join('');
    return new FakeHtmlOutput(this.#env, html);
  }
}

class FakeHtmlService extends HtmlServiceStub implements GoogleAppsScript.HTML.HtmlService {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override get SandboxMode(): typeof GoogleAppsScript.HTML.SandboxMode {
    return asEnum(SANDBOX_MODE);
  }

  override get XFrameOptionsMode(): typeof GoogleAppsScript.HTML.XFrameOptionsMode {
    return asEnum(XFRAME_OPTIONS_MODE);
  }

  override createHtmlOutput(html?: unknown): FakeHtmlOutput {
    this.env.call('HtmlService.createHtmlOutput', 'local', NEEDS_NOTHING);
    return new FakeHtmlOutput(this.env, html === undefined ? '' : htmlText('HtmlService.createHtmlOutput', html));
  }

  override createHtmlOutputFromFile(filename: unknown): FakeHtmlOutput {
    this.env.call('HtmlService.createHtmlOutputFromFile', 'local', NEEDS_NOTHING);
    return new FakeHtmlOutput(this.env, readHtmlFile(this.env, filename));
  }

  override createTemplate(html: unknown): FakeHtmlTemplate {
    this.env.call('HtmlService.createTemplate', 'local', NEEDS_NOTHING);
    return new FakeHtmlTemplate(this.env, htmlText('HtmlService.createTemplate', html));
  }

  override createTemplateFromFile(filename: unknown): FakeHtmlTemplate {
    this.env.call('HtmlService.createTemplateFromFile', 'local', NEEDS_NOTHING);
    return new FakeHtmlTemplate(this.env, readHtmlFile(this.env, filename));
  }
}

export function createHtmlService(env: ExecutionEnv): GoogleAppsScript.HTML.HtmlService {
  return new FakeHtmlService(env);
}

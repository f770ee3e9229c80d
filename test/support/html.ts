/**
 * Reading an email's HTML back as a browser would (parse5, the WHATWG parser jsdom uses), to say
 * whether anything active or foreign got in: only the renderer's own elements and attributes, no
 * handler, no script, no link but https to the spreadsheet or Drive.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Every element the renderer itself writes, and the attributes it uses. */
const TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'body',
  'table',
  'tbody',
  'tr',
  'td',
  'h1',
  'h2',
  'p',
  'div',
  'span',
  'a',
  'br',
]);
const ATTRIBUTES = new Set([
  'lang',
  'charset',
  'name',
  'content',
  'role',
  'width',
  'cellpadding',
  'cellspacing',
  'border',
  'align',
  'style',
  'href',
  'target',
  'rel',
]);

export function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  if ('childNodes' in node) for (const child of node.childNodes) elements(child, out);
  if ('content' in node && node.content) elements(node.content, out);
  return out;
}

export function parseHtml(html: string): Element[] {
  return elements(parse(html));
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** The problems a parsed email has: elements or attributes not the renderer's, active content. */
export function activeContent(html: string): string[] {
  const problems: string[] = [];
  for (const element of parseHtml(html)) {
    if (!TAGS.has(element.tagName)) problems.push(`element <${element.tagName}>`);
    for (const attr of element.attrs) {
      if (!ATTRIBUTES.has(attr.name)) problems.push(`attribute ${attr.name} on <${element.tagName}>`);
      if (/^on/i.test(attr.name)) problems.push(`handler ${attr.name}`);
      if (/javascript:|vbscript:|data:/i.test(attr.value)) problems.push(`${attr.name}="${attr.value}"`);
      if (attr.name === 'href' && !/^https:\/\/(docs|drive)\.google\.com\//.test(attr.value))
        problems.push(`href ${attr.value}`);
    }
  }
  return problems;
}

/**
 * One renderer for every email the jobs send (hourly notices, the daily digest, the weekly
 * summary): an HTML part and a plain-text part with the same content.
 *
 * Everything in an EmailDoc may come from a case typed by anyone (a client's name, a summary
 * pasted from a chat), so the renderer treats every string as hostile: all text is escaped, no
 * markup from the input ever reaches the HTML, and only https links to Google's spreadsheet and
 * Drive hosts become anchors (a link anywhere else is shown as its label, without the address).
 *
 * The HTML is one column of tables with inline styles only (mail clients drop <style> blocks and
 * ignore most CSS), at most 600 px wide so it reads on a phone, with links as large buttons. The
 * urgency of an item is shown by colour and by a word, so it survives a client without colours
 * and a reader who does not tell red from green.
 */
import type { EmailDoc, EmailItem, EmailLink, RenderedEmail } from './email';
import type { Lang } from './i18n';
import { tServer } from './i18n/server';

/** Limits in characters (code points): a summary is a glance, not the case's whole story. */
export const EMAIL_LIMITS = { subject: 160, title: 200, line: 300, text: 280, label: 120, url: 2000 } as const;

const TONE_COLOUR = { overdue: '#c5221f', at_risk: '#b06000', normal: '#5f6368' } as const;
const TONE_BACKGROUND = { overdue: '#fce8e6', at_risk: '#fef7e0', normal: '#ffffff' } as const;

/** Control characters (except tab and newline) and lone surrogates have no place in a mail. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The string without control characters, whitespace runs folded, cut to `max` code points. */
export function shorten(value: unknown, max: number, multiline = false): string {
  let text = String(value ?? '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, ' ');
  text = multiline ? text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n') : text.replace(/\s+/g, ' ');
  text = text.trim();
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** Text for HTML content and (double-quoted) attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * An https URL to the spreadsheet or Drive, of URL characters only (RFC 3986, without the quote);
 * the host must be followed by a path, query or fragment, so `docs.google.com.evil.ru` and
 * `user@host` forms never pass. Apps Script has no URL class, hence the pattern.
 */
const SAFE_URL = /^https:\/\/(?:docs|drive)\.google\.com(?:[/?#][A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]*)?$/;

/** The URL if it is https to the spreadsheet or Drive; otherwise null. */
export function safeLinkUrl(url: unknown): string | null {
  const raw = String(url ?? '').trim();
  return raw.length <= EMAIL_LIMITS.url && SAFE_URL.test(raw) ? raw : null;
}

function toneLabel(lang: Lang, tone: EmailItem['tone']): string {
  if (tone === 'overdue') return tServer(lang, 'email.tone.overdue');
  if (tone === 'at_risk') return tServer(lang, 'email.tone.at_risk');
  return '';
}

/** A link as a large tap target, or its label as plain text when the address is not allowed. */
function htmlLink(link: EmailLink, primary: boolean): string {
  const label = escapeHtml(shorten(link.label, EMAIL_LIMITS.label) || '→');
  const url = safeLinkUrl(link.url);
  if (!url) return `<span style="color:#5f6368;">${label}</span>`;
  const style = primary
    ? 'display:inline-block;padding:12px 20px;background:#1a73e8;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold;font-size:16px;'
    : 'display:inline-block;padding:10px 0;color:#1a73e8;text-decoration:underline;font-size:16px;';
  return `<a href="${escapeHtml(url)}" style="${style}" target="_blank" rel="noopener noreferrer">${label}</a>`;
}

function textLink(link: EmailLink): string {
  const label = shorten(link.label, EMAIL_LIMITS.label);
  const url = safeLinkUrl(link.url);
  return url ? `${label}: ${url}` : label;
}

function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

function htmlItem(lang: Lang, item: EmailItem): string {
  const tone = item.tone ?? 'normal';
  const label = toneLabel(lang, tone);
  const badge = label
    ? `<span style="display:inline-block;padding:2px 8px;margin-right:6px;border-radius:4px;background:${TONE_COLOUR[tone]};color:#ffffff;font-size:12px;font-weight:bold;text-transform:uppercase;">${escapeHtml(label)}</span>`
    : '';
  const facts = item.facts
    .map((fact) => shorten(fact, EMAIL_LIMITS.line))
    .filter((fact) => fact !== '')
    .map((fact) => escapeHtml(fact))
    .join(' · ');
  const text = item.text ? shorten(item.text, EMAIL_LIMITS.text, true) : '';
  return [
    `<tr><td style="padding:12px 14px;border-left:4px solid ${TONE_COLOUR[tone]};background:${TONE_BACKGROUND[tone]};border-bottom:1px solid #e0e0e0;">`,
    `<div style="font-size:16px;font-weight:bold;color:#202124;">${badge}${escapeHtml(shorten(item.title, EMAIL_LIMITS.title))}</div>`,
    facts ? `<div style="font-size:14px;color:#3c4043;margin-top:4px;">${facts}</div>` : '',
    text ? `<div style="font-size:14px;color:#3c4043;margin-top:6px;">${paragraphs(text)}</div>` : '',
    item.link ? `<div style="margin-top:2px;">${htmlLink(item.link, false)}</div>` : '',
    '</td></tr>',
  ].join('');
}

function textItem(lang: Lang, item: EmailItem): string {
  const label = toneLabel(lang, item.tone);
  const lines = [`- ${label ? `[${label.toUpperCase()}] ` : ''}${shorten(item.title, EMAIL_LIMITS.title)}`];
  const facts = item.facts.map((fact) => shorten(fact, EMAIL_LIMITS.line)).filter((fact) => fact !== '');
  if (facts.length) lines.push(`  ${facts.join(' · ')}`);
  const text = item.text ? shorten(item.text, EMAIL_LIMITS.text, true) : '';
  if (text) lines.push(...text.split('\n').map((line) => `  ${line}`));
  if (item.link) lines.push(`  ${textLink(item.link)}`);
  return lines.join('\n');
}

export function renderEmail(doc: EmailDoc): RenderedEmail {
  const { lang } = doc;
  const title = shorten(doc.title, EMAIL_LIMITS.title);
  const intro = doc.intro ? shorten(doc.intro, EMAIL_LIMITS.line * 2, true) : '';
  const footer = doc.footer ? shorten(doc.footer, EMAIL_LIMITS.line, true) : '';
  const sections = doc.sections.filter((section) => section.items.length > 0);

  const html = [
    `<!DOCTYPE html><html lang="${lang === 'en' ? 'en' : 'ru'}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f1f3f4;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f3f4;"><tr><td align="center" style="padding:12px 8px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:Arial,Helvetica,sans-serif;">',
    `<tr><td style="padding:18px 16px 8px;"><h1 style="margin:0;font-size:20px;line-height:1.3;color:#202124;">${escapeHtml(title)}</h1>`,
    intro ? `<p style="margin:8px 0 0;font-size:15px;line-height:1.4;color:#3c4043;">${paragraphs(intro)}</p>` : '',
    '</td></tr>',
    ...sections.map((section) =>
      [
        `<tr><td style="padding:16px 16px 6px;"><h2 style="margin:0;font-size:17px;color:#202124;">${escapeHtml(shorten(section.title, EMAIL_LIMITS.title))} (${section.items.length})</h2></td></tr>`,
        '<tr><td style="padding:0 8px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="line-height:1.4;">',
        ...section.items.map((item) => htmlItem(lang, item)),
        '</table></td></tr>',
      ].join(''),
    ),
    doc.link ? `<tr><td style="padding:18px 16px;">${htmlLink(doc.link, true)}</td></tr>` : '',
    footer ? `<tr><td style="padding:8px 16px 16px;font-size:12px;color:#5f6368;">${paragraphs(footer)}</td></tr>` : '',
    '</table></td></tr></table></body></html>',
  ].join('');

  const text = [
    title,
    '='.repeat(Math.min(Array.from(title).length, 60)),
    ...(intro ? ['', intro] : []),
    ...sections.flatMap((section) => [
      '',
      `${shorten(section.title, EMAIL_LIMITS.title)} (${section.items.length})`,
      '-'.repeat(Math.min(Array.from(section.title).length + 4, 60)),
      ...section.items.map((item) => textItem(lang, item)),
    ]),
    ...(doc.link ? ['', textLink(doc.link)] : []),
    ...(footer ? ['', '--', footer] : []),
  ].join('\n');

  return { subject: shorten(doc.subject, EMAIL_LIMITS.subject), text: `${text}\n`, html };
}

/**
 * A sent mail as an RFC 5322 message (.eml), so the outbox can be opened in any mail client.
 * Non-ASCII header text is an RFC 2047 encoded-word (UTF-8, base64); a body that is not plain
 * short-lined ASCII is base64; with an HTML body the message is multipart/alternative (text
 * first, HTML preferred), as Gmail sends what MailApp hands it.
 */
import type { SentMail } from '../core/state';

const CRLF = '\r\n';
/** RFC 2047: an encoded-word is at most 75 characters; "=?UTF-8?B?" + "?=" leaves 63 for base64. */
const ENCODED_WORD_MAX_BYTES = 45;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function isPlainAscii(text: string): boolean {
  return text.split('\n').every((line) => PRINTABLE_ASCII.test(line.replace(/\r$/, '')) && line.length <= 998);
}

/** Header text as is when printable ASCII, else encoded-words folded onto continuation lines. */
export function encodeHeaderText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > ENCODED_WORD_MAX_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(`${CRLF} `);
}

function mailbox(address: string, name?: string): string {
  if (!name) return address;
  const display = PRINTABLE_ASCII.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeHeaderText(name);
  return `${display} <${address}>`;
}

/** A body part: headers and content, CRLF line ends throughout. */
function textPart(contentType: 'text/plain' | 'text/html', body: string): string[] {
  const normalized = body.replace(/\r?\n/g, CRLF);
  if (isPlainAscii(body)) {
    return [`Content-Type: ${contentType}; charset=UTF-8`, 'Content-Transfer-Encoding: 7bit', '', normalized];
  }
  const base64 = Buffer.from(normalized, 'utf8').toString('base64');
  return [
    `Content-Type: ${contentType}; charset=UTF-8`,
    'Content-Transfer-Encoding: base64',
    '',
    ...(base64.match(/.{1,76}/g) ?? []),
  ];
}

/** RFC 5322 date-time, in UTC. */
function rfc5322Date(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function toEml(mail: SentMail): string {
  const [, domain = 'localhost'] = mail.from.split('@');
  // noReply: Workspace sends from a generic no-reply address of the sender's domain.
  const fromAddress = mail.noReply ? `noreply@${domain}` : mail.from;
  const headers = [
    `Message-ID: <${mail.id}@arbiter-emulator.${domain}>`,
    `Date: ${rfc5322Date(mail.sentAt)}`,
    `From: ${mailbox(fromAddress, mail.name)}`,
    ...(mail.to.length ? [`To: ${mail.to.join(', ')}`] : []),
    ...(mail.cc.length ? [`Cc: ${mail.cc.join(', ')}`] : []),
    // The sender's copy keeps Bcc, as a Sent folder does; recipients never see it.
    ...(mail.bcc.length ? [`Bcc: ${mail.bcc.join(', ')}`] : []),
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    `Subject: ${encodeHeaderText(mail.subject)}`,
    'MIME-Version: 1.0',
  ];
  if (mail.htmlBody === undefined) return [...headers, ...textPart('text/plain', mail.body)].join(CRLF) + CRLF;
  const boundary = `=_arbiter_${mail.id}`;
  return (
    [
      ...headers,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      ...textPart('text/plain', mail.body),
      `--${boundary}`,
      ...textPart('text/html', mail.htmlBody),
      `--${boundary}--`,
    ].join(CRLF) + CRLF
  );
}

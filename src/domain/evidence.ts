/**
 * Photos and videos attached to a case (docs/product.md, Case lifecycle). The same rules run
 * in the sidebar, before anything is sent, and on the server, before anything is written to Drive.
 *
 * The size limit: a file crosses google.script.run as a base64 string, 4/3 of its size, and the
 * server turns it into a Blob; Apps Script blobs stop at 50 MB (52,428,800 bytes, the limit
 * DriveApp.createFile(blob) and UrlFetchApp hit). At 25 MiB a file is a ~33 MiB string and a
 * 25 MiB blob: both under that cap with a margin; that is any phone photo and about half a minute
 * of phone video. Longer videos go to Drive by hand and are linked.
 */
import type { Problem } from './errors';
import type { Lang } from './i18n';

export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

/** How a file of each accepted type starts (its "magic" bytes), so a renamed file is caught. */
type Signature = 'jpeg' | 'png' | 'webp' | 'isobmff' | 'ebml';

export const EVIDENCE_TYPES: Readonly<Record<string, Signature>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'isobmff',
  'image/heif': 'isobmff',
  'video/mp4': 'isobmff',
  'video/quicktime': 'isobmff',
  'video/webm': 'ebml',
};

/** For an <input type="file" accept="…">. */
export const EVIDENCE_ACCEPT = Object.keys(EVIDENCE_TYPES).join(',');

/** Browsers leave the type of some files empty (HEIC on Windows, MOV on Linux): go by extension. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  webm: 'video/webm',
};

export function evidenceMimeType(name: string, declared: string): string {
  const type = declared.trim().toLowerCase();
  if (type && type !== 'application/octet-stream') return type === 'image/jpg' ? 'image/jpeg' : type;
  const extension = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? type;
}

/** The first bytes are enough to tell the formats apart; 16 cover every signature below. */
export const SIGNATURE_BYTES = 16;

const ascii = (bytes: ArrayLike<number>, from: number, to: number) =>
  String.fromCharCode(...Array.from({ length: to - from }, (_, i) => (bytes[from + i] ?? 0) & 0xff));

function signatureOf(head: ArrayLike<number>): Signature | null {
  const b = (i: number) => (head[i] ?? -1) & 0xff;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return 'ebml';
  // ISO base media (MP4, HEIC) opens with an "ftyp" box; old QuickTime files with another box.
  if (['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(ascii(head, 4, 8))) return 'isobmff';
  return null;
}

export interface EvidenceFile {
  name: string;
  mimeType: string;
  size: number;
  /** The file's first bytes (at least SIGNATURE_BYTES when the file is that long). */
  head: ArrayLike<number>;
}

/**
 * "25 МБ", "1,5 МБ", "320 KB": sizes as a person reads them, in their language. A file over the
 * limit is rounded up, so that it never reads as the limit itself.
 */
export function formatFileSize(bytes: number, lang: Lang, rounding: 'nearest' | 'up' = 'nearest'): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1 ? [mb, lang === 'ru' ? 'МБ' : 'MB'] : [bytes / 1024, lang === 'ru' ? 'КБ' : 'KB'];
  const tenths = rounding === 'up' ? Math.ceil(value * 10) : Math.round(value * 10);
  const text = String(tenths / 10);
  return `${lang === 'ru' ? text.replace('.', ',') : text} ${unit}`;
}

/** What is wrong with a file as evidence; empty when it may be uploaded. */
export function evidenceProblems(file: EvidenceFile, lang: Lang): Problem[] {
  const field = 'evidence';
  const name = file.name.trim();
  if (!name) return [{ key: 'evidence.name', field }];
  const expected = EVIDENCE_TYPES[file.mimeType];
  if (!expected) return [{ key: 'evidence.type', field, params: { name } }];
  if (file.size <= 0) return [{ key: 'evidence.empty', field, params: { name } }];
  if (file.size > MAX_EVIDENCE_BYTES) {
    return [
      {
        key: 'evidence.tooLarge',
        field,
        params: { name, size: formatFileSize(file.size, lang, 'up'), limit: formatFileSize(MAX_EVIDENCE_BYTES, lang) },
      },
    ];
  }
  if (signatureOf(file.head) !== expected) return [{ key: 'evidence.content', field, params: { name } }];
  return [];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The decoded size of a base64 string, without decoding it; null when it is not base64. */
export function base64Size(data: string): number | null {
  if (data.length % 4 !== 0 || !BASE64.test(data)) return null;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

/** The first bytes of a base64 string (enough for the signature), decoded without Utilities. */
export function base64Head(data: string, bytes = SIGNATURE_BYTES): number[] {
  const chunk = data.slice(0, Math.ceil(bytes / 3) * 4).replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of chunk) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return out.slice(0, bytes);
}

/** A file name that is safe as a Drive title: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters are exactly what this pattern is for.
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/g;
  return base.replace(controls, '').trim().slice(0, 200);
}

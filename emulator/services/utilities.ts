/**
 * Utilities: dates, digests, base64, UUIDs, sleep and blobs, all in-process.
 * https://developers.google.com/apps-script/reference/utilities/utilities
 * Byte arrays are Java bytes, as Apps Script returns them: signed, -128…127.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ExecutionEnv } from '../core/env';
import { gasError, notModeled } from '../core/errors';
import { BlobStub, UtilitiesStub } from '../generated/stubs';
import { formatJavaDate } from './dateformat';
import { asEnum, CHARSET, DIGEST_ALGORITHM, isMember } from '../core/enums';
import { NEEDS_NOTHING, signatureMismatch } from '../core/shared';

/** "The maximum allowed value is 300000 (or 5 minutes)." */
export const SLEEP_LIMIT_MS = 300_000;

const NODE_DIGEST: Record<keyof typeof DIGEST_ALGORITHM, string | null> = {
  MD2: null,
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

function toJavaBytes(buffer: Uint8Array): number[] {
  return Array.from(buffer, (byte) => (byte > 127 ? byte - 256 : byte));
}

function isByteArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= -128 && b <= 255);
}

/** A string's bytes in an Apps Script Charset (UTF_8 unless told); Java writes '?' for what US-ASCII lacks. */
function encode(text: string, charset: unknown = CHARSET.UTF_8): Buffer {
  if (charset === CHARSET.US_ASCII) return Buffer.from(text.replace(/\P{ASCII}/gu, '?'), 'ascii');
  if (charset === CHARSET.UTF_8) return Buffer.from(text, 'utf8');
  throw signatureMismatch('Utilities charset', [charset]);
}

/** The bytes of a Byte[] or string argument. */
function bytesOf(member: string, data: unknown, charset?: unknown): Buffer {
  if (typeof data === 'string') return encode(data, charset);
  if (isByteArray(data)) return Buffer.from(data.map((b) => b & 0xff));
  throw signatureMismatch(member, [data]);
}

export class FakeBlob extends BlobStub implements GoogleAppsScript.Base.Blob {
  constructor(
    private readonly env: ExecutionEnv,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {
    super();
  }

  private local(member: string): this {
    this.env.call(`Blob.${member}`, 'local', NEEDS_NOTHING);
    return this;
  }

  override getBytes(): number[] {
    this.local('getBytes');
    return toJavaBytes(this.bytes);
  }

  override setBytes(data: unknown): this {
    this.bytes = bytesOf('Blob.setBytes', data);
    return this.local('setBytes');
  }

  override getDataAsString(charset?: unknown): string {
    this.local('getDataAsString');
    return charset === CHARSET.US_ASCII ? this.bytes.toString('ascii') : this.bytes.toString('utf8');
  }

  override setDataFromString(text: unknown, charset?: unknown): this {
    this.bytes = encode(String(text), charset);
    return this.local('setDataFromString');
  }

  override getContentType(): string | null {
    this.local('getContentType');
    return this.contentType;
  }

  override setContentType(contentType: unknown): this {
    this.contentType = contentType === null ? null : String(contentType);
    return this.local('setContentType');
  }

  override getName(): string | null {
    this.local('getName');
    return this.name;
  }

  override setName(name: unknown): this {
    this.name = String(name);
    return this.local('setName');
  }

  override getBlob(): this {
    return this.local('getBlob');
  }

  override copyBlob(): FakeBlob {
    this.local('copyBlob');
    return new FakeBlob(this.env, Buffer.from(this.bytes), this.contentType, this.name);
  }
}

class FakeUtilities extends UtilitiesStub implements GoogleAppsScript.Utilities.Utilities {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  private local(member: string): void {
    this.env.call(`Utilities.${member}`, 'local', NEEDS_NOTHING);
  }

  override get Charset(): typeof GoogleAppsScript.Utilities.Charset {
    return asEnum(CHARSET);
  }

  override get DigestAlgorithm(): typeof GoogleAppsScript.Utilities.DigestAlgorithm {
    return asEnum(DIGEST_ALGORITHM);
  }

  override formatDate(date: unknown, timeZone: unknown, format: unknown): string {
    this.local('formatDate');
    if (!(date instanceof Date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureMismatch('Utilities.formatDate', [date, timeZone, format]);
    }
    if (Number.isNaN(date.getTime())) throw gasError('Invalid argument: date');
    return formatJavaDate(date.getTime(), timeZone, format);
  }

  /** Sleeping passes virtual time: the clock moves and the wait counts toward the execution. */
  override sleep(milliseconds: unknown): void {
    this.local('sleep');
    if (typeof milliseconds !== 'number') throw signatureMismatch('Utilities.sleep', [milliseconds]);
    if (milliseconds > SLEEP_LIMIT_MS) throw gasError('Argument too large: milliseconds');
    const ms = Math.max(0, Math.floor(milliseconds));
    this.env.clock.advance(ms);
    this.env.meter.addWait(ms);
  }

  /**
   * A version-4 UUID, derived from the emulator's serial counter rather than randomness so a run
   * of the tests is the same every time.
   */
  override getUuid(): string {
    this.local('getUuid');
    const bytes = createHash('sha256').update(`arbiter-emulator-uuid:${this.env.serial()}`).digest().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * Text without a charset is encoded as US-ASCII (so non-ASCII characters digest as '?'), as
   * Apps Script does; a byte array takes no charset.
   */
  override computeDigest(algorithm: unknown, value: unknown, ...rest: unknown[]): number[] {
    this.local('computeDigest');
    const args = [algorithm, value, ...rest];
    const [charset = CHARSET.US_ASCII] = rest;
    const textWithCharset = typeof value === 'string' && rest.length <= 1 && isMember(CHARSET, charset);
    const bytesAlone = typeof value !== 'string' && rest.length === 0;
    if (!isMember(DIGEST_ALGORITHM, algorithm) || !(textWithCharset || bytesAlone)) {
      throw signatureMismatch('Utilities.computeDigest', args);
    }
    const nodeAlgorithm = NODE_DIGEST[algorithm] ?? notModeled(`Utilities.computeDigest ${algorithm}`);
    const digest = createHash(nodeAlgorithm)
      .update(bytesOf('Utilities.computeDigest', value, charset))
      .digest();
    return toJavaBytes(digest);
  }

  /**
   * HMAC-SHA256 of text (with an optional charset, US-ASCII when absent, as computeDigest) or of
   * bytes with a byte key: (value, key), (value, key, charset) or (Byte[], Byte[]).
   */
  override computeHmacSha256Signature(value: unknown, key: unknown, ...rest: unknown[]): number[] {
    this.local('computeHmacSha256Signature');
    const args = [value, key, ...rest];
    const [charset = CHARSET.US_ASCII] = rest;
    const texts =
      typeof value === 'string' && typeof key === 'string' && rest.length <= 1 && isMember(CHARSET, charset);
    const bytes = isByteArray(value) && isByteArray(key) && rest.length === 0;
    if (!texts && !bytes) throw signatureMismatch('Utilities.computeHmacSha256Signature', args);
    const member = 'Utilities.computeHmacSha256Signature';
    const mac = createHmac('sha256', bytesOf(member, key, charset))
      .update(bytesOf(member, value, charset))
      .digest();
    return toJavaBytes(mac);
  }

  override base64Encode(data: unknown, charset?: unknown): string {
    this.local('base64Encode');
    return bytesOf('Utilities.base64Encode', data, charset).toString('base64');
  }

  /** The URL-safe alphabet (- and _), padding kept, as Java's URL encoder writes it. */
  override base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    this.local('base64EncodeWebSafe');
    return bytesOf('Utilities.base64EncodeWebSafe', data, charset)
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  override base64Decode(encoded: unknown): number[] {
    this.local('base64Decode');
    if (typeof encoded !== 'string') throw signatureMismatch('Utilities.base64Decode', [encoded]);
    return toJavaBytes(Buffer.from(encoded, 'base64'));
  }

  override base64DecodeWebSafe(encoded: unknown): number[] {
    this.local('base64DecodeWebSafe');
    if (typeof encoded !== 'string') throw signatureMismatch('Utilities.base64DecodeWebSafe', [encoded]);
    return toJavaBytes(Buffer.from(encoded, 'base64url'));
  }

  override newBlob(data: unknown, contentType?: unknown, name?: unknown): FakeBlob {
    this.local('newBlob');
    return new FakeBlob(
      this.env,
      bytesOf('Utilities.newBlob', data),
      contentType === undefined ? null : String(contentType),
      name === undefined ? null : String(name),
    );
  }
}

export function createUtilities(env: ExecutionEnv): GoogleAppsScript.Utilities.Utilities {
  return new FakeUtilities(env);
}

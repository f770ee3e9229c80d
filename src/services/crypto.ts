/**
 * Signatures for the Events chain (docs/product.md, Integrity): HMAC-SHA256 with a key kept in the
 * document properties, text as UTF-8 (named, since Apps Script would read text as US-ASCII).
 */
export function hmacSha256Hex(text: string, key: string): string {
  return Utilities.computeHmacSha256Signature(text, key, Utilities.Charset.UTF_8)
    .map((byte) => (byte & 0xff).toString(16).padStart(2, '0'))
    .join('');
}

/** A new random secret: two version-4 UUIDs, 244 random bits. */
export function newSecret(): string {
  return `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
}

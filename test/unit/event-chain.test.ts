import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { canonicalContent, chainDigests, verifyChain } from '../../src/domain/event-chain';

const sign = (text: string) => createHmac('sha256', 'key').update(text, 'utf8').digest('hex');

describe('the Events chain (docs/product.md, Integrity)', () => {
  test('a chain as appended holds; changing any one row breaks that row only, its digest also the next', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 8 }), fc.nat(), (contents, pick) => {
        const digests = chainDigests('', contents, sign);
        const rows = contents.map((content, i) => ({ content, digest: digests[i] as string }));
        expect(verifyChain(rows, 0, sign).every(Boolean)).toBe(true);
        const i = pick % rows.length;
        const forged = rows.map((r, j) => (j === i ? { ...r, content: `${r.content}!` } : r));
        expect(verifyChain(forged, 0, sign)).toEqual(rows.map((_, j) => j !== i));
        const relinked = rows.map((r, j) => (j === i ? { ...r, digest: sign(`x${r.content}`) } : r));
        expect(verifyChain(relinked, 0, sign)).toEqual(rows.map((_, j) => j !== i && j !== i + 1));
      }),
    );
  });

  test('legacy rows before the start hold; without a key nothing after it does', () => {
    const rows = [
      { content: 'old', digest: '' },
      ...chainDigests('', ['a'], sign).map((digest) => ({ content: 'a', digest })),
    ];
    expect(verifyChain(rows, 1, sign)).toEqual([true, true]);
    expect(verifyChain(rows, 1, null)).toEqual([true, false]);
    expect(verifyChain(rows, 0, sign)).toEqual([false, true]);
  });

  test('canonical content: a date as its milliseconds, empty for nothing', () => {
    expect(canonicalContent([new Date(5), null, 'x', 2])).toBe('[5,"","x",2]');
  });
});

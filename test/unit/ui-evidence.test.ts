import {
  MAX_EVIDENCE_BYTES,
  base64Head,
  base64Size,
  cleanFileName,
  evidenceMimeType,
  evidenceProblems,
  formatFileSize,
} from '../../src/domain/evidence';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const isoHead = (brand: string) => [0, 0, 0, 24, ...Buffer.from(`ftyp${brand}`, 'latin1'), 0, 0, 0, 0];

describe('evidence files, checked in the sidebar before upload and again on the server', () => {
  test('photos and videos of the accepted types pass', () => {
    const ok = (name: string, mimeType: string, head: number[]) =>
      evidenceProblems({ name, mimeType, size: 1000, head }, 'ru');
    expect(ok('a.png', 'image/png', PNG_HEAD)).toEqual([]);
    expect(ok('a.jpg', 'image/jpeg', [0xff, 0xd8, 0xff, 0xe0])).toEqual([]);
    expect(ok('a.webp', 'image/webp', [...Buffer.from('RIFF\0\0\0\0WEBP', 'latin1')])).toEqual([]);
    expect(ok('a.heic', 'image/heic', isoHead('heic'))).toEqual([]);
    expect(ok('a.mp4', 'video/mp4', isoHead('isom'))).toEqual([]);
    expect(ok('a.mov', 'video/quicktime', isoHead('qt  '))).toEqual([]);
    expect(ok('a.webm', 'video/webm', [0x1a, 0x45, 0xdf, 0xa3])).toEqual([]);
  });

  test('too large, another type, empty, renamed: each refused with its message', () => {
    const keys = (file: Partial<Parameters<typeof evidenceProblems>[0]>) =>
      evidenceProblems({ name: 'a.png', mimeType: 'image/png', size: 1000, head: PNG_HEAD, ...file }, 'ru').map(
        (p) => p.key,
      );
    expect(keys({ size: MAX_EVIDENCE_BYTES + 1 })).toEqual(['evidence.tooLarge']);
    expect(keys({ size: MAX_EVIDENCE_BYTES })).toEqual([]);
    expect(keys({ mimeType: 'application/pdf' })).toEqual(['evidence.type']);
    expect(keys({ mimeType: 'image/svg+xml' })).toEqual(['evidence.type']);
    expect(keys({ size: 0 })).toEqual(['evidence.empty']);
    expect(keys({ head: [...Buffer.from('<html>')] })).toEqual(['evidence.content']);
    expect(keys({ name: '  ' })).toEqual(['evidence.name']);
  });

  test('the limit is said in the person’s units; a file just over it never reads as the limit', () => {
    const [problem] = evidenceProblems(
      { name: 'v.mp4', mimeType: 'video/mp4', size: MAX_EVIDENCE_BYTES + 1, head: isoHead('isom') },
      'ru',
    );
    expect(problem?.params).toEqual({ name: 'v.mp4', size: '25,1 МБ', limit: '25 МБ' });
    expect(formatFileSize(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatFileSize(300 * 1024, 'ru')).toBe('300 КБ');
  });

  test('a type the browser left empty is taken from the extension', () => {
    expect(evidenceMimeType('IMG_0001.HEIC', '')).toBe('image/heic');
    expect(evidenceMimeType('clip.mov', 'application/octet-stream')).toBe('video/quicktime');
    expect(evidenceMimeType('photo.jpg', 'image/jpg')).toBe('image/jpeg');
    expect(evidenceMimeType('notes.txt', '')).toBe('');
  });

  test('base64: the size without decoding, the first bytes decoded', () => {
    const bytes = Buffer.from(PNG_HEAD.concat([1, 2, 3]));
    const data = bytes.toString('base64');
    expect(base64Size(data)).toBe(bytes.length);
    expect(base64Size(Buffer.from([1]).toString('base64'))).toBe(1);
    expect(base64Size('abc')).toBeNull();
    expect(base64Size('ab!=')).toBeNull();
    expect(base64Head(data)).toEqual(PNG_HEAD);
    expect(base64Head(Buffer.from([0xff, 0xd8]).toString('base64'))).toEqual([0xff, 0xd8]);
  });

  test('file names: no path, no control characters', () => {
    expect(cleanFileName('C:\\Users\\me\\фото 1.jpg')).toBe('фото 1.jpg');
    expect(cleanFileName('../../a\u0000b.png')).toBe('ab.png');
  });
});

import { driveState, readDriveFile } from '../../emulator/services/drive';
import type { Emulator } from '../../emulator/runtime';
import { MAX_EVIDENCE_BYTES } from '../../src/domain/evidence';
import type { UploadedEvidence } from '../../src/server/evidence';
import type { CaseView } from '../../src/server/api';
import { failure } from '../support/failure';
import { AGENT, LEAD, OWNER, VIEWER, registrationInput, setUpWorkbook } from '../support/workbook';

/** A real 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_BYTES = Buffer.from(PNG_BASE64, 'base64');

const upload = (emulator: Emulator, input: Record<string, unknown>, user = AGENT) =>
  emulator.scriptRun<UploadedEvidence>('apiUploadEvidence', [input], { user });

const png = (name = 'фасад.png') => ({ name, mimeType: 'image/png', dataBase64: PNG_BASE64 });

const items = (emulator: Emulator) => Object.values(driveState(emulator.state).items);
const evidenceProperties = (emulator: Emulator) =>
  Object.keys(emulator.state.properties.document).filter((k) => k.startsWith('arbiter.evidence'));

describe('apiUploadEvidence: photos and videos from the device, into Drive, through the built bundle', () => {
  test('a PNG becomes a Drive file in the workbook folder, created once and shared with the team', () => {
    const emulator = setUpWorkbook();
    const first = upload(emulator, png());
    expect(first).toEqual({
      url: expect.stringMatching(/^https:\/\/drive\.google\.com\/file\/d\/[\w-]{33}\/view$/),
      name: 'фасад.png',
      size: PNG_BYTES.length,
    });
    const second = upload(emulator, png('фурнитура.png'));

    const folders = items(emulator).filter((i) => i.kind === 'folder');
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatchObject({ name: 'Арбитр — фото и видео — Arbiter', owner: AGENT, trashed: false });
    // Everyone in the team may open what an agent attached; the uploader owns it.
    expect([...folders[0]!.viewers].sort()).toEqual([LEAD, OWNER, VIEWER].sort());

    const files = items(emulator).filter((i) => i.kind === 'file');
    expect(files.map((f) => f.name)).toEqual(['фасад.png', 'фурнитура.png']);
    expect(files.every((f) => f.parentId === folders[0]!.id && f.mimeType === 'image/png')).toBe(true);
    const id = /\/d\/([\w-]+)\//.exec(second.url)?.[1] ?? '';
    expect(readDriveFile(emulator.state, undefined, id)?.bytes.equals(PNG_BYTES)).toBe(true);
    expect(evidenceProperties(emulator)).toEqual([`arbiter.evidence.folder.${AGENT}`]);
  });

  test('the returned link is accepted as evidence of a case and lets an A case be resolved', () => {
    const emulator = setUpWorkbook();
    const { url } = upload(emulator, png());
    let c = emulator.scriptRun<CaseView>(
      'apiRegisterCase',
      [registrationInput({ criticality: 'A', evidence: [url] })],
      {
        user: AGENT,
      },
    );
    expect(c.evidence).toEqual([url]);
    c = emulator.scriptRun<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }], {
      user: AGENT,
    });
    c = emulator.scriptRun<CaseView>(
      'apiTransition',
      [c.id, { to: 'resolved', version: c.version, resolution: 'Фасад заменён' }],
      { user: AGENT },
    );
    expect(c.status).toBe('resolved');
  });

  test('a file past the limit is refused in the user’s language, before anything is written', () => {
    const emulator = setUpWorkbook();
    const tooLarge = Buffer.alloc(MAX_EVIDENCE_BYTES + 1);
    PNG_BYTES.copy(tooLarge);
    const message = failure(() =>
      upload(emulator, { name: 'видео.png', mimeType: 'image/png', dataBase64: tooLarge.toString('base64') }),
    );
    expect(message).toMatch(/^\[validation evidence\] /);
    expect(message).toContain('Файл «видео.png» весит 25,1 МБ, а прикрепить можно до 25 МБ.');
    expect(items(emulator)).toEqual([]);
    expect(evidenceProperties(emulator)).toEqual([]);
  });

  test('the limit is stated in English for an English workbook', () => {
    const emulator = setUpWorkbook({ locale: 'en_US' });
    const video = Buffer.alloc(30 * 1024 * 1024);
    video.write('ftypmp42', 4, 'latin1');
    const message = failure(() =>
      upload(emulator, { name: 'clip.mp4', mimeType: 'video/mp4', dataBase64: video.toString('base64') }),
    );
    expect(message).toContain('“clip.mp4” is 30 MB; files up to 25 MB can be attached.');
  });

  test('a file of another type, or whose content is not what its type says, is refused and nothing is written', () => {
    const emulator = setUpWorkbook();
    const pdf = failure(() =>
      upload(emulator, { name: 'акт.pdf', mimeType: 'application/pdf', dataBase64: PNG_BASE64 }),
    );
    expect(pdf).toContain('«акт.pdf» — не фото и не видео');
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const renamed = failure(() => upload(emulator, { name: 'photo.png', mimeType: 'image/png', dataBase64: html }));
    expect(renamed).toMatch(/^\[validation evidence\] .*не совпадает с его типом/);
    const broken = failure(() => upload(emulator, { name: 'photo.png', mimeType: 'image/png', dataBase64: '%%%' }));
    expect(broken).toContain('Файл пришёл не целиком');
    expect(items(emulator)).toEqual([]);
    expect(evidenceProperties(emulator)).toEqual([]);
  });

  test('a type the browser left empty is taken from the extension (HEIC photos from an iPhone)', () => {
    const emulator = setUpWorkbook();
    const heic = Buffer.alloc(64);
    heic.write('ftypheic', 4, 'latin1');
    const result = upload(emulator, { name: 'IMG_0042.HEIC', mimeType: '', dataBase64: heic.toString('base64') });
    expect(result.size).toBe(64);
    expect(items(emulator).find((i) => i.kind === 'file')?.mimeType).toBe('image/heic');
  });

  test('a viewer cannot upload, and nothing is written', () => {
    const emulator = setUpWorkbook();
    expect(failure(() => upload(emulator, png(), VIEWER))).toMatch(/^\[forbidden\] /);
    expect(items(emulator)).toEqual([]);
  });

  test('each uploader has a folder of their own (drive.file shows the script only what it made for them)', () => {
    const emulator = setUpWorkbook();
    upload(emulator, png(), AGENT);
    upload(emulator, png(), LEAD);
    const folders = items(emulator).filter((i) => i.kind === 'folder');
    expect(folders.map((f) => f.owner).sort()).toEqual([AGENT, LEAD].sort());
  });

  test('a folder someone deleted is replaced by a new one; a newcomer to the team is given access once', () => {
    const emulator = setUpWorkbook();
    upload(emulator, png());
    const [old] = items(emulator).filter((i) => i.kind === 'folder');
    old!.trashed = true;
    const settings = emulator.scriptRun<{ team: unknown[] }>('apiGetSettings', [], { user: LEAD });
    settings.team.push({ email: 'new.agent@example.com', name: 'Новый', role: 'agent', team: '' });
    emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });

    upload(emulator, png());
    const fresh = items(emulator).filter((i) => i.kind === 'folder' && !i.trashed);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.id).not.toBe(old!.id);
    expect(fresh[0]!.viewers).toContain('new.agent@example.com');
    const recorded = JSON.parse(emulator.state.properties.document[`arbiter.evidence.folder.${AGENT}`]!) as {
      folderId: string;
    };
    expect(recorded.folderId).toBe(fresh[0]!.id);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { NotModeledError } from '../../emulator/core/errors';
import { createEmulatorState } from '../../emulator/core/state';
import { createServiceGlobals } from '../../emulator/services';
import { driveState, readDriveFile } from '../../emulator/services/drive';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const DRIVE_FILE = 'https://www.googleapis.com/auth/drive.file';
const DRIVE = 'https://www.googleapis.com/auth/drive';

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({ user: { email: ALICE }, ...options });
  return { env, ...createServiceGlobals(env) };
}

describe('DriveApp (https://developers.google.com/apps-script/reference/drive/drive-app)', () => {
  test('creates a folder and files in it, from a blob or from text; every getter answers', () => {
    const { DriveApp, Utilities, env } = run();
    const folder = DriveApp.createFolder('Evidence');
    expect(folder.getId()).toMatch(/^1[\w-]{32}$/);
    expect(folder.getName()).toBe('Evidence');
    expect(folder.getUrl()).toBe(`https://drive.google.com/drive/folders/${folder.getId()}`);
    expect(DriveApp.getFolderById(folder.getId()).getName()).toBe('Evidence');

    const blob = Utilities.newBlob([0x89, 0x50, 0x4e, 0x47], 'image/png', 'dot.png');
    const file = folder.createFile(blob);
    expect(file.getName()).toBe('dot.png');
    expect(file.getMimeType()).toBe('image/png');
    expect(file.getSize()).toBe(4);
    expect(file.getUrl()).toBe(`https://drive.google.com/file/d/${file.getId()}/view`);
    expect(file.getDateCreated().getTime()).toBe(env.clock.now());
    expect(DriveApp.getFileById(file.getId()).getBlob().getBytes()).toEqual([-119, 0x50, 0x4e, 0x47]);

    const note = folder.createFile('note.txt', 'Привет', 'text/plain');
    expect(note.getSize()).toBe(Buffer.byteLength('Привет'));
    expect(DriveApp.getFileById(note.getId()).getBlob().getDataAsString()).toBe('Привет');

    const files = folder.getFiles();
    const names: string[] = [];
    while (files.hasNext()) names.push(files.next().getName());
    expect(names).toEqual(['dot.png', 'note.txt']);
    expect(() => files.next()).toThrow('iterator has reached the end');
  });

  test('ids are the same on every run (seeded by the emulator serial), never reused', () => {
    const ids = () => {
      const { DriveApp } = run({ state: createEmulatorState({ now: 0 }) });
      return [DriveApp.createFolder('a').getId(), DriveApp.createFolder('b').getId()];
    };
    const first = ids();
    expect(ids()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  test('contents go to driveDir when the emulator keeps one; readDriveFile serves them', () => {
    const driveDir = mkdtempSync(path.join(os.tmpdir(), 'arbiter-drive-'));
    const { DriveApp, Utilities, env } = run({ config: { driveDir } });
    const file = DriveApp.createFolder('Evidence').createFile(
      Utilities.newBlob('video bytes', 'video/mp4', 'clip.mp4'),
    );
    expect(readFileSync(path.join(driveDir, file.getId()), 'utf8')).toBe('video bytes');
    expect(driveState(env.state).items[file.getId()]?.base64).toBeUndefined();
    const served = readDriveFile(env.state, driveDir, file.getId());
    expect(served).toMatchObject({ name: 'clip.mp4', mimeType: 'video/mp4' });
    expect(served?.bytes.toString()).toBe('video bytes');
    expect(readDriveFile(env.state, driveDir, 'nope')).toBeNull();
    expect(readDriveFile(env.state, driveDir, '../../etc/passwd')).toBeNull();
  });

  test('without driveDir the contents stay in the state (tests), as base64', () => {
    const { DriveApp, env } = run();
    const file = DriveApp.createFile('a.txt', 'abc');
    expect(driveState(env.state).items[file.getId()]?.base64).toBe(Buffer.from('abc').toString('base64'));
    expect(readDriveFile(env.state, undefined, file.getId())?.bytes.toString()).toBe('abc');
  });

  test('drive.file: the script reaches only what it created for the same user, even when shared', () => {
    const state = createEmulatorState({ now: 0 });
    const alice = run({ state, scopes: [DRIVE_FILE] });
    const folder = alice.DriveApp.createFolder('Alice evidence').addViewers([BOB]);
    const id = folder.getId();
    expect(driveState(state).items[id]?.viewers).toEqual([BOB]);

    const bob = run({ state, id: 2, user: { email: BOB }, scopes: [DRIVE_FILE] });
    expect(() => bob.DriveApp.getFolderById(id)).toThrow('No item with the given ID could be found');
    expect(bob.DriveApp.getFoldersByName('Alice evidence').hasNext()).toBe(false);
    // With the whole of Drive granted, what is shared with Bob is his to read.
    const bobWithDrive = run({ state, id: 3, user: { email: BOB }, scopes: [DRIVE] });
    expect(bobWithDrive.DriveApp.getFolderById(id).getName()).toBe('Alice evidence');
    // A viewer cannot change it.
    expect(() => bobWithDrive.DriveApp.getFolderById(id).setTrashed(true)).toThrow('Access denied');
    const carol = run({ state, id: 4, user: { email: 'carol@example.com' }, scopes: [DRIVE] });
    expect(() => carol.DriveApp.getFolderById(id)).toThrow('No item with the given ID could be found');
  });

  test('getFoldersByName finds the user’s folders of that name; trash is a flag, not a deletion', () => {
    const { DriveApp } = run();
    const folder = DriveApp.createFolder('Evidence');
    DriveApp.createFolder('Other');
    const found = DriveApp.getFoldersByName('Evidence');
    expect(found.hasNext()).toBe(true);
    expect(found.next().getId()).toBe(folder.getId());
    expect(found.hasNext()).toBe(false);
    folder.setTrashed(true);
    expect(DriveApp.getFolderById(folder.getId()).isTrashed()).toBe(true);
  });

  test('refuses without the Drive scope, in AuthMode.LIMITED, and with bad arguments', () => {
    expect(() =>
      run({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] }).DriveApp.createFolder('x'),
    ).toThrow(
      'Specified permissions are not sufficient to call DriveApp.createFolder. Required permissions: ' +
        `(${DRIVE_FILE} || ${DRIVE})`,
    );
    expect(() => run({ authMode: 'LIMITED' }).DriveApp.createFolder('x')).toThrow('AuthMode.LIMITED');
    const { DriveApp } = run();
    expect(() => DriveApp.createFolder(5 as unknown as string)).toThrow("don't match the method signature");
    expect(() => DriveApp.getFileById('missing')).toThrow('No item with the given ID could be found');
    expect(() => DriveApp.createFolder('x').addViewers(['not an email'])).toThrow('Invalid argument');
    expect(() => DriveApp.getRootFolder()).toThrow(NotModeledError);
  });

  test('counts a round trip per Drive change and none for reading a fetched item', () => {
    const { DriveApp, env } = run();
    env.meter.reset();
    const folder = DriveApp.createFolder('Evidence');
    folder.getId();
    folder.getName();
    folder.createFile('a.txt', 'a');
    const snapshot = env.meter.snapshot();
    expect(snapshot.byKind.drive).toBe(2);
    expect(snapshot.calls['Folder.getName']).toBe(1);
  });
});

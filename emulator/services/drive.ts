/**
 * DriveApp: folders and files of the emulated Drive.
 * https://developers.google.com/apps-script/reference/drive/drive-app
 *
 * Metadata lives in the emulator state (a `drive` section created on first use); contents are
 * files named by id under `config.driveDir` when the emulator keeps one (the sandbox serves them
 * from there), else base64 in the state. What the script can reach follows the manifest: with
 * the full `drive` scope, every item the user may see; with `drive.file` only, just the items the
 * script created for that same user. Items another person shares are visible in the browser but
 * not to the script — which is why Arbiter keeps one evidence folder per uploader.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCOPES, type ExecutionEnv, type Need } from '../core/env';
import type { CallKind } from '../core/meter';
import { gasError } from '../core/errors';
import type { DriveItem, DriveState, EmulatorState } from '../core/state';
import { DriveAppStub, FileIteratorStub, FileStub, FolderIteratorStub, FolderStub } from '../generated/stubs';
import { signatureMismatch } from '../core/shared';
import { FakeBlob } from './utilities';

const NEEDS_DRIVE: Need = { mode: 'FULL', scopes: SCOPES.driveFile };
const FULL_DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';
const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';
const NOT_FOUND = 'No item with the given ID could be found. Or you do not have permission to access it.';

/** The drive section of the state, created on first use. */
export function driveState(state: EmulatorState): DriveState {
  state.drive ??= { items: {} };
  return state.drive;
}

/** A file's contents, for the sandbox to serve at /drive/<id>; null when there is no such file. */
export function readDriveFile(
  state: EmulatorState,
  driveDir: string | undefined,
  id: string,
): { name: string; mimeType: string; bytes: Buffer } | null {
  const item = state.drive?.items[id];
  if (!item || item.kind !== 'file' || item.trashed) return null;
  if (item.base64 !== undefined)
    return { name: item.name, mimeType: item.mimeType, bytes: Buffer.from(item.base64, 'base64') };
  if (!driveDir || !/^[\w-]+$/.test(id)) return null;
  try {
    return { name: item.name, mimeType: item.mimeType, bytes: readFileSync(path.join(driveDir, id)) };
  } catch {
    return null;
  }
}

/** Drive ids look like the real ones (33 URL-safe characters) and are the same on every run. */
function newId(env: ExecutionEnv): string {
  const digest = createHash('sha256').update(`arbiter-emulator-drive:${env.serial()}`).digest('base64url');
  return `1${digest.slice(0, 32)}`;
}

function userOf(env: ExecutionEnv): string {
  return env.effectiveUser || env.user.email;
}

/** May the running script reach this item? */
function reachable(env: ExecutionEnv, item: DriveItem): boolean {
  const user = userOf(env);
  const sees = item.owner === user || item.viewers.includes(user) || item.editors.includes(user);
  if (!sees) return false;
  return env.scopes.has(FULL_DRIVE_SCOPE) || item.scriptUsers.includes(user);
}

function mayEdit(env: ExecutionEnv, item: DriveItem): boolean {
  const user = userOf(env);
  return item.owner === user || item.editors.includes(user);
}

function emailsOf(member: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    const email =
      typeof entry === 'string'
        ? entry.trim()
        : typeof (entry as { getEmail?: unknown })?.getEmail === 'function'
          ? String((entry as GoogleAppsScript.Drive.User).getEmail())
          : '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw gasError(`Invalid argument: ${member}`);
    return email.toLowerCase();
  });
}

/** The members the generated Folder and File stubs both declare, which their shared base overrides. */
interface DriveItemStub {
  getId(): unknown;
  getName(): unknown;
  getDateCreated(): unknown;
  isTrashed(): unknown;
  setTrashed(trashed: unknown): unknown;
  addViewer(user: unknown): unknown;
  addViewers(users: unknown): unknown;
}

/**
 * Base of Folder and File, on top of the generated stub of either (which answers every member
 * not modeled): the members both have. A subclass supplies `env` and `id`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's form for a mixin's base
function driveItemBase<Stub extends abstract new (...args: any[]) => DriveItemStub>(
  Stub: Stub,
  kind: 'Folder' | 'File',
) {
  abstract class FakeDriveItem extends Stub {
    protected abstract readonly env: ExecutionEnv;
    protected abstract readonly id: string;

    // Reading a property answers from the metadata fetched with the object; a change is a round trip.
    protected item(member: string, cost: CallKind = 'local'): DriveItem {
      this.env.call(`${kind}.${member}`, cost, NEEDS_DRIVE);
      const found = driveState(this.env.state).items[this.id];
      if (!found || !reachable(this.env, found)) throw gasError(NOT_FOUND);
      return found;
    }

    protected share(member: string, role: 'viewers' | 'editors', value: unknown): this {
      const target = this.item(member, 'drive');
      if (!mayEdit(this.env, target)) throw gasError('Access denied: DriveApp.');
      for (const email of emailsOf(`${kind}.${member}`, value)) {
        if (email !== target.owner && !target[role].includes(email)) target[role].push(email);
      }
      return this;
    }

    override getId(): string {
      return this.item('getId').id;
    }

    override getName(): string {
      return this.item('getName').name;
    }

    override getDateCreated(): Date {
      return new Date(this.item('getDateCreated').createdAt);
    }

    override isTrashed(): boolean {
      return this.item('isTrashed').trashed;
    }

    override setTrashed(trashed: unknown): this {
      const target = this.item('setTrashed', 'drive');
      if (typeof trashed !== 'boolean') throw signatureMismatch(`${kind}.setTrashed`, [trashed]);
      if (!mayEdit(this.env, target)) throw gasError('Access denied: DriveApp.');
      target.trashed = trashed;
      return this;
    }

    override addViewer(user: unknown): this {
      return this.share('addViewer', 'viewers', user);
    }

    override addViewers(users: unknown): this {
      if (!Array.isArray(users)) throw signatureMismatch(`${kind}.addViewers`, [users]);
      return this.share('addViewers', 'viewers', users);
    }
  }
  return FakeDriveItem;
}

class FakeFolder extends driveItemBase(FolderStub, 'Folder') implements GoogleAppsScript.Drive.Folder {
  constructor(
    protected readonly env: ExecutionEnv,
    protected readonly id: string,
  ) {
    super();
  }

  override getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.item('getUrl').id}`;
  }

  override addEditor(user: unknown): this {
    return this.share('addEditor', 'editors', user);
  }

  override getFiles(): FakeFileIterator {
    const folder = this.item('getFiles', 'drive');
    const files = Object.values(driveState(this.env.state).items).filter(
      (i) => i.kind === 'file' && i.parentId === folder.id && !i.trashed && reachable(this.env, i),
    );
    return new FakeFileIterator(
      this.env,
      files.map((f) => f.id),
    );
  }

  /** createFile(blob) or createFile(name, content[, mimeType]). */
  override createFile(...args: unknown[]): FakeFile {
    const folder = this.item('createFile', 'drive');
    if (!mayEdit(this.env, folder)) throw gasError('Access denied: DriveApp.');
    return createFileIn(this.env, folder.id, args, 'Folder.createFile');
  }

  override createFolder(name: unknown): FakeFolder {
    const folder = this.item('createFolder', 'drive');
    if (typeof name !== 'string') throw signatureMismatch('Folder.createFolder', [name]);
    return new FakeFolder(this.env, addItem(this.env, { kind: 'folder', name, parentId: folder.id }).id);
  }
}

class FakeFile extends driveItemBase(FileStub, 'File') implements GoogleAppsScript.Drive.File {
  constructor(
    protected readonly env: ExecutionEnv,
    protected readonly id: string,
  ) {
    super();
  }

  override getUrl(): string {
    return `https://drive.google.com/file/d/${this.item('getUrl').id}/view`;
  }

  override getSize(): number {
    return this.item('getSize').size;
  }

  override getMimeType(): string {
    return this.item('getMimeType').mimeType;
  }

  override getLastUpdated(): Date {
    return new Date(this.item('getLastUpdated').updatedAt);
  }

  override getBlob(): FakeBlob {
    const file = this.item('getBlob', 'drive');
    const bytes = readDriveFile(this.env.state, this.env.config.driveDir, file.id)?.bytes ?? Buffer.alloc(0);
    return new FakeBlob(this.env, bytes, file.mimeType, file.name);
  }
}

/** Adds an item owned by the running user, reachable by the script for that user. */
function addItem(
  env: ExecutionEnv,
  fields: { kind: DriveItem['kind']; name: string; parentId: string | null; mimeType?: string; size?: number },
): DriveItem {
  const user = userOf(env);
  const at = env.clock.now();
  const item: DriveItem = {
    id: newId(env),
    kind: fields.kind,
    name: fields.name,
    mimeType: fields.mimeType ?? FOLDER_MIME_TYPE,
    parentId: fields.parentId,
    owner: user,
    viewers: [],
    editors: [],
    scriptUsers: [user],
    createdAt: at,
    updatedAt: at,
    trashed: false,
    size: fields.size ?? 0,
  };
  driveState(env.state).items[item.id] = item;
  return item;
}

function createFileIn(env: ExecutionEnv, parentId: string | null, args: unknown[], member: string): FakeFile {
  let name: string;
  let mimeType: string;
  let bytes: Buffer;
  const [first, content, type] = args;
  if (args.length === 1 && first && typeof (first as GoogleAppsScript.Base.BlobSource).getBlob === 'function') {
    const blob = (first as GoogleAppsScript.Base.BlobSource).getBlob();
    name = blob.getName() ?? 'Untitled';
    mimeType = blob.getContentType() ?? 'application/octet-stream';
    bytes = Buffer.from(blob.getBytes().map((b) => b & 0xff));
  } else if ((args.length === 2 || args.length === 3) && typeof first === 'string' && typeof content === 'string') {
    name = first;
    mimeType = type === undefined ? 'text/plain' : String(type);
    bytes = Buffer.from(content, 'utf8');
  } else {
    throw signatureMismatch(member, args);
  }
  const item = addItem(env, { kind: 'file', name, parentId, mimeType, size: bytes.length });
  if (env.config.driveDir) {
    mkdirSync(env.config.driveDir, { recursive: true });
    writeFileSync(path.join(env.config.driveDir, item.id), bytes);
  } else {
    item.base64 = bytes.toString('base64');
  }
  return new FakeFile(env, item.id);
}

/** The members the generated FolderIterator and FileIterator stubs both declare, which their shared base overrides. */
interface DriveIteratorStub {
  hasNext(): unknown;
  next(): unknown;
}

/**
 * Base of FolderIterator and FileIterator, on top of the generated stub of either: steps through
 * the ids found, and `open` makes the Folder or File of each. A subclass supplies `env` and `ids`.
 */
function driveIteratorBase<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's form for a mixin's base
  Stub extends abstract new (...args: any[]) => DriveIteratorStub,
  Item,
>(Stub: Stub, kind: 'FolderIterator' | 'FileIterator', open: (env: ExecutionEnv, id: string) => Item) {
  abstract class FakeDriveIterator extends Stub {
    protected abstract readonly env: ExecutionEnv;
    protected abstract readonly ids: string[];
    private index = 0;

    override hasNext(): boolean {
      this.env.call(`${kind}.hasNext`, 'local', NEEDS_DRIVE);
      return this.index < this.ids.length;
    }

    override next(): Item {
      this.env.call(`${kind}.next`, 'drive', NEEDS_DRIVE);
      const id = this.ids[this.index++];
      if (id === undefined) throw gasError('Cannot retrieve the next object: iterator has reached the end.');
      return open(this.env, id);
    }
  }
  return FakeDriveIterator;
}

class FakeFolderIterator
  extends driveIteratorBase(FolderIteratorStub, 'FolderIterator', (env, id) => new FakeFolder(env, id))
  implements GoogleAppsScript.Drive.FolderIterator
{
  constructor(
    protected readonly env: ExecutionEnv,
    protected readonly ids: string[],
  ) {
    super();
  }
}

class FakeFileIterator
  extends driveIteratorBase(FileIteratorStub, 'FileIterator', (env, id) => new FakeFile(env, id))
  implements GoogleAppsScript.Drive.FileIterator
{
  constructor(
    protected readonly env: ExecutionEnv,
    protected readonly ids: string[],
  ) {
    super();
  }
}

class FakeDriveApp extends DriveAppStub implements GoogleAppsScript.Drive.DriveApp {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  private find(member: string, id: unknown, kind: DriveItem['kind']): DriveItem {
    this.env.call(`DriveApp.${member}`, 'drive', NEEDS_DRIVE);
    if (typeof id !== 'string') throw signatureMismatch(`DriveApp.${member}`, [id]);
    const item = driveState(this.env.state).items[id];
    if (!item || item.kind !== kind || !reachable(this.env, item)) throw gasError(NOT_FOUND);
    return item;
  }

  override getFolderById(id: unknown): FakeFolder {
    return new FakeFolder(this.env, this.find('getFolderById', id, 'folder').id);
  }

  override getFileById(id: unknown): FakeFile {
    return new FakeFile(this.env, this.find('getFileById', id, 'file').id);
  }

  override createFolder(name: unknown): FakeFolder {
    this.env.call('DriveApp.createFolder', 'drive', NEEDS_DRIVE);
    if (typeof name !== 'string') throw signatureMismatch('DriveApp.createFolder', [name]);
    return new FakeFolder(this.env, addItem(this.env, { kind: 'folder', name, parentId: null }).id);
  }

  override createFile(...args: unknown[]): FakeFile {
    this.env.call('DriveApp.createFile', 'drive', NEEDS_DRIVE);
    return createFileIn(this.env, null, args, 'DriveApp.createFile');
  }

  /** Every reachable folder of that name, trashed ones included (as Drive searches by title). */
  override getFoldersByName(name: unknown): FakeFolderIterator {
    this.env.call('DriveApp.getFoldersByName', 'drive', NEEDS_DRIVE);
    if (typeof name !== 'string') throw signatureMismatch('DriveApp.getFoldersByName', [name]);
    const ids = Object.values(driveState(this.env.state).items)
      .filter((i) => i.kind === 'folder' && i.name === name && reachable(this.env, i))
      .map((i) => i.id);
    return new FakeFolderIterator(this.env, ids);
  }
}

export function createDriveApp(env: ExecutionEnv): GoogleAppsScript.Drive.DriveApp {
  return new FakeDriveApp(env);
}

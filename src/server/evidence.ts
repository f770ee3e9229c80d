/**
 * Photos and videos from the agent's device, saved into a Drive folder of the workbook and linked
 * from the case (the sidebar adds the returned URL to the case's evidence).
 *
 * The folder belongs to the person uploading: with the drive.file scope a script sees only the
 * files it created for that same person, so a folder made by one agent is invisible to the
 * script running for another. Each uploader therefore gets one folder per workbook, created on
 * the first upload and remembered in the document properties, and shared read-only with the team
 * so that everyone who opens the case can open the file.
 */
import {
  base64Head,
  base64Size,
  cleanFileName,
  evidenceMimeType,
  evidenceProblems,
  type EvidenceFile,
} from '../domain/evidence';
import { DomainError, fail } from '../domain/errors';
import { t, type Lang } from '../domain/i18n';
import { normalizeEmail } from '../domain/settings';
import { recordOf } from '../domain/untrusted';
import { addFolderViewers, createFolder, saveFile, usableFolder } from '../services/drive';
import { withDocumentLock } from '../services/lock';
import { getDocumentProperty, setDocumentProperty } from '../services/properties';
import { handleRequest, type RequestContext } from './context';

export interface EvidenceUpload {
  name: string;
  mimeType: string;
  /** The file's bytes, base64 (google.script.run carries strings, not binary). */
  dataBase64: string;
}

export interface UploadedEvidence {
  url: string;
  name: string;
  size: number;
}

/** What the document properties remember per uploader. */
interface EvidenceFolderRecord {
  folderId: string;
  /** Who has been given read access already, so each person is added (and notified) once. */
  sharedWith: string[];
}

const folderProperty = (email: string) => `arbiter.evidence.folder.${email}`;

export function apiUploadEvidence(input: unknown): UploadedEvidence {
  return handleRequest(['agent', 'lead', 'owner'], (ctx) => {
    // Everything is checked before Drive is touched: a refused file leaves nothing behind.
    const upload = checkUpload(input, ctx.lang);
    const folderId = evidenceFolder(ctx);
    const stored = saveFile(folderId, upload.name, upload.mimeType, upload.dataBase64);
    return { url: stored.url, name: stored.name, size: stored.size };
  });
}

function checkUpload(input: unknown, lang: Lang): EvidenceUpload {
  const body = recordOf(input) ?? fail('validation', 'input.object');
  const name = cleanFileName(typeof body.name === 'string' ? body.name : '');
  const mimeType = evidenceMimeType(name, typeof body.mimeType === 'string' ? body.mimeType : '');
  const dataBase64 = typeof body.dataBase64 === 'string' ? body.dataBase64 : '';
  const size = base64Size(dataBase64);
  if (size === null) fail('validation', 'evidence.data', undefined, 'evidence');
  const file: EvidenceFile = { name, mimeType, size, head: base64Head(dataBase64) };
  const problems = evidenceProblems(file, lang);
  if (problems.length > 0) throw new DomainError('validation', problems);
  return { name, mimeType, dataBase64 };
}

/** This uploader's evidence folder for the workbook: found, or created and shared once. */
function evidenceFolder(ctx: RequestContext): string {
  // Under the lock, two uploads started at once by the same person still make one folder.
  return withDocumentLock(() => {
    const key = folderProperty(ctx.email);
    const remembered = parseRecord(getDocumentProperty(key));
    const record: EvidenceFolderRecord =
      remembered && usableFolder(remembered.folderId)
        ? remembered
        : {
            folderId: createFolder(t(ctx.lang, 'evidence.folder', { spreadsheet: ctx.wb.ss.getName() })),
            sharedWith: [],
          };
    const team = new Set(ctx.settings.team.map((m) => normalizeEmail(m.email)));
    const newcomers = [...team].filter((email) => email && email !== ctx.email && !record.sharedWith.includes(email));
    addFolderViewers(record.folderId, newcomers);
    if (record !== remembered || newcomers.length > 0) {
      setDocumentProperty(key, JSON.stringify({ ...record, sharedWith: [...record.sharedWith, ...newcomers] }));
    }
    return record.folderId;
  });
}

function parseRecord(text: string | null): EvidenceFolderRecord | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<EvidenceFolderRecord>;
    if (typeof value.folderId !== 'string' || !value.folderId) return null;
    return { folderId: value.folderId, sharedWith: Array.isArray(value.sharedWith) ? value.sharedWith : [] };
  } catch {
    return null;
  }
}

/**
 * Drive: the folder of a workbook's evidence and the files in it. The manifest asks for
 * drive.file only, so the script sees nothing in Drive but what it created itself.
 */

export interface StoredFile {
  id: string;
  url: string;
  name: string;
  size: number;
}

/** Is there a folder with this id that this user's script can use (not in the trash)? */
export function usableFolder(id: string): boolean {
  try {
    return !DriveApp.getFolderById(id).isTrashed();
  } catch {
    // Deleted, or created by the script for someone else (drive.file is per user): not usable.
    return false;
  }
}

/** Creates a folder in the user's My Drive; returns its id. */
export function createFolder(name: string): string {
  return DriveApp.createFolder(name).getId();
}

/** Lets these people open what the folder holds (read only). */
export function addFolderViewers(folderId: string, emails: readonly string[]): void {
  if (emails.length > 0) DriveApp.getFolderById(folderId).addViewers([...emails]);
}

export function saveFile(folderId: string, name: string, mimeType: string, dataBase64: string): StoredFile {
  const blob = Utilities.newBlob(Utilities.base64Decode(dataBase64), mimeType, name);
  const file = DriveApp.getFolderById(folderId).createFile(blob);
  return { id: file.getId(), url: file.getUrl(), name: file.getName(), size: file.getSize() };
}

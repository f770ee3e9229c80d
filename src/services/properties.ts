/**
 * Document properties: small counters and markers that belong to this workbook. User properties:
 * what one person's script keeps across documents (a trigger's installer finds its workbook there).
 */

/**
 * Null when the store is absent: "when document properties are not available this method returns
 * null" — in a published add-on's time trigger (docs/architecture.md, The emulator).
 */
function documentProperties(): GoogleAppsScript.Properties.Properties | null {
  return PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
}

export function getDocumentProperty(key: string): string | null {
  return documentProperties()?.getProperty(key) ?? null;
}

export function setDocumentProperty(key: string, value: string): void {
  PropertiesService.getDocumentProperties().setProperty(key, value);
}

export function getUserProperties(): Record<string, string> {
  return PropertiesService.getUserProperties().getProperties();
}

export function getUserProperty(key: string): string | null {
  return PropertiesService.getUserProperties().getProperty(key);
}

export function setUserProperty(key: string, value: string): void {
  PropertiesService.getUserProperties().setProperty(key, value);
}

export function deleteUserProperty(key: string): void {
  PropertiesService.getUserProperties().deleteProperty(key);
}

/** Every document property in one call (empty when the store is absent). */
export function getDocumentProperties(): Record<string, string> {
  return documentProperties()?.getProperties() ?? {};
}

/** Whether this execution has the document's properties (not in a published add-on's time trigger). */
export function hasDocumentProperties(): boolean {
  return documentProperties() !== null;
}

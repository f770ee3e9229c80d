/** Document properties: small counters and markers that belong to this workbook. */

export function getDocumentProperty(key: string): string | null {
  return PropertiesService.getDocumentProperties().getProperty(key);
}

export function setDocumentProperty(key: string, value: string): void {
  PropertiesService.getDocumentProperties().setProperty(key, value);
}

/**
 * The name of a field in a message, in the person's language: a case's field from its catalog
 * entry (`field.orderNo`; a step's own in the server's catalog), a Settings path (`team.2.email`, as settings.ts names a problem) from
 * the Settings screen's own words. The server puts it before a problem ("Order number: Required.")
 * and the sidebar finds it there to show the problem next to the field (ui/server-error.ts), so
 * both take it from here. A name with no words for it has no label (docs/product.md, Integrity:
 * what a person reads).
 */
import { isMessageKey, t, type Lang, type MessageKey } from './i18n';
import { isServerMessageKey, tServer } from './i18n/server';
import { isZoneMessageKey, tZone } from './i18n/zones';

/** Each part of a Settings path, by itself or after its parent (`team.name`). */
const SETTINGS_PARTS: Readonly<Record<string, MessageKey>> = {
  language: 'ui.settings.language',
  caseIdPrefix: 'ui.settings.prefix',
  digestHour: 'ui.settings.digestHour',
  phoneCountry: 'ui.settings.phoneCountry',
  calendar: 'ui.settings.calendar',
  timeZone: 'ui.settings.timeZone',
  open: 'ui.settings.open',
  close: 'ui.settings.close',
  holidays: 'ui.settings.holidays',
  sla: 'ui.settings.sla',
  firstResponse: 'ui.settings.firstResponse',
  resolution: 'ui.settings.resolution',
  departments: 'ui.settings.departments',
  'departments.name': 'ui.settings.department',
  owners: 'field.ownerEmail',
  head: 'ui.settings.head',
  escalation: 'ui.settings.escalation',
  rootCauses: 'ui.settings.rootCauses',
  channels: 'ui.settings.channels',
  kinds: 'ui.settings.kinds',
  sources: 'ui.settings.sources',
  team: 'ui.settings.team',
  'team.email': 'ui.settings.email',
  'team.name': 'ui.settings.name',
  'team.role': 'ui.settings.role',
  'team.team': 'field.team',
  'team.language': 'ui.settings.memberLanguage',
  templates: 'ui.settings.templates',
  'templates.key': 'ui.settings.templateKey',
  'templates.name': 'ui.settings.templateName',
  'templates.text': 'ui.settings.templateText',
  settings: 'ui.nav.settings',
};

/** Parts of a path that are named as they are: a criticality, the escalation's addressees. */
const AS_IS = new Set(['A', 'B', 'C', 'coo', 'ceo']);

const partKey = (name: string): MessageKey | undefined =>
  Object.prototype.hasOwnProperty.call(SETTINGS_PARTS, name) ? SETTINGS_PARTS[name] : undefined;

function settingsPathLabel(path: string, lang: Lang): string | null {
  const parts = path.split('.');
  const top = parts[0] ?? '';
  const words: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (/^\d{1,4}$/.test(part)) words.push(String(Number(part) + 1));
    else if (AS_IS.has(part)) words.push(part.toUpperCase());
    else {
      const key = (i > 0 ? partKey(`${top}.${part}`) : undefined) ?? partKey(part);
      if (!key) return null;
      words.push(t(lang, key));
    }
  }
  return words.join(' › ');
}

/** The field's name in `lang`, or null when it has none (an unknown name someone sent). */
export function fieldLabel(field: string, lang: Lang): string | null {
  const key = `field.${field}`;
  if (isMessageKey(key)) return t(lang, key);
  if (isServerMessageKey(key)) return tServer(lang, key);
  if (isZoneMessageKey(key)) return tZone(lang, key);
  return /^[A-Za-z][\w.]*$/.test(field) ? settingsPathLabel(field, lang) : null;
}

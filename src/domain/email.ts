/**
 * An email as content, before it is HTML: every job (hourly notices, the daily digest, the weekly
 * summary) describes what it says with these types and one renderer turns it into an HTML part
 * and a plain-text part, escaped, in the recipient's language, readable on a phone.
 */
import type { Lang } from './i18n';

export interface EmailLink {
  url: string;
  label: string;
}

export interface EmailItem {
  /** The line a person scans: e.g. "CS-2026-00042 · Иванов · A". */
  title: string;
  /** Short facts shown under the title: owner, how late, the due time. */
  facts: string[];
  /** A longer text (the summary), shortened by the renderer. */
  text?: string;
  link?: EmailLink;
  tone?: 'overdue' | 'at_risk' | 'normal';
}

export interface EmailSection {
  title: string;
  items: EmailItem[];
}

export interface EmailDoc {
  lang: Lang;
  subject: string;
  /** The heading at the top of the message. */
  title: string;
  intro?: string;
  sections: EmailSection[];
  /** The main link (the spreadsheet, the weekly tab). */
  link?: EmailLink;
  footer?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

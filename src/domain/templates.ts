/**
 * Client messages from Settings templates. WhatsApp is the main channel (docs/product.md, Case
 * lifecycle), so every message comes with a wa.me link that opens the chat with the text ready to
 * send.
 */
import type { Case } from './model';

export interface RenderedMessage {
  text: string;
  whatsappUrl: string;
}

export const TEMPLATE_PLACEHOLDERS = ['client', 'case', 'order', 'deadline', 'agent', 'resolution', 'summary'] as const;

export function renderTemplate(
  template: string,
  c: Pick<Case, 'id' | 'client' | 'orderNo' | 'contact' | 'resolution' | 'summary'>,
  extra: { agentName: string; deadline: string },
): RenderedMessage {
  const values: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string> = {
    client: c.client,
    case: c.id,
    order: c.orderNo,
    deadline: extra.deadline,
    agent: extra.agentName,
    resolution: c.resolution,
    summary: c.summary,
  };
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name as keyof typeof values] : whole,
  );
  return { text, whatsappUrl: whatsappLink(c.contact, text) };
}

/**
 * wa.me wants the number in international form, digits only. A contact that is not a phone
 * number gives a link without one: WhatsApp then asks whom to send the text to.
 */
export function whatsappLink(contact: string, text: string): string {
  const digits = contact.replace(/[^\d]/g, '');
  const phone = /^\+?[\d\s()-]{10,}$/.test(contact.trim()) && digits.length >= 10 && digits.length <= 15 ? digits : '';
  return `https://wa.me/${phone}?text=${encodeURIComponent(text)}`;
}

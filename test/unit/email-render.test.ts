/**
 * The email renderer: every value escaped, only https links to Google's hosts become anchors,
 * colour AND text for urgency, the plain-text part carries the same content. The HTML is read
 * back with parse5 (the WHATWG parser jsdom uses), so "no element from the input" is judged the
 * way a browser or a mail client would parse the message, not by a regex.
 */
import fc from 'fast-check';
import { parse } from 'parse5';
import type { EmailDoc, EmailItem } from '../../src/domain/email';
import { EMAIL_LIMITS, renderEmail, safeLinkUrl, shorten } from '../../src/domain/email-render';
import { activeContent, elements, textOf } from '../support/html';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><a href="javascript:alert(1)">x</a>',
  "'><svg onload=alert(1)>",
  '</td></tr></table><iframe src=//evil>',
  '<!-- <script> -->',
  '<![CDATA[<script>]]>',
  '&lt;script&gt;',
  'javascript:alert(1)',
  '<style>body{display:none}</style>',
  '`onmouseover=alert(1)',
];

function doc(overrides: Partial<EmailDoc> = {}, item: Partial<EmailItem> = {}): EmailDoc {
  return {
    lang: 'en',
    subject: 'Cases need you',
    title: 'Two cases need you',
    intro: 'Here they are.',
    sections: [
      {
        title: 'Overdue',
        items: [
          {
            title: 'CS-2026-00042 · ACME · A',
            facts: ['Owner: Logistics', '3 h late'],
            text: 'The pallet arrived broken.',
            link: { url: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=1&range=A5', label: 'Open the row' },
            tone: 'overdue',
            ...item,
          },
        ],
      },
    ],
    link: { url: 'https://docs.google.com/spreadsheets/d/abc/edit', label: 'Open Arbiter' },
    footer: 'Arbiter',
    ...overrides,
  };
}

describe('renderEmail', () => {
  test('hostile text in every field stays text: no element, attribute or link from it', () => {
    for (const evil of HOSTILE) {
      const mail = renderEmail({
        lang: 'en',
        subject: evil,
        title: evil,
        intro: evil,
        footer: evil,
        link: { url: evil, label: evil },
        sections: [
          {
            title: evil,
            items: [
              { title: evil, facts: [evil, evil], text: evil, link: { url: evil, label: evil }, tone: 'overdue' },
            ],
          },
        ],
      });
      expect(activeContent(mail.html)).toEqual([]);
      // The text is shown as typed, not lost: the heading reads exactly the input.
      const h1 = elements(parse(mail.html)).find((element) => element.tagName === 'h1');
      expect(textOf(h1!)).toBe(shorten(evil, EMAIL_LIMITS.title));
      expect(mail.text).toContain(shorten(evil, EMAIL_LIMITS.title));
    }
  });

  test('property: arbitrary strings in every field never make an element or attribute', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...HOSTILE), fc.webUrl());
    const item = fc.record({
      title: text,
      facts: fc.array(text, { maxLength: 3 }),
      text: fc.option(text, { nil: undefined }),
      link: fc.option(fc.record({ url: text, label: text }), { nil: undefined }),
      tone: fc.constantFrom('overdue' as const, 'at_risk' as const, 'normal' as const, undefined),
    });
    const emailDoc = fc.record({
      lang: fc.constantFrom('ru' as const, 'en' as const),
      subject: text,
      title: text,
      intro: fc.option(text, { nil: undefined }),
      footer: fc.option(text, { nil: undefined }),
      link: fc.option(fc.record({ url: text, label: text }), { nil: undefined }),
      sections: fc.array(fc.record({ title: text, items: fc.array(item, { maxLength: 3 }) }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(emailDoc, (input) => {
        const mail = renderEmail(input);
        expect(activeContent(mail.html)).toEqual([]);
        expect(mail.subject).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });

  test('only https links to the spreadsheet and Drive become anchors', () => {
    expect(safeLinkUrl('https://docs.google.com/spreadsheets/d/x/edit#gid=0&range=A2')).toBe(
      'https://docs.google.com/spreadsheets/d/x/edit#gid=0&range=A2',
    );
    expect(safeLinkUrl('https://drive.google.com/file/d/1/view')).toBe('https://drive.google.com/file/d/1/view');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'http://docs.google.com/x',
      'https://docs.google.com.evil.ru/x',
      'https://evil.ru/?https://docs.google.com/',
      'https://user:pass@docs.google.com/x',
      'https://docs.google.com:8443/x',
      'data:text/html,<script>',
      '//docs.google.com/x',
      '',
    ])
      expect(safeLinkUrl(bad)).toBeNull();

    const mail = renderEmail(doc({}, { link: { url: 'https://evil.ru/x', label: 'Click' } }));
    const anchors = elements(parse(mail.html)).filter((element) => element.tagName === 'a');
    expect(anchors.map((a) => a.attrs.find((attr) => attr.name === 'href')?.value)).toEqual([
      'https://docs.google.com/spreadsheets/d/abc/edit',
    ]);
    expect(mail.html).toContain('Click');
    expect(mail.text).not.toContain('evil.ru');
  });

  test('urgency is shown by colour and by a word, in the language of the email', () => {
    const en = renderEmail(doc());
    expect(en.html).toContain('#c5221f');
    expect(en.html).toMatch(/>Overdue<\/span>/);
    expect(en.text).toContain('[OVERDUE] CS-2026-00042 · ACME · A');
    const ru = renderEmail(doc({ lang: 'ru' }, { tone: 'at_risk' }));
    expect(ru.html).toContain('#b06000');
    expect(ru.html).toMatch(/>Под угрозой<\/span>/);
    expect(ru.text).toContain('[ПОД УГРОЗОЙ]');
  });

  test('one column at most 600 px wide, with links as large tap targets', () => {
    const { html } = renderEmail(doc());
    expect(html).toContain('max-width:600px');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<style/i);
    for (const anchor of elements(parse(html)).filter((element) => element.tagName === 'a'))
      expect(anchor.attrs.find((attr) => attr.name === 'style')?.value).toMatch(/padding:1\dpx/);
  });

  test('the plain-text part carries the same content', () => {
    const { text } = renderEmail(doc());
    for (const part of [
      'Two cases need you',
      'Here they are.',
      'Overdue (1)',
      'CS-2026-00042 · ACME · A',
      'Owner: Logistics · 3 h late',
      'The pallet arrived broken.',
      'Open the row: https://docs.google.com/spreadsheets/d/abc/edit#gid=1&range=A5',
      'Open Arbiter: https://docs.google.com/spreadsheets/d/abc/edit',
      'Arbiter',
    ])
      expect(text).toContain(part);
  });

  test('long summaries are shortened, by characters, never inside a surrogate pair', () => {
    const long = '😀'.repeat(1000);
    const { html, text } = renderEmail(doc({}, { text: long }));
    const shown = shorten(long, EMAIL_LIMITS.text, true);
    expect(Array.from(shown)).toHaveLength(EMAIL_LIMITS.text);
    expect(shown.endsWith('…')).toBe(true);
    expect(html).toContain(shown);
    expect(text).toContain(shown);
    expect(shorten('a\u0000b\nc', 10)).toBe('a b c');
    expect(shorten('\ud800x', 10)).toBe('\ufffdx');
  });

  test('empty sections are left out', () => {
    const { html, text } = renderEmail(doc({ sections: [{ title: 'Nothing here', items: [] }] }));
    expect(html).not.toContain('Nothing here');
    expect(text).not.toContain('Nothing here');
  });
});

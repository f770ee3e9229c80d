/**
 * The built sidebar (test/global-setup.js builds it): one self-contained file that reaches no
 * network, carries none of the server's code (rpc.ts imports the server for types only), and
 * stays small.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR } from '../support/bundles';

const html = readFileSync(path.join(BUILD_DIR, 'sidebar.html'), 'utf8');

describe('build/sidebar.html', () => {
  test('everything is inlined: no external script, style sheet, font or image', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/@import|@font-face|url\(\s*['"]?https?:/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
  });

  test('no server code: no Apps Script service, no workbook or lock code', () => {
    for (const name of ['SpreadsheetApp', 'PropertiesService', 'LockService', 'DriveApp', 'MailApp', 'Utilities.']) {
      expect(html).not.toContain(name);
    }
    expect(html).not.toContain('arbiter.seq.');
    expect(html).not.toContain('arbiter.evidence.folder');
  });

  // Apps Script sets no such small limit: the budget is for load time on a slow connection (about
  // 47 KiB gzipped at 153 KiB). It rose from 128 KiB with the Zones of growth and CSI tabs, most of
  // it their texts in both catalogs and the input checks they share with the server, to the round
  // figure with about 10 % to spare; the next rise needs a reason as good. It rose to about 173 KiB
  // with issue 11's conversation (notes and questions, messages sent, new deadlines and their
  // approval, the timeline's old → new) and the sidebar's polish, in both catalogs: 185 KiB.
  test('small: under 185 KiB (Preact, both catalogs, the domain checks it shares with the server)', () => {
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(185 * 1024);
  });
});

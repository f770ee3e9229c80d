/**
 * The design lives in the repository: a comment that needs a source cites docs/ by file and
 * section, never a document a person who clones the repo does not have, and every such citation
 * names a section that exists. Other code cites the sections by name, so their titles are fixed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE_TREES = ['src', 'emulator', 'scripts', 'test', 'bench'];
const ROOT_FILES = ['eslint.config.mjs', 'jest.config.js'];
const SKIPPED = new Set(['node_modules', 'generated', 'artifacts', 'results']);
const SOURCE_FILE = /\.(ts|tsx|mjs|js|html|css)$/;

/** The sections other code and docs cite, in order (see docs/architecture.md and docs/product.md). */
const SECTIONS: Record<string, string[]> = {
  'architecture.md': [
    'Layers',
    'Data flow',
    'The build',
    'The emulator',
    'The performance model',
    'Adding an API function',
    'Adding a job',
  ],
  'product.md': [
    'Users',
    'The workbook',
    'Case lifecycle',
    'Finding cases',
    'SLA and the business calendar',
    'Escalation',
    'KPIs',
    'Zones of growth and CSI',
    'The sidebar',
    'Integrity',
  ],
};

/** Sources that live outside the repository: the design memo, the seed memos, the shared folder. */
const OUTSIDE_SOURCES: ReadonlyArray<[string, RegExp]> = [
  ['the design memo', /\bDESIGN\.md\b/],
  ['a seed memo', /\bseeds?\b[\s*/#-]*0\d\d\b/i],
  ['the shared folder', /\/work\/shared\b|\bshared\/(seeds|DESIGN)/i],
];

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return SKIPPED.has(name) ? [] : walk(full);
    return SOURCE_FILE.test(name) ? [full] : [];
  });
}

const sourceFiles = [
  ...SOURCE_TREES.flatMap((tree) => walk(path.join(ROOT, tree))),
  ...ROOT_FILES.map((name) => path.join(ROOT, name)).filter(existsSync),
];
const docFiles = readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join(ROOT, 'docs', name));
const read = (file: string) => readFileSync(file, 'utf8');
const rel = (file: string) => path.relative(ROOT, file);
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** A doc's headings (any level), as written and as GitHub's anchors. */
function headings(doc: string): { titles: Set<string>; anchors: Set<string> } {
  const titles = [...read(path.join(ROOT, 'docs', doc)).matchAll(/^#{1,6} +(.+?) *$/gm)].map((m) => m[1] as string);
  return { titles: new Set(titles), anchors: new Set(titles.map(anchorOf)) };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Text of a citation that a comment wrapped over lines: the comment markers removed. */
function unwrap(text: string): string {
  return text
    .replace(/^(\*|\/\/|#)\s+/, '')
    .replace(/\s*\n\s*(\*|\/\/|#)?\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Citation {
  /** Where in the text it starts. */
  index: number;
  doc: string;
  /** A section title, or an anchor (`kpis`). */
  section: string;
  anchor: boolean;
}

/**
 * A doc and a section closed by a parenthesis, or a doc and an anchor, anywhere; in a doc (`inDoc`, its file
 * name), also its links to an anchor of itself or of a sibling doc.
 */
function citationsIn(text: string, inDoc?: string): Citation[] {
  const found: Citation[] = [];
  for (const m of text.matchAll(/docs\/([\w-]+\.md),\s*([^)]+)\)/g)) {
    // A section's name ends at a colon (a detail follows) or a semicolon, and a semicolon may
    // start another citation: see the last test.
    const [first = '', ...rest] = unwrap(m[2] as string).split(';');
    const sectionOf = (part: string) => (part.split(':')[0] ?? '').trim();
    found.push({ index: m.index ?? 0, doc: m[1] as string, section: sectionOf(first), anchor: false });
    for (const part of rest) {
      const next = /^\s*docs\/([\w-]+\.md),\s*(.+)$/.exec(part);
      if (next)
        found.push({
          index: m.index ?? 0,
          doc: next[1] as string,
          section: sectionOf(next[2] as string),
          anchor: false,
        });
    }
  }
  for (const m of text.matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g))
    found.push({ index: m.index ?? 0, doc: m[1] as string, section: m[2] as string, anchor: true });
  if (inDoc) {
    for (const m of text.matchAll(/\]\(([\w-]+\.md)?#([\w-]+)\)/g))
      found.push({ index: m.index ?? 0, doc: m[1] ?? inDoc, section: m[2] as string, anchor: true });
  }
  return found;
}

function citationProblems(file: string): string[] {
  const text = read(file);
  const inDoc = path.dirname(file) === path.join(ROOT, 'docs') ? path.basename(file) : undefined;
  return citationsIn(text, inDoc)
    .filter((c) => {
      if (!existsSync(path.join(ROOT, 'docs', c.doc))) return true;
      const { titles, anchors } = headings(c.doc);
      return c.anchor ? !anchors.has(c.section) : !titles.has(c.section);
    })
    .map((c) => `${rel(file)}:${lineOf(text, c.index)}: docs/${c.doc} has no section "${c.section}"`);
}

describe('the design lives in the repository', () => {
  test('each doc has exactly the sections others cite, in order', () => {
    for (const [doc, sections] of Object.entries(SECTIONS)) {
      const text = read(path.join(ROOT, 'docs', doc));
      expect([...text.matchAll(/^## +(.+?) *$/gm)].map((m) => m[1])).toEqual(sections);
    }
  });

  test('no comment cites a document that is not in the repository', () => {
    const offending = sourceFiles.flatMap((file) => {
      const text = read(file);
      return OUTSIDE_SOURCES.flatMap(([what, pattern]) => {
        const global = new RegExp(pattern.source, `${pattern.flags}g`);
        return [...text.matchAll(global)].map((m) => `${rel(file)}:${lineOf(text, m.index ?? 0)} cites ${what}`);
      });
    });
    expect(offending).toEqual([]);
  });

  test('every citation of docs/ names a doc and a section that exist', () => {
    const files = [...sourceFiles, ...docFiles, path.join(ROOT, 'README.md')];
    expect(files.flatMap(citationProblems)).toEqual([]);
    // The check sees citations at all: the docs cite each other by anchor.
    expect(docFiles.flatMap((file) => citationsIn(read(file), path.basename(file))).length).toBeGreaterThan(0);
  });

  test('the checks catch what they are for', () => {
    // Built from pieces, so that this file holds no citation of its own.
    const cite = (...parts: string[]) => citationsIn(['(docs/', ...parts].join(''));
    expect(cite('product.md, SLA and the', '\n * business calendar)')[0]?.section).toBe(
      'SLA and the business calendar',
    );
    expect(cite('product.md,', '\n * Case lifecycle)')[0]?.section).toBe('Case lifecycle');
    expect(cite('product.md, KPIs: the weekly tab; docs/', 'architecture.md, Adding a job; a remark)')).toMatchObject([
      { doc: 'product.md', section: 'KPIs' },
      { doc: 'architecture.md', section: 'Adding a job' },
    ]);
    expect(headings('product.md').titles.has('SLA and the business calendar')).toBe(true);
    expect(anchorOf('SLA and the business calendar')).toBe('sla-and-the-business-calendar');
    expect(anchorOf('Zones of growth and CSI')).toBe('zones-of-growth-and-csi');
    const [, seed] = OUTSIDE_SOURCES[1] as [string, RegExp];
    expect(seed.test(['(', 'seed', '\n * 003: …)'].join(''))).toBe(true);
    expect(seed.test(['the ', 'seed-', '003 calendar'].join(''))).toBe(true);
    expect(seed.test('seedDemo(emulator); seeded by the serial')).toBe(false);
  });
});

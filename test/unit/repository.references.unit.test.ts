/**
 * The repository documents itself: no tracked file may send a reader to a
 * file outside it (a clone has nothing beside it), and no markdown link to a
 * file or heading that is not there. The event contract and the API are
 * docs/events.md and docs/api.md; code, tests and docs cite those.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Names of documents that live outside the repository, and paths that leave
 * it. Spelled in pieces so that this file does not match itself.
 */
const OUTSIDE = [
  new RegExp(['CONTRACT', '\\.md'].join('')),
  new RegExp(['STACK', '\\.md'].join('')),
  new RegExp(['\\.\\./shared/', '(?![a-z][A-Za-z]*(?:\\.scalar)?[\'"/])'].join('')),
  new RegExp(['/work', '/(?:shared|main|wt)\\b'].join('')),
];

/**
 * The product does not narrate its own making: which session or issue did
 * what belongs in commit messages. Spelled in pieces, as above.
 */
const NARRATION = [
  new RegExp(['\\bsession', ' [0-9]'].join(''), 'i'),
  new RegExp(['\\bissue', ' #?[0-9]'].join(''), 'i'),
  new RegExp(['\\bearlier', ' session'].join(''), 'i'),
  new RegExp(['\\bwe', ' tried\\b'].join(''), 'i'),
];

interface Finding { file: string; line: number; text: string }

/** The lines of `text` that tell the history of the project's own making. */
export function narration(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    if (NARRATION.some((pattern) => pattern.test(line))) findings.push({ file, line: i + 1, text: line.trim() });
  });
  return findings;
}

/** The lines of `text` that reference something outside the repository. */
export function outsideReferences(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    if (OUTSIDE.some((pattern) => pattern.test(line))) findings.push({ file, line: i + 1, text: line.trim() });
  });
  return findings;
}

/** Relative markdown links of `text` (a file at `file`) whose target is outside the repository. */
export function linksLeavingRepository(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) continue;
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      if (resolved.startsWith('../') || resolved === '..') findings.push({ file, line: i + 1, text: line.trim() });
    }
  });
  return findings;
}

/** This file plants references on purpose, to check the check. */
const THIS_FILE = 'test/unit/repository.references.unit.test.ts';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
}

function anchorsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
}

/** Relative markdown links of `text` (a file at `file`) to a file or heading that does not exist. */
export function brokenLinks(file: string, text: string, read: (path: string) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
      const [, target = '', anchor] = match;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) continue;
      const resolved = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      const content = read(resolved);
      if (content === undefined) findings.push({ file, line: i + 1, text: `no file ${target}` });
      else if (anchor && resolved.endsWith('.md') && !anchorsOf(content).has(anchor)) findings.push({ file, line: i + 1, text: `no heading #${anchor} in ${resolved}` });
    }
  });
  return findings;
}

/** Source files named in a document (`listeners/project.ts`) that are not in the repository. */
export function missingSourceFiles(file: string, text: string, folders: readonly string[], exists: (path: string) => boolean): Finding[] {
  if (folders.length === 0) return [];
  const named = new RegExp(`(?<![\\w./-])(?:${folders.join('|')})/[\\w./-]*\\.(?:ts|js)\\b`, 'g');
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [name] of line.matchAll(named)) if (!exists(name)) findings.push({ file, line: i + 1, text: `no file ${name}` });
  });
  return findings;
}

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\0').filter((f) => f !== '' && !/\.(png|jpe?g|gif|ico|woff2?|lock)$/.test(f) && f !== 'package-lock.json' && f !== THIS_FILE);
}

function readInRepository(file: string): string | undefined {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) return undefined;
  try {
    return readFileSync(full, 'utf8');
  } catch {
    return ''; // a directory: it exists
  }
}

describe('references in tracked files', () => {
  it('recognise a planted reference to a document outside the repository', () => {
    const planted = ['See ../shared/', 'CONTRACT', '.md section 4.'].join('');
    assert.equal(outsideReferences('x.ts', `// fine\n// ${planted}\n`).length, 1);
    assert.equal(outsideReferences('x.ts', "import { Money } from '../shared/money';\n").length, 0);
    assert.equal(linksLeavingRepository('docs/a.md', '[c](../../shared/x.md) [d](events.md#order) [e](../README.md)').length, 1);
  });

  it('recognise planted narration of how the project was made', () => {
    const planted = ['Measured in ses', 'sion 4; see is', 'sue 5.'].join('');
    assert.equal(narration('docs/x.md', `fine\n${planted}\n`).length, 1);
    assert.equal(narration('docs/x.md', 'the inspector session ends; an issue of the invoice').length, 0);
  });

  it('recognise a planted source file that does not exist', () => {
    const exists = (p: string) => p === 'listeners/project.ts';
    assert.deepEqual(missingSourceFiles('docs/a.md', 'see `listeners/project.ts` and listeners/projectr.ts, not dist/x.js', ['listeners'], exists)
      .map((f) => f.text), ['no file listeners/projectr.ts']);
  });

  it('recognise a planted link to a missing file or heading', () => {
    const files: Record<string, string> = { 'docs/events.md': '# Events\n## Order, and parking\n', 'README.md': '' };
    const read = (p: string) => files[p];
    assert.equal(headingAnchor('Order, and parking'), 'order-and-parking');
    assert.deepEqual(brokenLinks('docs/a.md', '[a](events.md#order-and-parking) [b](../README.md) [c](https://x.org/y)', read), []);
    assert.deepEqual(brokenLinks('docs/a.md', '[a](events.md#order) [b](missing.md)', read).map((f) => f.text),
      ['no heading #order in docs/events.md', 'no file missing.md']);
  });

  it('find none in the repository', () => {
    const findings: Finding[] = [];
    const files = trackedTextFiles();
    const folders = [...new Set(files.filter((f) => f.includes('/') && !f.startsWith('.')).map((f) => f.split('/')[0]!))];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), 'utf8');
      } catch {
        continue; // listed but deleted in the work tree
      }
      findings.push(...outsideReferences(file, text), ...narration(file, text));
      if (file.endsWith('.md')) {
        findings.push(...linksLeavingRepository(file, text));
        findings.push(...brokenLinks(file, text, readInRepository));
        findings.push(...missingSourceFiles(file, text, folders, (p) => existsSync(path.join(ROOT, p))));
      }
    }
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.text}`), [],
      'cite docs/events.md or docs/api.md instead of a file outside the repository; link only files and headings that exist; ' +
      'leave the history of the project\'s making to commit messages');
  });
});

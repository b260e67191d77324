/**
 * The repository documents itself: no tracked file may send a reader to a
 * file outside it (a clone has nothing beside it). The event contract and the
 * API are docs/events.md and docs/api.md; code, tests and docs cite those.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

interface Finding { file: string; line: number; text: string }

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

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\0').filter((f) => f !== '' && !/\.(png|jpe?g|gif|ico|woff2?|lock)$/.test(f) && f !== 'package-lock.json' && f !== THIS_FILE);
}

describe('references in tracked files', () => {
  it('recognise a planted reference to a document outside the repository', () => {
    const planted = ['See ../shared/', 'CONTRACT', '.md section 4.'].join('');
    assert.equal(outsideReferences('x.ts', `// fine\n// ${planted}\n`).length, 1);
    assert.equal(outsideReferences('x.ts', "import { Money } from '../shared/money';\n").length, 0);
    assert.equal(linksLeavingRepository('docs/a.md', '[c](../../shared/x.md) [d](events.md#order) [e](../README.md)').length, 1);
  });

  it('find none in the repository', () => {
    const findings: Finding[] = [];
    for (const file of trackedTextFiles()) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, file), 'utf8');
      } catch {
        continue; // listed but deleted in the work tree
      }
      findings.push(...outsideReferences(file, text));
      if (file.endsWith('.md')) findings.push(...linksLeavingRepository(file, text));
    }
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.text}`), [],
      'cite docs/events.md or docs/api.md instead of a file outside the repository');
  });
});

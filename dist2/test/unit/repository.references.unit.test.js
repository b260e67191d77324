"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.narration = narration;
exports.outsideReferences = outsideReferences;
exports.linksLeavingRepository = linksLeavingRepository;
exports.headingAnchor = headingAnchor;
exports.brokenLinks = brokenLinks;
exports.missingSourceFiles = missingSourceFiles;
/**
 * The repository documents itself: no tracked file may send a reader to a
 * file outside it (a clone has nothing beside it), and no markdown link to a
 * file or heading that is not there. The event contract and the API are
 * docs/events.md and docs/api.md; code, tests and docs cite those.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const ROOT = node_path_1.default.resolve(__dirname, '..', '..', '..');
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
/** The lines of `text` that tell the history of the project's own making. */
function narration(file, text) {
    const findings = [];
    text.split('\n').forEach((line, i) => {
        if (NARRATION.some((pattern) => pattern.test(line)))
            findings.push({ file, line: i + 1, text: line.trim() });
    });
    return findings;
}
/** The lines of `text` that reference something outside the repository. */
function outsideReferences(file, text) {
    const findings = [];
    text.split('\n').forEach((line, i) => {
        if (OUTSIDE.some((pattern) => pattern.test(line)))
            findings.push({ file, line: i + 1, text: line.trim() });
    });
    return findings;
}
/** Relative markdown links of `text` (a file at `file`) whose target is outside the repository. */
function linksLeavingRepository(file, text) {
    const findings = [];
    text.split('\n').forEach((line, i) => {
        for (const match of line.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
            const target = match[1];
            if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/'))
                continue;
            const resolved = node_path_1.default.posix.normalize(node_path_1.default.posix.join(node_path_1.default.posix.dirname(file), target));
            if (resolved.startsWith('../') || resolved === '..')
                findings.push({ file, line: i + 1, text: line.trim() });
        }
    });
    return findings;
}
/** This file plants references on purpose, to check the check. */
const THIS_FILE = 'test/unit/repository.references.unit.test.ts';
/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
function headingAnchor(heading) {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
}
function anchorsOf(text) {
    return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1])));
}
/** Relative markdown links of `text` (a file at `file`) to a file or heading that does not exist. */
function brokenLinks(file, text, read) {
    const findings = [];
    text.split('\n').forEach((line, i) => {
        for (const match of line.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
            const [, target = '', anchor] = match;
            if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/'))
                continue;
            const resolved = target === '' ? file : node_path_1.default.posix.normalize(node_path_1.default.posix.join(node_path_1.default.posix.dirname(file), target));
            const content = read(resolved);
            if (content === undefined)
                findings.push({ file, line: i + 1, text: `no file ${target}` });
            else if (anchor && resolved.endsWith('.md') && !anchorsOf(content).has(anchor))
                findings.push({ file, line: i + 1, text: `no heading #${anchor} in ${resolved}` });
        }
    });
    return findings;
}
/** Source files named in a document (`listeners/project.ts`) that are not in the repository. */
function missingSourceFiles(file, text, folders, exists) {
    if (folders.length === 0)
        return [];
    const named = new RegExp(`(?<![\\w./-])(?:${folders.join('|')})/[\\w./-]*\\.(?:ts|js)\\b`, 'g');
    const findings = [];
    text.split('\n').forEach((line, i) => {
        for (const [name] of line.matchAll(named))
            if (!exists(name))
                findings.push({ file, line: i + 1, text: `no file ${name}` });
    });
    return findings;
}
function trackedTextFiles() {
    const listed = (0, node_child_process_1.execFileSync)('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
    return listed.split('\0').filter((f) => f !== '' && !/\.(png|jpe?g|gif|ico|woff2?|lock)$/.test(f) && f !== 'package-lock.json' && f !== THIS_FILE);
}
function readInRepository(file) {
    const full = node_path_1.default.join(ROOT, file);
    if (!(0, node_fs_1.existsSync)(full))
        return undefined;
    try {
        return (0, node_fs_1.readFileSync)(full, 'utf8');
    }
    catch {
        return ''; // a directory: it exists
    }
}
(0, node_test_1.describe)('references in tracked files', () => {
    (0, node_test_1.it)('recognise a planted reference to a document outside the repository', () => {
        const planted = ['See ../shared/', 'CONTRACT', '.md section 4.'].join('');
        strict_1.default.equal(outsideReferences('x.ts', `// fine\n// ${planted}\n`).length, 1);
        strict_1.default.equal(outsideReferences('x.ts', "import { Money } from '../shared/money';\n").length, 0);
        strict_1.default.equal(linksLeavingRepository('docs/a.md', '[c](../../shared/x.md) [d](events.md#order) [e](../README.md)').length, 1);
    });
    (0, node_test_1.it)('recognise planted narration of how the project was made', () => {
        const planted = ['Measured in ses', 'sion 4; see is', 'sue 5.'].join('');
        strict_1.default.equal(narration('docs/x.md', `fine\n${planted}\n`).length, 1);
        strict_1.default.equal(narration('docs/x.md', 'the inspector session ends; an issue of the invoice').length, 0);
    });
    (0, node_test_1.it)('recognise a planted source file that does not exist', () => {
        const exists = (p) => p === 'listeners/project.ts';
        strict_1.default.deepEqual(missingSourceFiles('docs/a.md', 'see `listeners/project.ts` and listeners/projectr.ts, not dist/x.js', ['listeners'], exists)
            .map((f) => f.text), ['no file listeners/projectr.ts']);
    });
    (0, node_test_1.it)('recognise a planted link to a missing file or heading', () => {
        const files = { 'docs/events.md': '# Events\n## Order, and parking\n', 'README.md': '' };
        const read = (p) => files[p];
        strict_1.default.equal(headingAnchor('Order, and parking'), 'order-and-parking');
        strict_1.default.deepEqual(brokenLinks('docs/a.md', '[a](events.md#order-and-parking) [b](../README.md) [c](https://x.org/y)', read), []);
        strict_1.default.deepEqual(brokenLinks('docs/a.md', '[a](events.md#order) [b](missing.md)', read).map((f) => f.text), ['no heading #order in docs/events.md', 'no file missing.md']);
    });
    (0, node_test_1.it)('find none in the repository', () => {
        const findings = [];
        const files = trackedTextFiles();
        const folders = [...new Set(files.filter((f) => f.includes('/') && !f.startsWith('.')).map((f) => f.split('/')[0]))];
        for (const file of files) {
            let text;
            try {
                text = (0, node_fs_1.readFileSync)(node_path_1.default.join(ROOT, file), 'utf8');
            }
            catch {
                continue; // listed but deleted in the work tree
            }
            findings.push(...outsideReferences(file, text), ...narration(file, text));
            if (file.endsWith('.md')) {
                findings.push(...linksLeavingRepository(file, text));
                findings.push(...brokenLinks(file, text, readInRepository));
                findings.push(...missingSourceFiles(file, text, folders, (p) => (0, node_fs_1.existsSync)(node_path_1.default.join(ROOT, p))));
            }
        }
        strict_1.default.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.text}`), [], 'cite docs/events.md or docs/api.md instead of a file outside the repository; link only files and headings that exist; ' +
            'leave the history of the project\'s making to commit messages');
    });
});
//# sourceMappingURL=repository.references.unit.test.js.map
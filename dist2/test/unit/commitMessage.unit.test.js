"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The commit-msg hook (.githooks/commit-msg, installed by `npm run hooks`):
 * a subject of at most 72 characters, a blank line, then the body.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const HOOK = node_path_1.default.resolve(__dirname, '..', '..', '..', '.githooks', 'commit-msg');
function runHook(message) {
    const directory = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'commit-msg-'));
    try {
        const file = node_path_1.default.join(directory, 'COMMIT_EDITMSG');
        node_fs_1.default.writeFileSync(file, message);
        const result = (0, node_child_process_1.spawnSync)(process.execPath, [HOOK, file], { encoding: 'utf8' });
        return { status: result.status, stderr: result.stderr };
    }
    finally {
        node_fs_1.default.rmSync(directory, { recursive: true, force: true });
    }
}
(0, node_test_1.describe)('the commit-msg hook', () => {
    (0, node_test_1.it)('takes a subject of 72 characters with a body after a blank line', () => {
        const subject = 'x'.repeat(72);
        strict_1.default.deepEqual(runHook(`${subject}\n\nWhy, and the numbers.\n# a comment git strips\n`), { status: 0, stderr: '' });
        strict_1.default.equal(runHook('Merge branch \'main\' into h13docs\n').status, 0);
    });
    (0, node_test_1.it)('refuses a subject of 73 characters, saying what was expected and what arrived', () => {
        const { status, stderr } = runHook(`${'é'.repeat(73)}\n\nbody\n`);
        strict_1.default.equal(status, 1);
        strict_1.default.match(stderr, /expected a subject of at most 72 characters, got 73/);
    });
    (0, node_test_1.it)('refuses an empty subject and a body that starts on the second line', () => {
        strict_1.default.match(runHook('\n\nbody\n').stderr, /expected a subject on the first line, got none/);
        strict_1.default.match(runHook('subject\nbody right under it\n').stderr, /expected a blank line between the subject and the body/);
    });
});
//# sourceMappingURL=commitMessage.unit.test.js.map
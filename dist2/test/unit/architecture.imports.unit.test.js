"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The import graph follows the flow of events: no module imports one
 * downstream of it, subgraphs, resolvers and live reach neither the listeners
 * nor the gateway, and the neutral modules (access, hub) import no stage.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const importGraph_1 = require("../support/importGraph");
const root = node_path_1.default.join(__dirname, '..', '..', '..');
/**
 * Arrows that are known and on their way out; each must still exist (the
 * test fails once it is gone, so the entry is removed with it).
 */
const ON_THE_WAY_OUT = [
    // The run-time patch of graphql-js's argument values, being removed.
    { from: 'subgraphs/fieldArguments.ts', to: 'gateway/moduleExports' },
];
(0, node_test_1.describe)('the import graph', () => {
    const sources = (0, importGraph_1.readModuleSources)(root);
    (0, node_test_1.it)('reads the sources of every module it checks', () => {
        for (const file of ['hub/eventLog.ts', 'live/changeFeed.ts', 'subgraphs/index.ts', 'listeners/projector.ts', 'access/principal.ts']) {
            strict_1.default.ok(sources.has(file), `${file} not read`);
        }
    });
    (0, node_test_1.it)('has no arrow against the flow', () => {
        const violations = (0, importGraph_1.forbiddenImports)(sources)
            .filter((v) => !ON_THE_WAY_OUT.some((known) => known.from === v.from && known.to === v.to));
        strict_1.default.deepEqual(violations.map((v) => `${v.from} imports ${v.specifier}: ${v.why}`), []);
    });
    (0, node_test_1.it)('still has each arrow listed as on its way out (remove the entry once it is gone)', () => {
        const all = (0, importGraph_1.forbiddenImports)(sources);
        for (const known of ON_THE_WAY_OUT) {
            strict_1.default.ok(all.some((v) => v.from === known.from && v.to === known.to), `${known.from} no longer imports ${known.to}: remove it from ON_THE_WAY_OUT`);
        }
    });
    (0, node_test_1.it)('finds an arrow planted in any form of import', () => {
        const planted = new Map([
            ['live/planted.ts', `import { READ_MODEL } from '../listeners/projector';`],
            ['subgraphs/a/planted.ts', `import type {\n  GatewayCore,\n} from "../../gateway/gateway";`],
            ['resolvers/planted.ts', `export { readIngestStatus } from '../ingest/status';`],
            ['hub/planted.ts', `const m = await import('../ingest/eventStore');`],
            ['access/planted.ts', `const m = require('../gateway/gateway');`],
            ['listeners/planted.ts', `import '../ingest/eventStore';`],
            // Allowed: upstream, neutral, packages, and the module's own files.
            ['live/fine.ts', `import { CHANGES_CHANNEL } from '../hub/channels';\nimport { Pool } from 'pg';\nimport { x } from './changeFeed';`],
            ['gateway/fine.ts', `import { createSubgraphs } from '../subgraphs';`],
        ]);
        strict_1.default.deepEqual((0, importGraph_1.forbiddenImports)(planted).map((v) => `${v.from} -> ${v.to}`), [
            'live/planted.ts -> listeners/projector',
            'subgraphs/a/planted.ts -> gateway/gateway',
            'resolvers/planted.ts -> ingest/status',
            'hub/planted.ts -> ingest/eventStore',
            'access/planted.ts -> gateway/gateway',
            'listeners/planted.ts -> ingest/eventStore',
        ]);
    });
    (0, node_test_1.it)('resolves relative specifiers against the importing file', () => {
        strict_1.default.deepEqual((0, importGraph_1.importsOf)('resolvers/customer/x.ts', `import { a } from '../../hub/status';`).map((a) => a.to), ['hub/status']);
    });
});
//# sourceMappingURL=architecture.imports.unit.test.js.map
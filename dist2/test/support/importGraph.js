"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FORBIDDEN = void 0;
exports.importsOf = importsOf;
exports.forbiddenImports = forbiddenImports;
exports.readModuleSources = readModuleSources;
/**
 * The repository's import graph between its top-level modules, read from the
 * TypeScript sources, and the arrows the architecture forbids. Events flow
 * events → ingest → log → listeners → read model → subgraphs → gateway →
 * live; a module may use what comes before it, never what comes after, and
 * the neutral modules (access, hub and the foundations) use none of the
 * stages. Wiring (cli, bench, simulator, scripts, test) may import anything.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const STAGES = ['ingest', 'listeners', 'subgraphs', 'resolvers', 'gateway', 'live'];
/** For each module, the modules it must not import, and why. */
exports.FORBIDDEN = {
    access: { modules: [...STAGES], why: 'access is neutral: every part may import it, it imports none of them' },
    hub: { modules: [...STAGES], why: 'hub owns the event log, channels, checkpoint and counts for every stage, and depends on none' },
    events: { modules: [...STAGES, 'hub'], why: 'the event catalogue is the foundation every stage reads' },
    db: { modules: [...STAGES, 'hub'], why: 'the database plumbing is a foundation' },
    entities: { modules: [...STAGES, 'hub'], why: 'the table declarations are a foundation' },
    config: { modules: [...STAGES, 'hub'], why: 'configuration is a foundation' },
    ingest: { modules: ['listeners', 'subgraphs', 'resolvers', 'gateway', 'live'], why: 'ingest only writes the log (through hub)' },
    listeners: { modules: ['ingest', 'subgraphs', 'resolvers', 'gateway', 'live'], why: 'listeners read the log through hub, not ingest' },
    subgraphs: { modules: ['ingest', 'listeners', 'gateway', 'live'], why: 'subgraphs read the read model; the log, checkpoint and counts come from hub' },
    resolvers: { modules: ['ingest', 'listeners', 'gateway', 'live'], why: 'resolvers read the read model; the log, checkpoint and counts come from hub' },
    gateway: { modules: ['ingest', 'listeners', 'live'], why: 'the gateway composes subgraphs; live is served beside it, not from it' },
    live: { modules: ['ingest', 'listeners', 'subgraphs', 'resolvers', 'gateway'], why: 'live reads the change feed (hub) and declares what it needs of its host' },
};
/** `import … from`, `export … from`, `import '…'`, `import('…')`, `require('…')`: the specifier of each. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
/** The relative imports of one source file. */
function importsOf(file, source) {
    const arrows = [];
    for (const match of source.matchAll(SPECIFIER)) {
        const specifier = match[2];
        if (!specifier.startsWith('.'))
            continue;
        const to = node_path_1.default.posix.normalize(node_path_1.default.posix.join(node_path_1.default.posix.dirname(file), specifier));
        arrows.push({ from: file, to, specifier });
    }
    return arrows;
}
function topModule(file) {
    return file.split('/')[0];
}
/** The arrows among `sources` (file → text, paths relative to the root) that the architecture forbids. */
function forbiddenImports(sources) {
    const violations = [];
    for (const [file, source] of sources) {
        const rule = exports.FORBIDDEN[topModule(file)];
        if (!rule)
            continue;
        for (const arrow of importsOf(file, source)) {
            if (rule.modules.includes(topModule(arrow.to)))
                violations.push({ ...arrow, why: rule.why });
        }
    }
    return violations;
}
/** Every TypeScript source of the modules the rules cover, under `root`. */
function readModuleSources(root) {
    const sources = new Map();
    const walk = (relative) => {
        for (const entry of node_fs_1.default.readdirSync(node_path_1.default.join(root, relative), { withFileTypes: true })) {
            const child = node_path_1.default.posix.join(relative, entry.name);
            if (entry.isDirectory())
                walk(child);
            else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
                sources.set(child, node_fs_1.default.readFileSync(node_path_1.default.join(root, child), 'utf8'));
        }
    };
    for (const module of Object.keys(exports.FORBIDDEN)) {
        if (node_fs_1.default.existsSync(node_path_1.default.join(root, module)))
            walk(module);
    }
    return sources;
}
//# sourceMappingURL=importGraph.js.map
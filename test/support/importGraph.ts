/**
 * The repository's import graph between its top-level modules, read from the
 * TypeScript sources, and the arrows the architecture forbids. Events flow
 * events → ingest → log → listeners → read model → subgraphs → gateway →
 * live; a module may use what comes before it, never what comes after, and
 * the neutral modules (access, hub and the foundations) use none of the
 * stages. observability (health, metrics, tracing) is cross-cutting like
 * access: every stage and access may import it, and it imports no stage;
 * it reads hub and the foundations (the listeners' checkpoint, the
 * migrations), so hub and the foundations must not import it (that would be
 * a cycle). Wiring (cli, bench, simulator, scripts, test) may import anything.
 */
import fs from 'node:fs';
import path from 'node:path';

const STAGES = ['ingest', 'listeners', 'subgraphs', 'resolvers', 'gateway', 'live'] as const;

/** For each module, the modules it must not import, and why. */
export const FORBIDDEN: Readonly<Record<string, { readonly modules: readonly string[]; readonly why: string }>> = {
  access: { modules: [...STAGES], why: 'access is neutral: every part may import it, it imports none of them' },
  hub: { modules: [...STAGES, 'observability'], why: 'hub owns the event log, channels, checkpoint and counts for every stage, and depends on none (observability reads hub)' },
  observability: { modules: [...STAGES], why: 'health, metrics and tracing serve every stage, and depend on none' },
  events: { modules: [...STAGES, 'hub', 'observability'], why: 'the event catalogue is the foundation every stage reads' },
  db: { modules: [...STAGES, 'hub', 'observability'], why: 'the database plumbing is a foundation' },
  entities: { modules: [...STAGES, 'hub', 'observability'], why: 'the table declarations are a foundation' },
  config: { modules: [...STAGES, 'hub', 'observability'], why: 'configuration is a foundation' },
  ingest: { modules: ['listeners', 'subgraphs', 'resolvers', 'gateway', 'live'], why: 'ingest only writes the log (through hub)' },
  listeners: { modules: ['ingest', 'subgraphs', 'resolvers', 'gateway', 'live'], why: 'listeners read the log through hub, not ingest' },
  subgraphs: { modules: ['ingest', 'listeners', 'gateway', 'live'], why: 'subgraphs read the read model; the log, checkpoint and counts come from hub' },
  resolvers: { modules: ['ingest', 'listeners', 'gateway', 'live'], why: 'resolvers read the read model; the log, checkpoint and counts come from hub' },
  gateway: { modules: ['ingest', 'listeners', 'live'], why: 'the gateway composes subgraphs; live is served beside it, not from it' },
  live: { modules: ['ingest', 'listeners', 'subgraphs', 'resolvers', 'gateway'], why: 'live reads the change feed (hub) and declares what it needs of its host' },
};

export interface ImportArrow {
  /** Source file, relative to the root, with forward slashes. */
  readonly from: string;
  /** The file or directory imported, relative to the root. */
  readonly to: string;
  readonly specifier: string;
}

export interface Violation extends ImportArrow {
  readonly why: string;
}

/** `import … from`, `export … from`, `import '…'`, `import('…')`, `require('…')`: the specifier of each. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** The relative imports of one source file. */
export function importsOf(file: string, source: string): ImportArrow[] {
  const arrows: ImportArrow[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (!specifier.startsWith('.')) continue;
    const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    arrows.push({ from: file, to, specifier });
  }
  return arrows;
}

function topModule(file: string): string {
  return file.split('/')[0]!;
}

/** The arrows among `sources` (file → text, paths relative to the root) that the architecture forbids. */
export function forbiddenImports(sources: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of sources) {
    const rule = FORBIDDEN[topModule(file)];
    if (!rule) continue;
    for (const arrow of importsOf(file, source)) {
      if (rule.modules.includes(topModule(arrow.to))) violations.push({ ...arrow, why: rule.why });
    }
  }
  return violations;
}

/** Every TypeScript source of the modules the rules cover, under `root`. */
export function readModuleSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) sources.set(child, fs.readFileSync(path.join(root, child), 'utf8'));
    }
  };
  for (const module of Object.keys(FORBIDDEN)) {
    if (fs.existsSync(path.join(root, module))) walk(module);
  }
  return sources;
}

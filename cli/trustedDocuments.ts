/**
 * `servicegraph trusted-documents [--out FILE]`: writes the hub's own
 * manifest of trusted documents (Apollo's persisted query list format) — the
 * explorer's example queries and its introspection query, the live page's
 * operations and the saved reports — so that a hub with TRUSTED_DOCUMENTS=allow or require serves its
 * own pages. The committed `trusted-documents.json` is this command's output
 * (a test fails when it is stale); run it after changing any of them:
 *
 *   node dist/cli/main.js trusted-documents --out trusted-documents.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { getOperationAST, parse } from 'graphql';
import { documentId, manifestOf, type TrustedDocument } from '../access/trustedDocuments';
import { EXAMPLE_QUERIES } from '../gateway/exampleQueries';
import { EXPLORER_INTROSPECTION } from '../gateway/explorerIntrospection';
import { LIVE_PAGE_OPERATIONS } from '../live/pageOperations';
import { loadReports } from '../reporting/catalogue';
import { defineCommand } from './command';

/** A document of the hub's own: its text, its one operation named. */
function trusted(body: string, where: string): TrustedDocument {
  const operation = getOperationAST(parse(body));
  if (!operation?.name) throw new Error(`${where}: expected one named operation, so that the manifest can name it`);
  return { id: documentId(body), name: operation.name.value, type: operation.operation, body };
}

/**
 * The hub's own documents, in a stable order: the explorer's example queries
 * and the introspection query it loads its schema with, the live page's
 * operations, then the reports by name.
 */
export function hubDocuments(): TrustedDocument[] {
  const documents = [
    ...EXAMPLE_QUERIES.map((example) => trusted(example.query, `the example query "${example.title}"`)),
    trusted(EXPLORER_INTROSPECTION, "the explorer's introspection query"),
    ...LIVE_PAGE_OPERATIONS.map((operation) => trusted(operation.body, `the live page's ${operation.name}`)),
    ...[...loadReports().values()].map((report) => trusted(report.query, `the report ${report.name}`)),
  ];
  const seen = new Set<string>();
  return documents.filter((d) => !seen.has(d.id) && Boolean(seen.add(d.id)));
}

/** The text of the hub's manifest, as committed. */
export function hubManifestText(): string {
  return `${JSON.stringify(manifestOf(hubDocuments()), null, 2)}\n`;
}

export const trustedDocumentsCommand = defineCommand({
  name: 'trusted-documents',
  summary: "write the hub's own trusted documents (explorer examples, live page, reports) as a manifest",
  description: `Writes the manifest of the hub's own GraphQL documents — the explorer's example
queries, the live page's operations and the saved reports — in Apollo's
persisted query list format, to standard output or to --out. The hub reads
the committed trusted-documents.json when TRUSTED_DOCUMENTS is allow or
require (docs/api.md, "Trusted documents").`,
  options: {
    out: { type: 'string', value: 'FILE', description: 'write the manifest to FILE (default: standard output)' },
  },
  run: async ({ out }) => {
    const text = hubManifestText();
    if (out === undefined) {
      process.stdout.write(text);
      return 0;
    }
    fs.writeFileSync(path.resolve(out), text);
    process.stderr.write(`wrote ${hubDocuments().length} trusted documents to ${out}\n`);
    return 0;
  },
});

/**
 * Prints the SQL that makes the migrated schema match the entities: the body
 * of the next migration, once an entity was added or changed (docs/schema.md).
 *
 *   npm run build && node dist/scripts/schemaChanges.js
 *
 * Migrates a scratch database (on DATABASE_URL's server, or an embedded
 * Postgres in a temporary directory when DATABASE_URL is unset), asks
 * TypeORM's schema builder what it would run, and drops the database again.
 * Prints nothing when the migrations already make what the entities declare.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, migrate } from '../db/dataSource';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embeddedPostgres';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { withDatabase } from '../db/url';

async function main(): Promise<void> {
  if (process.argv.length > 2) {
    process.stderr.write('usage: node dist/scripts/schemaChanges.js   (no arguments; DATABASE_URL names the server to use)\n');
    process.exitCode = 2;
    return;
  }
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let server = process.env.DATABASE_URL;
  if (!server) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-schema-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres' });
    server = embedded.url;
  }
  const scratch = withDatabase(server, `servicegraph_schema_changes_${process.pid}`);
  try {
    await ensureDatabase(scratch);
    await migrate(scratch);
    const dataSource = createDataSource(scratch);
    await dataSource.initialize();
    try {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      for (const query of upQueries) process.stdout.write(`${query.query};\n`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await dropDatabase(scratch).catch(() => undefined);
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`schemaChanges: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

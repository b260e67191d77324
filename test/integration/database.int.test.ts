import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../config/config';
import { openDatabase } from '../../db/database';
import { createPool, migrate } from '../../db/dataSource';
import { dropDatabase } from '../../db/ensureDatabase';
import { databaseNameOf, withDatabase } from '../../db/url';
import { MIGRATIONS } from '../../db/migrations';
import { createTestDatabase } from '../support/testDatabase';

async function currentDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  } finally {
    await client.end();
  }
}

describe('openDatabase', () => {
  it('with DATABASE_URL: uses that server and creates the database named in the URL when missing', async () => {
    const scratch = await createTestDatabase({ migrate: false });
    const url = withDatabase(scratch.url, `${databaseNameOf(scratch.url)}_open`);
    try {
      const config = loadConfig({ DATABASE_URL: url });
      const db = await openDatabase(config);
      assert.equal(db.embedded, false);
      assert.equal(db.url, url);
      assert.equal(await currentDatabase(db.url), databaseNameOf(url));
      await db.stop();
      const again = await openDatabase(config); // exists now: nothing to create, no error
      assert.equal(await currentDatabase(again.url), databaseNameOf(url));
    } finally {
      await dropDatabase(url, scratch.url);
      await scratch.drop();
    }
  });

  it('without DATABASE_URL: starts the embedded Postgres under SERVICEGRAPH_DATA_DIR with a database servicegraph', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-open-'));
    try {
      const db = await openDatabase(loadConfig({ SERVICEGRAPH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' }));
      try {
        assert.equal(db.embedded, true);
        assert.equal(await currentDatabase(db.url), 'servicegraph');
        assert.ok(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')));
      } finally {
        await db.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('migrate', () => {
  it('applies each migration once when several processes start together', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const runs = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      assert.deepEqual(runs.flat().sort(), MIGRATIONS.map((m) => m.name).sort());
      const { rows } = await db.pool.query<{ count: string }>('SELECT count(*) FROM migrations');
      assert.equal(rows[0]?.count, String(MIGRATIONS.length));
    } finally {
      await db.drop();
    }
  });
});

describe('createPool', () => {
  it('returns numeric, bigint and date as exact strings, timestamptz as Date', async () => {
    const db = await createTestDatabase({ migrate: false });
    const pool = createPool(db.url);
    try {
      const { rows } = await pool.query(
        `SELECT 1234.50::numeric AS amount, 9007199254740993::bigint AS position, DATE '2026-01-31' AS day,
                TIMESTAMPTZ '2026-01-31T23:30:00Z' AS at, ARRAY['a','b']::text[] AS ids`,
      );
      assert.deepEqual(rows[0], { amount: '1234.50', position: '9007199254740993', day: '2026-01-31', at: new Date('2026-01-31T23:30:00Z'), ids: ['a', 'b'] });
      // Per pool, not global: a plain pg client keeps pg's defaults.
      assert.ok((await db.pool.query(`SELECT DATE '2026-01-31' AS day`)).rows[0].day === '2026-01-31');
      const plain = new pg.Client({ connectionString: db.url });
      await plain.connect();
      try {
        assert.ok((await plain.query(`SELECT DATE '2026-01-31' AS day`)).rows[0].day instanceof Date);
      } finally {
        await plain.end();
      }
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});


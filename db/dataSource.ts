import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';

/** OIDs of the types whose parsing we pin down. */
const DATE_OID = 1082;
const NUMERIC_OID = 1700;

/**
 * Type parsing for every pg connection of servicegraph, per pool (never the
 * global `pg.types`, which other code may rely on):
 * - `date` stays the 'YYYY-MM-DD' text: pg's default turns it into a JS Date
 *   at local midnight, which shifts a day in any timezone west of UTC once
 *   serialised as UTC.
 * - `numeric` stays a string (pg's default too; pinned so a global override
 *   elsewhere cannot turn money into floating point).
 * `int8`/`bigserial` also stay strings (pg's default): event positions are bigint.
 */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && (oid === DATE_OID || oid === NUMERIC_OID)) return (value: string) => value;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Options of {@link createDataSource} that callers may set. */
export type DataSourceOverrides = Partial<Omit<PostgresDataSourceOptions, 'type' | 'url' | 'entities' | 'migrations'>>;

/**
 * A TypeORM DataSource on `url` with the read model's entities and the
 * migrations; not yet initialised. The schema is owned by the migrations:
 * `synchronize` and `migrationsRun` are off.
 */
export function createDataSource(url: string, options: DataSourceOverrides = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    ...options,
    extra: { types: pgTypes, ...(options.extra ?? {}) },
  } as PostgresDataSourceOptions);
}

/**
 * Runs the pending migrations on `url`, each in its own transaction, under an
 * advisory lock so that services starting together migrate once.
 * @returns the names of the migrations applied by this call.
 */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, { poolSize: 2 });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('servicegraph:migrate'))`);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext('servicegraph:migrate'))`);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}

/**
 * A plain pg pool for hot-path SQL (ingest, listeners): `numeric` as string,
 * `date` as 'YYYY-MM-DD', bigint as string.
 */
export function createPool(url: string, options: Omit<pg.PoolConfig, 'connectionString' | 'types'> = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, ...options });
  // An idle client losing its connection (server restart) must not crash the process;
  // the next query on the pool gets a fresh connection or a real error.
  pool.on('error', () => undefined);
  // Likewise a checked-out client whose server goes away between two queries (Ctrl-C
  // reaches the embedded Postgres too): the holder's next query fails instead.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * A Postgres login role of a test's own, as a BI tool connects with
 * (docs/reporting.md, "Granting a BI tool access"). A role is cluster-wide,
 * so a test drops it with its database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../../db/url';
import type { TestDatabase } from './testDatabase';

export interface LoginRole {
  readonly name: string;
  /** The test database's URL, logged in as this role. */
  readonly url: string;
}

/** Creates a LOGIN role with a password, named `<prefix>_<random>`. */
export async function createLoginRole(db: TestDatabase, prefix: string): Promise<LoginRole> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await db.pool.query(`CREATE ROLE ${quoteIdent(name)} LOGIN PASSWORD '${password}'`);
  const url = new URL(db.url);
  url.username = name;
  url.password = password;
  return { name, url: url.toString() };
}

/** Drops the test database, then the role (which the reporting grant's membership would otherwise keep). */
export async function dropDatabaseAndRole(db: TestDatabase, role: LoginRole | undefined): Promise<void> {
  if (role) await db.pool.query(`REVOKE servicegraph_reporting FROM ${quoteIdent(role.name)}`).catch(() => undefined);
  await db.drop();
  if (!role) return;
  const admin = new pg.Client({ connectionString: db.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect().then(() => admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role.name)}`)).finally(() => admin.end());
}

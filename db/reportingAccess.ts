import type pg from 'pg';
import { REPORTING_ROLE } from './migrations/1765000000700-ReportingViews';
import { quoteIdent } from './url';

/** A refusal of `grant-reporting` that names what was wrong (the CLI prints it, exit 2). */
export class ReportingGrantError extends Error {}

export interface ReportingGrantResult {
  readonly role: string;
  /** The legal entities the role's rows are restricted to; `null` = every legal entity. */
  readonly legalEntities: readonly string[] | null;
}

/**
 * Grants the SQL reporting surface (the `reporting` schema's views, through the
 * `servicegraph_reporting` role) to an existing LOGIN role. With
 * `legalEntities`, every view shows that role only those legal entities' rows
 * (enforced by the views on `session_user`); without, any earlier restriction
 * of the role is lifted. One transaction: the membership and the restriction
 * change together.
 */
export async function grantReporting(pool: pg.Pool, role: string, legalEntities: readonly string[] | null): Promise<ReportingGrantResult> {
  if (role.trim() === '') throw new ReportingGrantError('--role: expected the name of a login role, got an empty string');
  if (legalEntities !== null && (legalEntities.length === 0 || legalEntities.some((le) => le.trim() === ''))) {
    throw new ReportingGrantError(`--legal-entities: expected a comma-separated list of legal entity ids, got ${JSON.stringify(legalEntities.join(','))}`);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: roles } = await client.query<{ rolname: string; rolcanlogin: boolean; rolsuper: boolean }>(
      'SELECT rolname, rolcanlogin, rolsuper FROM pg_roles WHERE rolname = ANY($1)',
      [[role, REPORTING_ROLE]],
    );
    const target = roles.find((r) => r.rolname === role);
    if (!target) {
      throw new ReportingGrantError(
        `--role: no role ${JSON.stringify(role)} exists on this Postgres; create the login role first (CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD '…')`,
      );
    }
    if (!target.rolcanlogin) throw new ReportingGrantError(`--role: ${JSON.stringify(role)} is not a login role (expected a role with LOGIN, which BI tools connect as)`);
    if (target.rolsuper) throw new ReportingGrantError(`--role: ${JSON.stringify(role)} is a superuser, which Postgres lets read everything; grant reporting to an ordinary login role`);
    if (!roles.some((r) => r.rolname === REPORTING_ROLE)) {
      throw new ReportingGrantError(`the role ${REPORTING_ROLE} does not exist: the hub's Postgres role lacks CREATEROLE; create it (CREATE ROLE ${REPORTING_ROLE} NOLOGIN) and start the hub again`);
    }
    await client.query(`GRANT ${REPORTING_ROLE} TO ${quoteIdent(role)}`);
    if (legalEntities === null) {
      await client.query('DELETE FROM hub.reporting_grant WHERE role_name = $1', [role]);
    } else {
      await client.query(
        `INSERT INTO hub.reporting_grant (role_name, legal_entities) VALUES ($1, $2)
         ON CONFLICT (role_name) DO UPDATE SET legal_entities = EXCLUDED.legal_entities, granted_at = now()`,
        [role, [...new Set(legalEntities)]],
      );
    }
    await client.query('COMMIT');
    return { role, legalEntities: legalEntities === null ? null : [...new Set(legalEntities)] };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

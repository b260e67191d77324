import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { grantReporting, ReportingGrantError } from '../db/reportingAccess';

export const GRANT_REPORTING_USAGE = `usage: servicegraph grant-reporting --role <login role> [--legal-entities LE-DE,LE-FR]

Grants the SQL reporting surface (the views of the schema "reporting", through the
role servicegraph_reporting) to an existing Postgres login role, for BI tools that
read Postgres. With --legal-entities, that role's rows of every view are only those
legal entities' (enforced by Postgres); without, any earlier restriction is lifted.

options:
  --role NAME               the login role to grant (create it first: CREATE ROLE bi LOGIN PASSWORD '…')
  --legal-entities A,B      restrict the role's rows to these legal entities
  -h, --help                this text
`;

/** `servicegraph grant-reporting`: exit 0 granted, 2 usage or refusal. */
export async function runGrantReportingCommand(argv: readonly string[]): Promise<number> {
  let values: { role?: string; 'legal-entities'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { role: { type: 'string' }, 'legal-entities': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`servicegraph grant-reporting: ${(error as Error).message}\n${GRANT_REPORTING_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(GRANT_REPORTING_USAGE);
    return 0;
  }
  if (values.role === undefined) {
    process.stderr.write(`servicegraph grant-reporting: --role is required\n${GRANT_REPORTING_USAGE}`);
    return 2;
  }
  const legalEntities = values['legal-entities'] === undefined ? null : values['legal-entities'].split(',').map((s) => s.trim());
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database.url);
    const pool = createPool(database.url, { max: 1 });
    try {
      const granted = await grantReporting(pool, values.role, legalEntities);
      process.stdout.write(`granted servicegraph_reporting to ${granted.role}: ` +
        `${granted.legalEntities === null ? 'every legal entity' : `legal entities ${granted.legalEntities.join(', ')} only`}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ReportingGrantError) {
        process.stderr.write(`servicegraph grant-reporting: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      await pool.end();
    }
  } finally {
    await database.stop();
  }
}

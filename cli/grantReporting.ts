/** `servicegraph grant-reporting`: the reporting views for a BI tool's Postgres role (docs/reporting.md). */
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { grantReporting, ReportingGrantError } from '../db/reportingAccess';
import { defineCommand, UsageError } from './command';

export const grantReportingCommand = defineCommand({
  name: 'grant-reporting',
  summary: 'let a Postgres login role read the SQL reporting views',
  description: `Grants the SQL reporting surface (the views of the schema "reporting", through the
role servicegraph_reporting) to an existing Postgres login role, for BI tools that
read Postgres. With --legal-entities, that role's rows of every view are only those
legal entities' (enforced by Postgres); without, any earlier restriction is lifted.
Exit code 0 granted, 2 usage or refusal.`,
  options: {
    role: { type: 'string', value: 'NAME', description: "the login role to grant (required; create it first: CREATE ROLE bi LOGIN PASSWORD '…')" },
    'legal-entities': { type: 'string', value: 'A,B', description: "restrict the role's rows to these legal entities" },
  },
  run: (values) => runGrantReporting(values),
});

async function runGrantReporting(values: { role?: string; 'legal-entities'?: string }): Promise<number> {
  if (values.role === undefined) throw new UsageError('--role is required');
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

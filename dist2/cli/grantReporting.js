"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GRANT_REPORTING_USAGE = void 0;
exports.runGrantReportingCommand = runGrantReportingCommand;
const node_util_1 = require("node:util");
const config_1 = require("../config/config");
const database_1 = require("../db/database");
const dataSource_1 = require("../db/dataSource");
const reportingAccess_1 = require("../db/reportingAccess");
exports.GRANT_REPORTING_USAGE = `usage: servicegraph grant-reporting --role <login role> [--legal-entities LE-DE,LE-FR]

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
async function runGrantReportingCommand(argv) {
    let values;
    try {
        ({ values } = (0, node_util_1.parseArgs)({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: { role: { type: 'string' }, 'legal-entities': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        }));
    }
    catch (error) {
        process.stderr.write(`servicegraph grant-reporting: ${error.message}\n${exports.GRANT_REPORTING_USAGE}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(exports.GRANT_REPORTING_USAGE);
        return 0;
    }
    if (values.role === undefined) {
        process.stderr.write(`servicegraph grant-reporting: --role is required\n${exports.GRANT_REPORTING_USAGE}`);
        return 2;
    }
    const legalEntities = values['legal-entities'] === undefined ? null : values['legal-entities'].split(',').map((s) => s.trim());
    const database = await (0, database_1.openDatabase)((0, config_1.loadConfig)());
    try {
        await (0, dataSource_1.migrate)(database.url);
        const pool = (0, dataSource_1.createPool)(database.url, { max: 1 });
        try {
            const granted = await (0, reportingAccess_1.grantReporting)(pool, values.role, legalEntities);
            process.stdout.write(`granted servicegraph_reporting to ${granted.role}: ` +
                `${granted.legalEntities === null ? 'every legal entity' : `legal entities ${granted.legalEntities.join(', ')} only`}\n`);
            return 0;
        }
        catch (error) {
            if (error instanceof reportingAccess_1.ReportingGrantError) {
                process.stderr.write(`servicegraph grant-reporting: ${error.message}\n`);
                return 2;
            }
            throw error;
        }
        finally {
            await pool.end();
        }
    }
    finally {
        await database.stop();
    }
}
//# sourceMappingURL=grantReporting.js.map
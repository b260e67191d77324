"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REPORT_USAGE = void 0;
exports.runReportCommand = runReportCommand;
const node_util_1 = require("node:util");
const node_stream_1 = require("node:stream");
const promises_1 = require("node:stream/promises");
const config_1 = require("../config/config");
exports.REPORT_USAGE = `usage: servicegraph report <name> [--format csv|json] [--param name=value]... [--url URL] [--token JWT]

Prints a saved report (docs/reporting.md) of a running hub's gateway to standard
output, for scripts and cron: every row, streamed as the gateway sends it.

options:
  --format csv|json     default csv
  --param name=value    a parameter of the report (repeatable), e.g. --param status=POSTED
  --url URL             the gateway (default http://HOST:GATEWAY_PORT from the environment)
  --token JWT           a bearer token when the hub runs with AUTH=jwt (default: $SERVICEGRAPH_TOKEN)
  -h, --help            this text

servicegraph report list    prints the catalogue of reports and their parameters
`;
/** `servicegraph report`: 0 printed, 1 the gateway refused or failed, 2 usage. */
async function runReportCommand(argv) {
    let parsed;
    try {
        parsed = (0, node_util_1.parseArgs)({
            args: [...argv],
            strict: true,
            allowPositionals: true,
            options: {
                format: { type: 'string', default: 'csv' },
                param: { type: 'string', multiple: true, default: [] },
                url: { type: 'string' },
                token: { type: 'string' },
                help: { type: 'boolean', short: 'h' },
            },
        });
    }
    catch (error) {
        return usage(error.message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(exports.REPORT_USAGE);
        return 0;
    }
    if (positionals.length !== 1)
        return usage(`expected one report name, got ${positionals.length ? positionals.join(' ') : 'none'}`);
    if (values.format !== 'csv' && values.format !== 'json')
        return usage(`--format expects csv or json, got ${JSON.stringify(values.format)}`);
    const query = new URLSearchParams();
    for (const param of values.param ?? []) {
        const eq = param.indexOf('=');
        if (eq <= 0)
            return usage(`--param expects name=value, got ${JSON.stringify(param)}`);
        query.append(param.slice(0, eq), param.slice(eq + 1));
    }
    const base = (values.url ?? defaultGatewayUrl()).replace(/\/(graphql|reports)?\/?$/, '');
    const name = positionals[0];
    const path = name === 'list' ? '/reports' : `/reports/${encodeURIComponent(name)}.${values.format}`;
    const token = values.token ?? process.env.SERVICEGRAPH_TOKEN;
    const response = await fetch(`${base}${path}${query.size ? `?${query}` : ''}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
    }).catch((error) => {
        process.stderr.write(`servicegraph report: cannot reach the gateway at ${base}: ${error.cause instanceof Error ? error.cause.message : error.message}\n`);
        return undefined;
    });
    if (!response)
        return 1;
    if (!response.ok || !response.body) {
        const body = await response.text();
        let message = body;
        try {
            const parsedBody = JSON.parse(body);
            message = parsedBody.error?.message ?? parsedBody.errors?.map((e) => e.message).join('; ') ?? body;
        }
        catch { /* not JSON: print as it came */ }
        process.stderr.write(`servicegraph report: ${response.status} ${response.statusText}: ${message}\n`);
        return 1;
    }
    await (0, promises_1.pipeline)(node_stream_1.Readable.fromWeb(response.body), process.stdout, { end: false });
    return 0;
}
function defaultGatewayUrl() {
    const config = (0, config_1.loadConfig)();
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${config.ports.gateway}`;
}
function usage(message) {
    process.stderr.write(`servicegraph report: ${message}\n${exports.REPORT_USAGE}`);
    return 2;
}
//# sourceMappingURL=report.js.map
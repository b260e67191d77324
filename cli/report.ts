/** `servicegraph report <name>`: a saved report of the running hub, streamed to standard output. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config/config';
import { defineCommand, UsageError } from './command';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'print a saved report of the running hub (`report list`: the catalogue)',
  description: `Prints a saved report (docs/reporting.md) of a running hub's gateway to standard
output, for scripts and cron: every row, streamed as the gateway sends it.
\`servicegraph report list\` prints the catalogue of reports and their parameters.
Exit code 0 printed, 1 the gateway refused or failed, 2 usage.`,
  arguments: [{ name: 'name', description: 'the report, or list' }],
  options: {
    format: { type: 'string', value: 'csv|json', description: 'default csv' },
    param: { type: 'string', multiple: true, value: 'name=value', description: 'a parameter of the report (repeatable), e.g. --param status=POSTED' },
    url: { type: 'string', value: 'URL', description: 'the gateway (default http://HOST:GATEWAY_PORT from the environment)' },
    token: { type: 'string', value: 'JWT', description: 'a bearer token when the hub runs with AUTH=jwt (default: $SERVICEGRAPH_TOKEN)' },
  },
  run: (values, [name]) => runReport(name!, values),
});

async function runReport(name: string, values: { format?: string; param?: string[]; url?: string; token?: string }): Promise<number> {
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format expects csv or json, got ${JSON.stringify(format)}`);
  const query = new URLSearchParams();
  for (const param of values.param ?? []) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got ${JSON.stringify(param)}`);
    query.append(param.slice(0, eq), param.slice(eq + 1));
  }
  const base = (values.url ?? defaultGatewayUrl()).replace(/\/(graphql|reports)?\/?$/, '');
  const path = name === 'list' ? '/reports' : `/reports/${encodeURIComponent(name)}.${format}`;
  const token = values.token ?? process.env.SERVICEGRAPH_TOKEN;
  const response = await fetch(`${base}${path}${query.size ? `?${query}` : ''}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch((error: Error) => {
    process.stderr.write(`servicegraph report: cannot reach the gateway at ${base}: ${error.cause instanceof Error ? error.cause.message : error.message}\n`);
    return undefined;
  });
  if (!response) return 1;
  if (!response.ok || !response.body) {
    const body = await response.text();
    let message = body;
    try {
      const parsedBody = JSON.parse(body);
      message = parsedBody.error?.message ?? parsedBody.errors?.map((e: { message: string }) => e.message).join('; ') ?? body;
    } catch { /* not JSON: print as it came */ }
    process.stderr.write(`servicegraph report: ${response.status} ${response.statusText}: ${message}\n`);
    return 1;
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), process.stdout, { end: false });
  return 0;
}

function defaultGatewayUrl(): string {
  const config = loadConfig();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.ports.gateway}`;
}

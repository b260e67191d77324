#!/usr/bin/env -S node --max-semi-space-size=32
/**
 * The `servicegraph` command.
 *
 *   servicegraph start      Postgres + migrations + ingest + listeners + GraphQL gateway, until Ctrl-C
 *   servicegraph demo       start, and feed the simulated firm at a steady pace
 *   servicegraph subgraph   one subgraph in its own process (multi-process mode)
 *   servicegraph gateway    the gateway in front of subgraphs in their own processes
 *   servicegraph simulate   post a simulated firm to a running hub
 *   servicegraph rebuild    replay the event log into a fresh read model and compare
 *   servicegraph token      print a development token signed with AUTH_JWT_SECRET
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config';
import { CompositionError } from '../gateway/compose';
import { openDatabase } from '../db/database';
import { migrate } from '../db/dataSource';
import { rebuildAndCompare } from '../listeners/rebuild';
import { runDemo } from './demo';
import { runGrantReportingCommand } from './grantReporting';
import { runReportCommand } from './report';
import { runGatewayCommand, runSubgraphCommand, UsageError } from './graphql';
import { startHub } from './hub';
import { runTokenCommand } from './token';
import { createLogger } from './logger';
import { runSimulateCommand } from '../simulator/cli';
import { startTracing, stopTracing } from '../observability/tracing';

const USAGE = `usage: servicegraph <command> [options]

commands:
  start [--no-gateway]  run the hub: Postgres (embedded unless DATABASE_URL is set), ingest, listeners,
                        and the GraphQL gateway with the four subgraphs in process (not with --no-gateway)
  demo [--rate N]       run the hub and feed it a simulated firm at N events/s (default 50)
  subgraph <name> [--port N]
                        serve one subgraph (customer, project, billing, revenue) in its own process;
                        needs DATABASE_URL (the embedded Postgres belongs to the hub's process)
  gateway [--subgraph name=url]... [--port N] [--wait S]
                        serve the gateway in front of subgraphs in their own processes; a subgraph not
                        named is looked for at its *_SUBGRAPH_URL (default http://HOST:<its port>/graphql)
  simulate [options]    post a simulated firm to a running hub (--help for its options)
  rebuild [--keep]      replay the event log into a fresh read model and compare it with the live one
  token --scope "…" [--legal-entities A,B] [--sources /psa/] [--ttl 1h]
                        print a development token signed with AUTH_JWT_SECRET (--help for its options)
  grant-reporting --role R [--legal-entities A,B]
                        let a Postgres login role read the SQL reporting views (docs/reporting.md)
  report <name> [--format csv|json] [--param k=v]...
                        print a saved report of the running hub (\`report list\`: the catalogue)
`;

/** The OpenTelemetry `service.name` of each long-running command (OTEL_SERVICE_NAME overrides it). */
function serviceNameOf(command: string | undefined, rest: readonly string[]): string | undefined {
  switch (command) {
    case 'start':
    case 'demo':
      return 'servicegraph-hub';
    case 'gateway':
      return 'servicegraph-gateway';
    case 'subgraph':
      return `servicegraph-${rest.find((arg) => !arg.startsWith('-')) ?? 'subgraph'}`;
    default:
      return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set (observability/tracing.ts); flushed when the command ends.
  const serviceName = serviceNameOf(command, rest);
  if (serviceName === undefined) return run(command, rest);
  await startTracing(serviceName);
  try {
    return await run(command, rest);
  } finally {
    await stopTracing();
  }
}

async function run(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case 'start':
    case 'demo': {
      const config = loadConfig();
      const log = createLogger(config.logLevel);
      const withGateway = !rest.includes('--no-gateway');
      const hub = await startHub(config, log, { gateway: withGateway });
      const graphql = hub.gateway
        ? `  graphql  ${hub.gateway.url}   (POST and GET; a browser gets the explorer)
           subgraphs ${hub.gateway.subgraphs.map((s) => s.name).join(', ')} in this process
           subscriptions ${hub.gateway.url.replace(/^http/, 'ws')} (graphql-ws) and Server-Sent Events on the same path
  live     ${hub.gateway.url.replace(/\/graphql$/, '/live')}   (the live status page)
`
        : '';
      process.stdout.write(`servicegraph is running
  ingest   POST ${hub.ingestUrl}/events   GET ${hub.ingestUrl}/status
${graphql}  database ${hub.databaseUrl.replace(/:[^:@/]*@/, ':***@')}
Ctrl-C stops everything.
`);
      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info(`${signal}: stopping`);
          hub.stop().then(resolve, (error) => { log.error(String(error)); resolve(); });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      if (command === 'demo') void runDemo(hub, rest.filter((a) => a !== '--no-gateway'), log).catch((error) => log.error(`demo: ${String(error)}`));
      await stopped;
      return 0;
    }
    case 'simulate':
      return runSimulateCommand(rest);
    case 'subgraph':
      return runSubgraphCommand(rest);
    case 'gateway':
      return runGatewayCommand(rest);
    case 'token':
      return runTokenCommand(rest);
    case 'grant-reporting':
      return runGrantReportingCommand(rest);
    case 'report':
      return runReportCommand(rest);
    case 'rebuild': {
      const config = loadConfig();
      const log = createLogger(config.logLevel);
      const database = await openDatabase(config);
      try {
        await migrate(database.url);
        const report = await rebuildAndCompare({ liveUrl: database.url, keep: rest.includes('--keep'), progress: (m) => log.info(m) });
        for (const t of report.tables) {
          process.stdout.write(`${t.equal ? 'equal    ' : 'DIFFERENT'} ${t.table.padEnd(28)} live ${t.liveRows} rebuilt ${t.rebuiltRows}` +
            `${t.differingKeys.length ? `  e.g. ${t.differingKeys.join(', ')}` : ''}\n`);
        }
        process.stdout.write(`${report.equal ? 'rebuild equals live' : 'rebuild DIFFERS from live'}: ${report.events} events replayed in ` +
          `${report.replaySeconds.toFixed(2)} s (${report.eventsPerSecond} events/s) up to position ${report.position}` +
          `${report.kept ? `; kept at ${report.rebuildDatabaseUrl}` : ''}\n`);
        return report.equal ? 0 : 1;
      } finally {
        await database.stop();
      }
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`servicegraph: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`servicegraph: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    // Configuration and composition errors are the user's to read, without a stack.
    const known = error instanceof ConfigError || error instanceof CompositionError;
    process.stderr.write(known ? `servicegraph: ${error.message}\n` : `servicegraph: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);

/**
 * The commands of `servicegraph`: the hub's own (start, demo, rebuild) here,
 * the others where they run (cli/graphql.ts, simulator/cli.ts). To add one,
 * declare it with defineCommand (cli/command.ts explains the declaration) and
 * add it to {@link COMMANDS}; its --help, its usage on a mistake and its
 * place in `servicegraph --help` follow from the declaration.
 */
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/dataSource';
import { rebuildAndCompare } from '../listeners/rebuild';
import { simulateCommand } from '../simulator/cli';
import { defineCommand, type Command } from './command';
import { checkDemoOptions, DEMO_SIMULATE_OPTIONS, runDemo } from './demo';
import { gatewayCommand, subgraphCommand } from './graphql';
import { grantReportingCommand } from './grantReporting';
import { reportCommand } from './report';
import { tokenCommand } from './token';
import { trustedDocumentsCommand } from './trustedDocuments';
import { startHub } from './hub';
import { createLogger } from './logger';

/** The program's name, as help and errors print it. */
export const PROGRAM = 'servicegraph';

const START_OPTIONS = {
  'no-gateway': { type: 'boolean', description: 'no GraphQL: only Postgres, ingest and the listeners' },
  'gateway-in-process': {
    type: 'boolean', description: "GraphQL in the hub's own process, unsupervised (the benchmarks profile one process), instead of a gateway process the hub restarts",
  },
} as const;

const startCommand = defineCommand({
  name: 'start',
  summary: 'run the hub: Postgres, ingest, listeners and the GraphQL gateway, until Ctrl-C',
  description: `Runs the hub until Ctrl-C: Postgres (embedded unless DATABASE_URL is set),
migrations, ingest, listeners, and the GraphQL gateway with the four subgraphs
in process, subscriptions and the live page (not with --no-gateway), in a
gateway process of its own that the hub restarts when it fails.`,
  options: START_OPTIONS,
  run: (values) => runHub({ gateway: !values['no-gateway'], gatewayInProcess: values['gateway-in-process'] ?? false }),
});

const demoCommand = defineCommand({
  name: 'demo',
  summary: 'run the hub and feed it the simulated firm at a steady pace',
  description: `Runs the hub as \`start\` does and feeds it the simulated firm at a steady
pace, so its figures move while you watch; the hub keeps running after the
firm is delivered, until Ctrl-C.`,
  options: { ...START_OPTIONS, ...DEMO_SIMULATE_OPTIONS },
  run: async ({ 'no-gateway': noGateway, 'gateway-in-process': gatewayInProcess, ...simulate }) => {
    checkDemoOptions(simulate);
    return runHub({ gateway: !noGateway, gatewayInProcess: gatewayInProcess ?? false, demo: simulate });
  },
});

const rebuildCommand = defineCommand({
  name: 'rebuild',
  summary: 'replay the event log into a fresh read model and compare it with the live one',
  description: `Replays the event log into a fresh read model (a database of its own) and
compares it table by table with the live one. Exit code 0 when they are
equal, 1 when they differ.`,
  options: {
    keep: { type: 'boolean', description: 'keep the rebuilt database (its URL is printed) instead of dropping it' },
  },
  run: (values) => runRebuild(values.keep ?? false),
});

/** Every command, in the order `servicegraph --help` lists them. A new command is declared (cli/command.ts) and added here. */
export const COMMANDS: readonly Command[] = [
  startCommand, demoCommand, subgraphCommand, gatewayCommand, simulateCommand(), rebuildCommand,
  tokenCommand, grantReportingCommand, reportCommand, trustedDocumentsCommand,
];

async function runHub(options: { gateway: boolean; gatewayInProcess: boolean; demo?: Parameters<typeof runDemo>[1] }): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Taken from the start: a signal while the hub starts (Postgres, the gateway process) stops it once started,
  // instead of killing this process and leaving its children behind.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const hub = await startHub(config, log, { gateway: options.gateway, gatewayIn: options.gatewayInProcess ? 'process' : 'child' });
  const graphql = hub.graphql
    ? `  graphql  ${hub.graphql.url}   (POST and GET; a browser gets the explorer)
           subgraphs ${hub.graphql.subgraphs.join(', ')} ${hub.graphql.where}
           subscriptions ${hub.graphql.url.replace(/^http/, 'ws')} (graphql-ws) and Server-Sent Events on the same path
  live     ${hub.graphql.url.replace(/\/graphql$/, '/live')}   (the live status page)
`
    : '';
  process.stdout.write(`servicegraph is running
  ingest   POST ${hub.ingestUrl}/events   GET ${hub.ingestUrl}/status
${graphql}  database ${hub.databaseUrl.replace(/:[^:@/]*@/, ':***@')}
Ctrl-C stops everything.
`);
  if (options.demo) void runDemo(hub, options.demo, log, config.access.auth).catch((error) => log.error(`demo: ${String(error)}`));
  log.info(`${await signalled}: stopping`);
  await hub.stop().catch((error) => log.error(String(error)));
  return 0;
}

async function runRebuild(keep: boolean): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config);
  try {
    await migrate(database.url);
    const report = await rebuildAndCompare({ liveUrl: database.url, keep, progress: (m) => log.info(m) });
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


/**
 * The soak harness's abusive clients, one of each kind docs/limits.md
 * bounds, each from a loopback address of its own (127.0.0.1x), so the
 * per-client bounds meet the abuser and not the normal clients on
 * 127.0.0.1: graphql-sse reservations never opened while changes flow,
 * WebSocket frames over the body limit, a fan-out query (projects →
 * customer → projects …), bodies and headers that never finish, more
 * connections than a client may hold, events with oversize fields, floods of
 * junk events, and mutations and NUL characters over POST. Each counts what
 * the hub answered it (`outcomes`); the harness checks that the answers are
 * the documented refusals and that no junk got in.
 */
import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import { request, type Answer } from './http';

export interface AbuseTargets {
  readonly ingestUrl: string;
  readonly graphqlUrl: string;
  /** GRAPHQL_BODY_LIMIT_BYTES of the hub. */
  readonly graphqlBodyBytes: number;
  /** True while the harness has the gateway process down on purpose: what an abuser meets then is counted apart. */
  readonly restarting: () => boolean;
}

/** The outcome an abuser's attempt is counted as when it met the gateway process down on purpose. */
export const DURING_RESTART = 'during a restart on purpose';

export interface Abusers {
  /** Per abuser, how many times each answer came (`"429 TOO_MANY_STREAMS": 12`). */
  readonly outcomes: Record<string, Record<string, number>>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error code of an answer (GraphQL `extensions.code`, ingest `error.code`), else ''. */
function codeOf(answer: Answer): string {
  try {
    const body = JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[]; error?: { code?: string } };
    return body.errors?.[0]?.extensions?.code ?? body.error?.code ?? '';
  } catch {
    return '';
  }
}

/** Projects of each project's customer, `depth` levels deep: the answer grows as (projects per customer)^depth. */
export function fanOutQuery(depth: number): string {
  let selection = 'id name';
  for (let i = 0; i < depth; i++) selection = `id customer { name projects(first: 500) { nodes { ${selection} } } }`;
  return `query SoakFanOut { projects(first: 500) { nodes { ${selection} } } }`;
}

const HOARDED = `subscription SoakHoarded { projectFinancialsChanged { eventId project { id margin { amount currency } customer { name } } } }`;

function junkEvent(n: number): unknown {
  const kinds = [
    () => ({ specversion: '1.0', id: `junk-${n}`, source: '/soak/junk', type: 'ps.nothing.happened', data: { n } }),
    () => ({ id: n, source: 42, data: 'x'.repeat(n % 500) }),
    () => ({ specversion: '1.0', id: `junk-${n}`, source: '/soak/junk', type: 'ps.customer.account.upserted', subject: `J-${n}`,
      time: 'yesterday', data: { accountId: `J-${n}`, name: '', billingCurrency: 'EURO' } }),
    () => [n, 'not an event'],
    () => null,
  ];
  return kinds[n % kinds.length]!();
}

function oversizeEvents(n: number): unknown[] {
  const base = {
    specversion: '1.0', source: '/soak/oversize', type: 'ps.customer.account.upserted', time: '2026-03-02T09:00:00Z', sequence: String(n),
  };
  return [
    { ...base, id: `long-name-${n}`, subject: `OV-${n}`, data: { accountId: `OV-${n}`, name: 'N'.repeat(10_000), legalEntityId: 'LE-DE', billingCurrency: 'EUR' } },
    { ...base, id: `bloated-${n}`, subject: `OV-${n}`, data: { accountId: `OV-${n}`, name: 'Bloated', legalEntityId: 'LE-DE', billingCurrency: 'EUR' },
      padding: 'p'.repeat(100_000) },
  ];
}

/** Reads what a server says on a raw socket until it closes it (or `timeoutMs`), returns the status line's code or 'closed'. */
function rawExchange(
  sockets: Set<net.Socket>, port: number, localAddress: string, write: (socket: net.Socket) => void, timeoutMs: number,
): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    sockets.add(socket);
    let text = '';
    const done = (what: string) => {
      clearTimeout(timer);
      sockets.delete(socket);
      socket.destroy();
      resolve(what);
    };
    const timer = setTimeout(() => done('still open'), timeoutMs);
    socket.on('connect', () => write(socket));
    socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
      done(status ? `${status}${code ? ` ${code}` : ''}` : 'closed without an answer');
    });
  });
}

export function startAbusers(targets: AbuseTargets): Abusers {
  const outcomes: Record<string, Record<string, number>> = {};
  let stopped = false;
  /** `onGateway`: an attempt on the gateway's port, which is excused while the gateway process is down on purpose (the ingest port never is). */
  const count = (abuser: string, outcome: string, onGateway: boolean, downAtStart = false) => {
    const counts = (outcomes[abuser] ??= {});
    const counted = onGateway && (downAtStart || targets.restarting()) ? DURING_RESTART : outcome;
    counts[counted] = (counts[counted] ?? 0) + 1;
  };
  const gatewayPort = Number(new URL(targets.graphqlUrl).port);
  const ingestPort = Number(new URL(targets.ingestUrl).port);
  const agents: http.Agent[] = [];
  const sockets = new Set<net.Socket>();
  const agentFrom = (localAddress: string, maxSockets = 4) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets, localAddress } as http.AgentOptions);
    agents.push(agent);
    return agent;
  };
  const every = (ms: number, work: () => Promise<void>) => (async () => {
    while (!stopped) {
      await work();
      await sleep(ms);
    }
  })();
  const tried = async (abuser: string, url: string, send: () => Promise<Answer>, outcome: (answer: Answer) => string) => {
    const onGateway = url.startsWith(targets.graphqlUrl);
    const downAtStart = targets.restarting();
    try {
      count(abuser, outcome(await send()), onGateway, downAtStart);
    } catch (error) {
      count(abuser, `no answer (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, onGateway, downAtStart);
    }
  };

  // graphql-sse streams reserved (PUT), subscribed, never opened: their changes must be held in a bounded queue and dropped with the reservation.
  const sseAgent = agentFrom('127.0.0.10');
  const hoarder = every(100, async () => {
    let token = '';
    await tried('sse reservation never opened', targets.graphqlUrl, () => request(sseAgent, targets.graphqlUrl, 'PUT'), (answer) => {
      if (answer.status === 201) token = answer.body;
      return `${answer.status} ${answer.status === 201 ? 'reserved' : codeOf(answer)}`.trim();
    });
    if (!token) return;
    await tried('sse reservation never opened', targets.graphqlUrl, () => request(sseAgent, targets.graphqlUrl, 'POST', JSON.stringify({ query: HOARDED, extensions: { operationId: 'hoarded' } }), 'application/json',
      { 'x-graphql-event-stream-token': token, accept: 'application/json' }), (answer) => `subscribe ${answer.status}`);
  });

  // WebSocket messages over the body limit: the socket must be closed with 1009.
  const frames = every(1000, () => new Promise<void>((resolve) => {
    const socket = new WebSocket(targets.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { localAddress: '127.0.0.11' } as WebSocket.ClientOptions);
    let counted = false;
    const downAtStart = targets.restarting();
    const once = (outcome: string) => {
      if (counted) return;
      counted = true;
      clearTimeout(timer);
      count('oversize websocket frame', outcome, true, downAtStart);
      resolve();
    };
    const timer = setTimeout(() => { once('not closed within 15 s'); socket.terminate(); }, 15_000);
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init' }));
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ portfolio { currency } }`, padding: 'x'.repeat(targets.graphqlBodyBytes + 1024) } }));
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => once(`closed ${code}`));
  }));

  // The fan-out query, then a simple one, again and again.
  const fanOutAgent = agentFrom('127.0.0.12');
  const fanOut = every(200, async () => {
    await tried('fan-out query', targets.graphqlUrl, () => request(fanOutAgent, targets.graphqlUrl, 'POST', JSON.stringify({ query: fanOutQuery(6) }), 'application/json',
      { 'cache-control': 'no-cache' }), (answer) => `${answer.status} ${codeOf(answer) || (answer.status === 200 ? 'answered' : '')}`.trim());
    await tried('fan-out query', targets.graphqlUrl, () => request(fanOutAgent, targets.graphqlUrl, 'POST', JSON.stringify({ query: '{ projects(first: 1) { nodes { id } } }' })),
      (answer) => `simple query ${answer.status}`);
  });

  // Bodies that never finish and headers that never end, 4 of each at a time, on both ports: each must be cut by the server's timeouts.
  const slow = [...Array(8).keys()].map((i) => every(100, async () => {
    const port = i % 2 === 0 ? gatewayPort : ingestPort;
    const downAtStart = targets.restarting();
    const path = port === gatewayPort ? '/graphql' : '/events';
    const what = i < 4 ? 'body never finishing' : 'headers never ending';
    let trickle: NodeJS.Timeout | undefined;
    const outcome = await rawExchange(sockets, port, '127.0.0.13', (socket) => {
      socket.write(i < 4
        ? `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"query":"`
        : `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      trickle = setInterval(() => socket.write(i < 4 ? 'x' : `X-Slow-${Date.now()}: 1\r\n`), 1000);
    }, 120_000);
    clearInterval(trickle);
    if (!stopped) count(`slow client (${what}, ${port === gatewayPort ? 'gateway' : 'ingest'})`, outcome, port === gatewayPort, downAtStart);
  }));

  // More connections than one client may hold: beyond CONNECTIONS_PER_CLIENT each must be refused with 429 at once.
  const many = every(3000, async () => {
    // 100 a port: over the 64 one client may hold on each.
    const downAtStart = targets.restarting();
    const results = await Promise.all([...Array(200).keys()].map(async (i) => {
      const port = i % 2 === 0 ? gatewayPort : ingestPort;
      return { port, outcome: await rawExchange(sockets, port, '127.0.0.14', () => undefined, 1500) };
    }));
    for (const { port, outcome } of results) count('many connections', outcome, port === gatewayPort, downAtStart);
  });

  // Events with oversize fields and a request over the body limit: rejected per event, and 413 for the request.
  const oversizeAgent = agentFrom('127.0.0.15');
  let oversized = 0;
  const oversize = every(500, async () => {
    oversized++;
    await tried('oversize events', targets.ingestUrl, () => request(oversizeAgent, `${targets.ingestUrl}/events`, 'POST', JSON.stringify(oversizeEvents(oversized)), 'application/cloudevents-batch+json'),
      (answer) => {
        if (answer.status !== 202) return `${answer.status} ${codeOf(answer)}`;
        const body = JSON.parse(answer.body) as { accepted: number; rejected: number };
        return `202 accepted ${body.accepted} rejected ${body.rejected}`;
      });
    if (oversized % 10 === 0) {
      await tried('oversize events', targets.ingestUrl, () => request(oversizeAgent, `${targets.ingestUrl}/events`, 'POST', `[${'"x",'.repeat(1_300_000)}"x"]`, 'application/cloudevents-batch+json'),
        (answer) => `${answer.status} ${codeOf(answer)}`.trim());
    }
  });

  // Junk events, each different, 500 a request.
  const junkAgent = agentFrom('127.0.0.16');
  let junk = 0;
  const flood = every(250, async () => {
    const batch = Array.from({ length: 500 }, () => junkEvent(junk++));
    await tried('junk events', targets.ingestUrl, () => request(junkAgent, `${targets.ingestUrl}/events`, 'POST', JSON.stringify(batch), 'application/cloudevents-batch+json'),
      (answer) => {
        if (answer.status !== 202) return `${answer.status} ${codeOf(answer)}`;
        const body = JSON.parse(answer.body) as { accepted: number; duplicates: number; rejected: number };
        return `202 accepted ${body.accepted} duplicates ${body.duplicates} rejected ${body.rejected}`;
      });
  });

  // A mutation over POST and a NUL character in an argument: 400 each.
  const mutationAgent = agentFrom('127.0.0.17');
  const mutations = every(300, async () => {
    await tried('mutation over POST', targets.graphqlUrl, () => request(mutationAgent, targets.graphqlUrl, 'POST', JSON.stringify({ query: 'mutation { dropEverything }' })),
      (answer) => `${answer.status} ${codeOf(answer)}`);
    await tried('NUL in a variable', targets.graphqlUrl, () => request(mutationAgent, targets.graphqlUrl, 'POST',
      JSON.stringify({ query: 'query($id: ID!) { project(id: $id) { id } }', variables: { id: 'PRJ\u0000-1' } })), (answer) => `${answer.status} ${codeOf(answer)}`);
  });

  const all = [hoarder, frames, fanOut, ...slow, many, oversize, flood, mutations];
  return {
    outcomes,
    async stop() {
      stopped = true;
      // The slow clients hold their sockets until the server cuts them: stopping closes them.
      for (const socket of sockets) socket.destroy();
      await Promise.race([Promise.all(all), sleep(10_000)]);
      for (const agent of agents) agent.destroy();
    },
  };
}

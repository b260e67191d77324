/**
 * The operations endpoints every HTTP port of the hub serves beside its own
 * routes, none of them behind a token except `/metrics` (docs/operations.md):
 *
 *   GET /healthz   200 while the process runs (it answered)
 *   GET /readyz    200 when every readiness check passes, else 503 naming each failing one
 *   GET /metrics   Prometheus text exposition of the process's registry
 *
 * A readiness check answers `undefined` (ready) or the reason it is not; a
 * check that does not answer within {@link CHECK_TIMEOUT_MS} fails with that
 * reason, so a hung database never hangs the orchestrator's probe.
 */
import type http from 'node:http';
import { Gauge, type Registry } from './metrics';

/** One condition of readiness: resolves to undefined when met, else to the reason it is not. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<string | undefined>;
}

/** What /metrics serves: the text and its content type (prom-client's registry fits). */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface OperationsEndpoints {
  readonly readiness: readonly ReadinessCheck[];
  readonly metrics?: MetricsSource;
}

/** A complete HTTP answer, plain data so it can cross a thread boundary. */
export interface ProbeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;
export type HealthPath = (typeof HEALTH_PATHS)[number];

export const CHECK_TIMEOUT_MS = 3000;

export function isOperationsPath(path: string): path is HealthPath {
  return (HEALTH_PATHS as readonly string[]).includes(path);
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Runs every check (in parallel, each bounded in time) and says which failed. */
export async function readiness(checks: readonly ReadinessCheck[]): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await bounded(c)] as const));
  const failed = results.filter(([, reason]) => reason !== undefined);
  return { ready: failed.length === 0, checks: Object.fromEntries(results.map(([name, reason]) => [name, reason ?? 'ok'])) };
}

async function bounded(check: ReadinessCheck): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check().catch((error: unknown) => (error instanceof Error ? error.message : String(error))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer to GET `path` (one of {@link HEALTH_PATHS}). */
export async function answerOperations(path: HealthPath, endpoints: OperationsEndpoints): Promise<ProbeAnswer> {
  switch (path) {
    case '/healthz':
      return { status: 200, headers: JSON_HEADERS, body: '{"status":"ok"}' };
    case '/readyz': {
      const { ready, checks } = await readiness(endpoints.readiness);
      const reasons = Object.entries(checks).filter(([, state]) => state !== 'ok').map(([name, reason]) => `${name}: ${reason}`);
      const body = ready ? { status: 'ready', checks } : { status: 'not ready', reason: reasons.join('; '), checks };
      return { status: ready ? 200 : 503, headers: JSON_HEADERS, body: JSON.stringify(body) };
    }
    case '/metrics': {
      if (!endpoints.metrics) return { status: 404, headers: JSON_HEADERS, body: '{"error":{"code":"NOT_FOUND","message":"this process serves no metrics"}}' };
      const text = await endpoints.metrics.metrics();
      return { status: 200, headers: { 'content-type': endpoints.metrics.contentType, 'cache-control': 'no-store' }, body: text };
    }
  }
}

/** Writes an answer (HEAD: headers only). */
export function sendProbeAnswer(res: http.ServerResponse, answer: ProbeAnswer, method: string | undefined): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  res.end(method === 'HEAD' ? undefined : answer.body);
}

/** Answers GET/HEAD of an operations path; false for any other request (the caller's routes then answer it). */
export async function serveOperations(
  req: http.IncomingMessage, res: http.ServerResponse, endpoints: OperationsEndpoints,
): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!isOperationsPath(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const body = JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: `expected GET ${path}, got ${req.method} ${path}` } });
    sendProbeAnswer(res, { status: 405, headers: { ...JSON_HEADERS, allow: 'GET, HEAD' }, body }, req.method);
    return true;
  }
  sendProbeAnswer(res, await answerOperations(path, endpoints), req.method);
  return true;
}

/**
 * The endpoints of a process with `registry` at /metrics, which gains
 * `servicegraph_ready` (1 when /readyz would answer 200): Prometheus alerts
 * on readiness without probing /readyz itself.
 */
export function operationsEndpoints(registry: Registry, checks: readonly ReadinessCheck[]): OperationsEndpoints {
  new Gauge({
    name: 'servicegraph_ready', help: 'Whether the process is ready (GET /readyz answers 200): 1 or 0.', registers: [registry],
    async collect() {
      this.set((await readiness(checks)).ready ? 1 : 0);
    },
  });
  return { readiness: checks, metrics: registry };
}

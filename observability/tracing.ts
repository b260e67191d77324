/**
 * Traces with the OpenTelemetry SDK for Node, configured only by the standard
 * `OTEL_*` variables (docs/operations.md, "Traces"): on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is
 * set, off otherwise — and off means no SDK, no span objects, nothing on the
 * hot paths but one boolean test.
 *
 * Spans are made by hand at the few places that matter (the ingest request
 * and its log commit, a listener batch, a query and its subgraph fetches, a
 * subscription push); no automatic instrumentation, and no per-field resolver
 * spans, which would multiply a query's cost. An event's CloudEvents
 * `traceparent` (the distributed tracing extension) becomes a span link of
 * the batch that applies it and of the pushes it causes, and the parent of
 * the ingest request that carries it alone.
 *
 * Each thread of a process (ingest, listeners) starts its own SDK: the
 * OpenTelemetry API is per thread.
 *
 * A child span gets its parent explicitly ({@link childOf}), never from the
 * API's active context: on Node 20 the active context lives in an
 * AsyncLocalStorage, and once one is entered every promise of the process
 * pays for its async hooks — the gateway's promise-heavy execution spent
 * about 1.6 times the CPU per request with it. The few spans here have a
 * known parent at hand (the request's span rides on the request's context).
 * For the same reason the SDK gets a context manager that keeps nothing
 * across asynchronous calls (explicitContextManager.ts).
 */
import { ExplicitContextManager } from './explicitContextManager';
import { OwnSpansSampler, samplerFromEnvironment } from './ownSpansSampler';
import { propagation, ROOT_CONTEXT, trace, type Context, type Link, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';

export { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Link, type Context } from '@opentelemetry/api';

/** The most links one span carries (the SDK's default limit too): a batch of 2,000 traced events links the first 128. */
export const MAX_LINKS = 128;

let tracer: Tracer | undefined;
let shutdown: (() => Promise<void>) | undefined;

/** Whether the environment asks for traces. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/** The tracer, once {@link startTracing} started the SDK on this thread; undefined when tracing is off. */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

/**
 * Starts the SDK on this thread when the environment asks for traces (else
 * nothing). `serviceName` is the default of `service.name`; OTEL_SERVICE_NAME
 * and OTEL_RESOURCE_ATTRIBUTES override it. Exporter, protocol
 * (http/protobuf by default, http/json, grpc), headers, sampler and batching
 * are read by the SDK from their OTEL_* variables.
 */
export async function startTracing(serviceName: string): Promise<void> {
  if (tracer || !tracingConfigured()) return;
  // Loaded only when asked for: with tracing off, not even the SDK's modules are in memory.
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME (read by the SDK's resource detection) names the service when set.
    serviceName: process.env.OTEL_SERVICE_NAME ? undefined : serviceName,
    instrumentations: [],
    // Not the default AsyncLocalStorage: see observability/explicitContextManager.ts.
    contextManager: new ExplicitContextManager(),
    // The standard OTEL_TRACES_SAMPLER, for servicegraph's own spans only (ownSpansSampler.ts).
    sampler: new OwnSpansSampler(samplerFromEnvironment()),
    // Traces only: metrics are Prometheus's (observability/metrics.ts), logs go to stderr.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  tracer = trace.getTracer('servicegraph');
  shutdown = () => sdk.shutdown();
}

/** Flushes the spans not yet exported and stops the SDK (a stopping process calls it last). */
export async function stopTracing(): Promise<void> {
  const stop = shutdown;
  tracer = undefined;
  shutdown = undefined;
  await stop?.().catch(() => undefined);
}

/** The span context a W3C `traceparent` names; undefined when it is absent or not valid. */
export function spanContextOf(traceparent: unknown): SpanContext | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, { traceparent });
  const spanContext = trace.getSpanContext(extracted);
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** Links to the traces of `traceparents` (each trace once, at most {@link MAX_LINKS}). */
export function linksTo(traceparents: Iterable<unknown>): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const traceparent of traceparents) {
    if (links.length >= MAX_LINKS) break;
    const spanContext = spanContextOf(traceparent);
    if (!spanContext || seen.has(spanContext.spanId)) continue;
    seen.add(spanContext.spanId);
    links.push({ context: spanContext });
  }
  return links;
}

/** The context HTTP headers carry (`traceparent`, `tracestate`), for a server span's parent. */
export function contextFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** The parent for a span with these links and no parent of its own: the one linked trace, when there is exactly one. */
export function parentOfLinks(parent: Context, links: readonly Link[]): Context {
  if (trace.getSpanContext(parent) || links.length === 0) return parent;
  const traces = new Set(links.map((link) => link.context.traceId));
  return traces.size === 1 ? trace.setSpanContext(parent, links[0]!.context) : parent;
}

/** The context whose span is `span`: the parent to give its children and to propagate to another process. */
export function childOf(span: Span): Context {
  return trace.setSpan(ROOT_CONTEXT, span);
}

/** The W3C trace headers (`traceparent`, `tracestate`) that carry `parent` to another process. */
export function traceHeaders(parent: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(parent, carrier);
  return carrier;
}

/**
 * Runs `work` under `span` and ends the span when it settles (an exception
 * marks it failed). The span is not made the active context (see the top of
 * this file): `work` gives its children `childOf(span)` itself.
 */
export async function inSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

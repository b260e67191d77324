/**
 * The sampler servicegraph's SDK runs with: the standard one that
 * `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` name, for servicegraph's
 * own spans only.
 *
 * Why a library's spans are dropped: once a tracer provider is registered,
 * @apollo/gateway makes spans of its own for every query (`gateway.request`,
 * `gateway.validate`, `gateway.plan`, `gateway.execute`, one `gateway.fetch`
 * per subgraph fetch, `gateway.postprocessing`). They repeat what the
 * `graphql request` and `subgraph <name>` spans already say, they do not join
 * the caller's trace (the library takes its parent from the active context,
 * which servicegraph never sets: observability/tracing.ts), so each query
 * left a second, disconnected trace behind, and making and exporting them
 * was most of what tracing added to a query's CPU (BENCHMARKS.md,
 * `observability`). A dropped span is a non-recording one: nothing is kept
 * or exported.
 */
import {
  AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, SamplingDecision, TraceIdRatioBasedSampler,
  type Sampler, type SamplingResult,
} from '@opentelemetry/sdk-trace-base';
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { ConfigError } from '../config/config';

/** The prefix of @apollo/gateway's span names; servicegraph names none of its spans so. */
export const APOLLO_GATEWAY_SPAN_PREFIX = 'gateway.';

/** The samplers `OTEL_TRACES_SAMPLER` may name (the OpenTelemetry specification's built-in ones). */
export const SAMPLER_NAMES = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

/**
 * The sampler the standard variables ask for (default `parentbased_always_on`).
 * @throws a ConfigError naming the accepted values when `OTEL_TRACES_SAMPLER` or `OTEL_TRACES_SAMPLER_ARG` is not one.
 */
export function samplerFromEnvironment(env: NodeJS.ProcessEnv = process.env): Sampler {
  const name = (env.OTEL_TRACES_SAMPLER ?? '').trim().toLowerCase() || 'parentbased_always_on';
  const ratio = (): number => {
    const text = (env.OTEL_TRACES_SAMPLER_ARG ?? '').trim();
    if (text === '') return 1;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new ConfigError([{ variable: 'OTEL_TRACES_SAMPLER_ARG', expected: 'a ratio from 0 to 1', received: `"${env.OTEL_TRACES_SAMPLER_ARG}"` }]);
    }
    return value;
  };
  switch (name) {
    case 'always_on': return new AlwaysOnSampler();
    case 'always_off': return new AlwaysOffSampler();
    case 'traceidratio': return new TraceIdRatioBasedSampler(ratio());
    case 'parentbased_always_on': return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio()) });
    default:
      throw new ConfigError([{ variable: 'OTEL_TRACES_SAMPLER', expected: `one of ${SAMPLER_NAMES.join(', ')}`, received: `"${env.OTEL_TRACES_SAMPLER}"` }]);
  }
}

/** Samples servicegraph's spans as `standard` decides; drops @apollo/gateway's. */
export class OwnSpansSampler implements Sampler {
  constructor(private readonly standard: Sampler) {}

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (spanName.startsWith(APOLLO_GATEWAY_SPAN_PREFIX)) return { decision: SamplingDecision.NOT_RECORD };
    return this.standard.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `OwnSpansSampler{${this.standard.toString()}}`;
  }
}

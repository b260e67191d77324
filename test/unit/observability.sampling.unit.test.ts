import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { context, createContextKey, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { ExplicitContextManager } from '../../observability/explicitContextManager';
import { OwnSpansSampler, samplerFromEnvironment } from '../../observability/ownSpansSampler';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const decide = (sampler: ReturnType<typeof samplerFromEnvironment>, name: string, parent = ROOT_CONTEXT) =>
  sampler.shouldSample(parent, TRACE_ID, name, SpanKind.INTERNAL, {}, []).decision;

describe('which spans are sampled', () => {
  it('drops @apollo/gateway\'s own spans and samples servicegraph\'s as the standard sampler says', () => {
    const sampler = new OwnSpansSampler(samplerFromEnvironment({}));
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.fetch', 'gateway.postprocessing']) {
      assert.equal(decide(sampler, name), SamplingDecision.NOT_RECORD, name);
    }
    for (const name of ['graphql request', 'subgraph billing', 'POST /events', 'event log commit', 'listener batch', 'subscription push']) {
      assert.equal(decide(sampler, name), SamplingDecision.RECORD_AND_SAMPLED, name);
    }
    const off = new OwnSpansSampler(samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'always_off' }));
    assert.equal(decide(off, 'graphql request'), SamplingDecision.NOT_RECORD);
  });

  it('reads OTEL_TRACES_SAMPLER and its ratio as the specification names them, parent first', () => {
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true });
    const none = samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' });
    assert.equal(decide(none, 'graphql request'), SamplingDecision.NOT_RECORD, 'a root span at ratio 0');
    assert.equal(decide(none, 'graphql request', sampledParent), SamplingDecision.RECORD_AND_SAMPLED, 'a sampled caller\'s child');
    assert.equal(decide(samplerFromEnvironment({ OTEL_TRACES_SAMPLER: ' TraceIdRatio ', OTEL_TRACES_SAMPLER_ARG: '1' }), 'x'), SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('refuses a sampler or ratio it does not know, naming what it expects', () => {
    assert.throws(() => samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'jaeger_remote' }), /OTEL_TRACES_SAMPLER: expected one of always_on, .*parentbased_traceidratio, but got "jaeger_remote"/);
    assert.throws(() => samplerFromEnvironment({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }), /OTEL_TRACES_SAMPLER_ARG: expected a ratio from 0 to 1, but got "1.5"/);
  });
});

describe('the context manager', () => {
  it('keeps a context for the synchronous call only, never across an await', async () => {
    const manager = new ExplicitContextManager();
    assert.ok(context.setGlobalContextManager(manager));
    try {
      const key = createContextKey('k');
      const marked = ROOT_CONTEXT.setValue(key, 'v');
      const seen = await context.with(marked, async () => {
        const before = context.active().getValue(key);
        await Promise.resolve();
        return [before, context.active().getValue(key)];
      });
      assert.deepEqual(seen, ['v', undefined]);
      assert.equal(context.active(), ROOT_CONTEXT);
    } finally {
      context.disable();
    }
  });
});

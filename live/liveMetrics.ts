/**
 * The live side's metrics on the gateway's registry: open subscriptions by
 * transport, and how long a change takes from its commit to each
 * subscriber's transport (docs/operations.md).
 */
import { Gauge, Histogram, PUSH_BUCKETS, type Registry } from '../observability/metrics';
import type { OnPushed, Subscription } from './fanout';
import { WebSocketSubscriber } from './webSocketSubscriber';

/** Registers the metrics; returns what the fan-out calls for each payload pushed. */
export function registerLiveMetrics(registry: Registry, subscriptions: () => Iterable<Subscription>): OnPushed {
  const pushSeconds = new Histogram({
    name: 'servicegraph_change_push_seconds', help: 'From the commit of a change to its payload handed to each subscriber\'s transport.',
    buckets: PUSH_BUCKETS, registers: [registry],
  });
  new Gauge({
    name: 'servicegraph_subscriptions_active', help: 'Open subscriptions by transport (websocket: graphql-ws; sse: graphql-sse).',
    labelNames: ['transport'], registers: [registry],
    collect() {
      let websocket = 0;
      let sse = 0;
      for (const { subscriber } of subscriptions()) {
        if (subscriber instanceof WebSocketSubscriber) websocket++;
        else sse++;
      }
      this.set({ transport: 'websocket' }, websocket);
      this.set({ transport: 'sse' }, sse);
    },
  });
  return (change, subscribers) => {
    if (change.changedAtMs === undefined) return;
    const seconds = Math.max(0, (Date.now() - change.changedAtMs) / 1000);
    for (let i = 0; i < subscribers; i++) pushSeconds.observe(seconds);
  };
}

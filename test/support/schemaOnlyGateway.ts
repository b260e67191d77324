/**
 * The gateway over the real subgraphs' schemas with no database behind them,
 * the subscriptions' root composed in: for tests of what the gateway decides
 * from a document alone (its operation guard, limits, composed directives).
 * Nothing may execute against it: every read of the read model fails.
 */
import type { Pool } from 'pg';
import type { OperationLimits } from '../../config/limits';
import { startGateway, type GatewayExtensionFactory, type RunningGateway } from '../../gateway/gateway';
import { SUBSCRIPTION_SUBGRAPH } from '../../live/subscriptionSchema';
import { createSubgraphs } from '../../subgraphs';

// Building a schema reads nothing: a pool that fails on use proves it.
const pool = { query: () => Promise.reject(new Error('no database behind a schema-only gateway')) } as unknown as Pool;

/** Composes the Subscription root as the live extension does, serving nothing. */
const subscriptionsComposed: GatewayExtensionFactory = Object.assign(() => ({}), { subgraph: SUBSCRIPTION_SUBGRAPH });

export async function startSchemaOnlyGateway(options: { operationLimits?: OperationLimits } = {}): Promise<RunningGateway> {
  return startGateway({
    subgraphs: await createSubgraphs({ pool }), host: '127.0.0.1', port: 0, explorer: false,
    extensions: [subscriptionsComposed], operationLimits: options.operationLimits,
  });
}

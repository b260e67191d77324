/**
 * The operation guard (gateway/operationGuard.ts) in Apollo Server's request
 * pipeline, for every operation it runs: GraphQL over HTTP and `core.execute`
 * (reports, queries sent over the live transports).
 *
 * It answers in `responseForOperation`: Apollo Server calls it once the
 * operation is parsed, validated and resolved, and when it returns a response
 * nothing is executed, so @apollo/gateway never plans the operation nor asks
 * a subgraph. (An error thrown from `didResolveOperation` would stop the
 * request as early, but becomes one error; a refusal has one per field.)
 *
 * The token limit is met earlier, while Apollo Server parses (its
 * `parseOptions`); `didEncounterErrors` records that refusal in the audit
 * log, and the gateway's `formatError` gives it its code.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Principal } from '../access/principal';
import { asTokenLimitError } from './operationLimits';
import type { OperationGuard, RequestOrigin } from './operationGuard';

/** What the plugin reads of a request's context (gateway/dataSources.ts's GatewayContext has it). */
export interface GuardContext {
  readonly principal: Principal;
  readonly origin: RequestOrigin;
  /** The document was made by the gateway from an admitted one: fields are checked, limits are not. */
  readonly derived?: boolean;
}

/** `guardOf`: the guard, made once the gateway has its API schema (before any request is served). */
export function operationGuardPlugin(guardOf: () => OperationGuard): ApolloServerPlugin<GuardContext> {
  return {
    async requestDidStart() {
      const guard = guardOf();
      return {
        async responseForOperation({ document, operation, request, contextValue }) {
          const refusal = guard.check({
            document, operation, variables: request.variables, principal: contextValue.principal, origin: contextValue.origin, derived: contextValue.derived,
          });
          if (!refusal) return null;
          return {
            http: { status: refusal.status, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors: refusal.errors.map((error) => error.toJSON()) } },
          };
        },
        async didEncounterErrors({ errors, contextValue, document }) {
          if (document) return;
          const limit = errors.map((error) => asTokenLimitError(error, guard.limits)).find((e) => e !== undefined);
          if (limit) guard.refused({ status: 400, errors: [limit] }, contextValue.origin, contextValue.principal);
        },
      };
    },
  };
}

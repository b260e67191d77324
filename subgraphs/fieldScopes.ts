/**
 * The field scopes a subgraph declares (`@requiresScopes` in its own SDL,
 * docs/api.md "Field authorization"), held by a subgraph process too. The
 * gateway refuses an operation selecting a field its token may not read
 * before it asks any subgraph; a caller that reaches a subgraph process
 * around the gateway (with a token: the process verifies it) is refused the
 * same fields the same way: `403`, one FORBIDDEN error per field, nothing
 * executed. The gateway's own fetches carry its client's token and select
 * only what the gateway admitted, so they pass.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FieldNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { analyzeOperation } from '../access/operationAnalysis';
import type { Principal } from '../access/principal';
import { forbiddenFields, requiredScopesOf } from '../access/requiredScopes';
import { DEFAULT_FIRST } from '../resolvers/shared/pagination';

export function fieldScopesPlugin(sdl: string, schema: GraphQLSchema): ApolloServerPlugin<{ principal: Principal }> {
  const required = requiredScopesOf(sdl, schema);
  // Apollo Server reuses the parsed document of a text it has seen: one walk per operation.
  const selections = new WeakMap<OperationDefinitionNode, ReadonlyMap<string, FieldNode>>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, contextValue }) {
          let selected = selections.get(operation);
          if (!selected) selections.set(operation, (selected = analyzeOperation(schema, document, operation, DEFAULT_FIRST).coordinates));
          const forbidden = forbiddenFields(selected, required, contextValue.principal.scopes);
          if (forbidden.length === 0) return null;
          return {
            http: { status: 403, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors: forbidden.map((error) => error.toJSON()) } },
          };
        },
      };
    },
  };
}

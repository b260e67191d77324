import assert from 'node:assert/strict';
import { type ExecutionResult, graphql } from 'graphql';
import { OPEN_PRINCIPAL, type Principal } from '../../access/principal';
import type { Subgraph } from '../../subgraphs';

/**
 * Executes a query directly against a subgraph's schema, with a fresh context
 * object (as one request) for `principal` (default: every legal entity), and
 * answers the result as plain JSON (GraphQL results have null prototypes).
 */
export async function execute(subgraph: Subgraph, source: string, variableValues?: Record<string, unknown>, principal: Principal = OPEN_PRINCIPAL): Promise<ExecutionResult> {
  const result = await graphql({ schema: subgraph.schema, source, variableValues, contextValue: { principal } });
  return JSON.parse(JSON.stringify(result)) as ExecutionResult;
}

/** {@link execute}, failing on any error; answers `data`. */
export async function query<T = any>(subgraph: Subgraph, source: string, variableValues?: Record<string, unknown>): Promise<T> {
  const result = await execute(subgraph, source, variableValues);
  assert.equal(result.errors, undefined, `${subgraph.name}: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** `_entities` as the gateway sends it: representations of one type, with a selection of its fields. */
export async function entities<T = any>(subgraph: Subgraph, typename: string, ids: readonly string[], selection: string): Promise<(T | null)[]> {
  const data = await query<{ _entities: (T | null)[] }>(
    subgraph,
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
    { representations: ids.map((id) => ({ __typename: typename, id })) },
  );
  return data._entities;
}

import type { GraphQLSchema } from 'graphql';
import type pg from 'pg';

/** The four domain subgraphs, in the order the supergraph lists them. */
export const SUBGRAPH_NAMES = ['customer', 'project', 'billing', 'revenue'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

/** One built domain subgraph. */
export interface Subgraph {
  readonly name: SubgraphName;
  /** Executable schema (with `_entities` and `_service`), run in the gateway's process or by {@link serveSubgraph}. */
  readonly schema: GraphQLSchema;
  /** The subgraph SDL with its federation directives (`@link`, `@key`, `@shareable`), for @apollo/composition. */
  readonly sdl: string;
}

/** What a subgraph needs: the read model, and a clock (for ages such as `ageHours`). */
export interface SubgraphDeps {
  /** Resolvers only read, one statement per batch, through `pool.query`. */
  readonly pool: pg.Pool;
  /** Defaults to `() => new Date()`. */
  readonly clock?: () => Date;
}

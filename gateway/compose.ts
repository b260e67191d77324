/**
 * The supergraph, composed once at start by @apollo/composition from the
 * subgraphs' SDL (no polling, no introspection of a running graph).
 */
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { relaxBoundaryNullability, type RelaxedField } from './boundaryNullability';

/** A subgraph as composition sees it: its name, where the gateway reaches it, its SDL with federation directives. */
export interface SubgraphDefinition {
  readonly name: string;
  /** The subgraph's GraphQL endpoint; recorded in the supergraph (`join__graph`). */
  readonly url: string;
  readonly sdl: string;
  /**
   * Types the gateway executes itself (the subscriptions): composed as
   * declared. Boundary nullability is about fetches of other subgraphs
   * failing under a field, which does not happen to these.
   */
  readonly servedByGateway?: boolean;
}

/**
 * How the supergraph's field nullability is chosen:
 * - `boundary` (default): fields whose value may come from another fetch than
 *   their parent's are nullable, so one failed subgraph nulls only its fields
 *   (gateway/boundaryNullability.ts, docs/graphql.md);
 * - `contract`: the subgraphs' types unchanged.
 */
export type NullabilityMode = 'boundary' | 'contract';

export interface Supergraph {
  readonly supergraphSdl: string;
  /** The fields made nullable by the `boundary` mode (empty in `contract` mode). */
  readonly relaxed: readonly RelaxedField[];
  /** The composer's hints (not errors), as `CODE: message` lines. */
  readonly hints: readonly string[];
}

/** Composition failed: `messages` are the composer's own, one per error. */
export class CompositionError extends Error {
  readonly code = 'COMPOSITION_FAILED';
  constructor(readonly messages: readonly string[]) {
    super(`the subgraphs do not compose into a supergraph:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the supergraph from the subgraphs' SDL.
 * @throws {CompositionError} with the composer's messages when the SDL does not parse or compose.
 */
export function composeSupergraph(
  subgraphs: readonly SubgraphDefinition[],
  options: { nullability?: NullabilityMode } = {},
): Supergraph {
  if (subgraphs.length === 0) throw new CompositionError(['no subgraphs to compose']);
  const seen = new Set<string>();
  const documents: { name: string; url: string; typeDefs: DocumentNode; servedByGateway: boolean }[] = [];
  const parseErrors: string[] = [];
  for (const subgraph of subgraphs) {
    if (seen.has(subgraph.name)) parseErrors.push(`[${subgraph.name}] the subgraph is given twice`);
    seen.add(subgraph.name);
    try {
      documents.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl), servedByGateway: subgraph.servedByGateway ?? false });
    } catch (error) {
      parseErrors.push(`[${subgraph.name}] its SDL does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (parseErrors.length > 0) throw new CompositionError(parseErrors);

  let relaxed: RelaxedField[] = [];
  let services = documents;
  if ((options.nullability ?? 'boundary') === 'boundary') {
    const fetched = documents.filter((d) => !d.servedByGateway);
    const result = relaxBoundaryNullability(fetched);
    relaxed = result.relaxed;
    services = [...result.subgraphs.map((s, i) => ({ ...fetched[i]!, typeDefs: s.typeDefs })), ...documents.filter((d) => d.servedByGateway)];
  }

  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((e) => (e.extensions?.code ? `${String(e.extensions.code)}: ${e.message}` : e.message)));
  }
  return {
    supergraphSdl: result.supergraphSdl,
    relaxed,
    hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
  };
}

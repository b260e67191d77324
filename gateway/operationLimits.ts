/**
 * The bounds on one GraphQL operation (docs/limits.md), in every mode of
 * AUTH, before any subgraph is asked: each refusal is an error whose
 * `extensions.code` names the limit, with the limit and what arrived.
 *
 * Tokens are bounded while parsing: graphql-js's `parse(source, { maxTokens })`
 * stops at the first token past the limit, so a huge document is never parsed
 * whole. graphql-js reports that as a syntax error; {@link asTokenLimitError}
 * tells it apart, so clients get TOKEN_LIMIT_EXCEEDED.
 */
import { GraphQLError, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { OperationLimits } from '../config/limits';
import type { OperationAnalysis } from '../access/operationAnalysis';

export const DEPTH_LIMIT_EXCEEDED = 'DEPTH_LIMIT_EXCEEDED';
export const ALIAS_LIMIT_EXCEEDED = 'ALIAS_LIMIT_EXCEEDED';
export const TOKEN_LIMIT_EXCEEDED = 'TOKEN_LIMIT_EXCEEDED';
export const COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED';

/**
 * How deep introspection's lists may nest (gateway/operationAnalysis.ts): 3,
 * `__schema { types { fields { args } } }`, what every introspection query
 * needs. Not a setting: a schema reader needs no more, and each level more
 * multiplies the answer by the schema's size.
 */
export const MAX_INTROSPECTION_LISTS = 3;

/** The limits an operation exceeds with these variables: one error per limit, none when it fits. */
export function limitErrors(analysis: OperationAnalysis, variables: Readonly<Record<string, unknown>> | null | undefined, limits: OperationLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (analysis.depth > limits.graphqlMaxDepth) {
    errors.push(exceeded(DEPTH_LIMIT_EXCEEDED, `expected fields nested at most ${limits.graphqlMaxDepth} deep (GRAPHQL_MAX_DEPTH), got ${analysis.depth}`, limits.graphqlMaxDepth, analysis.depth));
  }
  if (analysis.introspectionLists > MAX_INTROSPECTION_LISTS) {
    errors.push(exceeded(DEPTH_LIMIT_EXCEEDED,
      `expected introspection's lists nested at most ${MAX_INTROSPECTION_LISTS} deep (__schema { types { fields { args } } }), got ${analysis.introspectionLists}; ` +
        'read a type\'s fields from __schema.types or __type(name:)', MAX_INTROSPECTION_LISTS, analysis.introspectionLists));
  }
  if (analysis.aliases > limits.graphqlMaxAliases) {
    errors.push(exceeded(ALIAS_LIMIT_EXCEEDED, `expected at most ${limits.graphqlMaxAliases} aliases in one operation (GRAPHQL_MAX_ALIASES), got ${analysis.aliases}`, limits.graphqlMaxAliases, analysis.aliases));
  }
  const cost = analysis.cost(variables);
  if (cost > limits.graphqlMaxCost) {
    errors.push(exceeded(COST_LIMIT_EXCEEDED,
      `expected an estimated cost of at most ${limits.graphqlMaxCost} (GRAPHQL_MAX_COST: each field 1, a connection's selection times its first), got ${cost}; ask for smaller pages or fewer nested connections`,
      limits.graphqlMaxCost, cost));
  }
  return errors;
}

/** Parses `source`, stopping past `limits.graphqlMaxTokens` tokens with TOKEN_LIMIT_EXCEEDED; other syntax errors as graphql-js throws them. */
export function parseWithinLimits(source: string, limits: OperationLimits): DocumentNode {
  try {
    return parse(source, { maxTokens: limits.graphqlMaxTokens });
  } catch (error) {
    throw asTokenLimitError(error, limits) ?? error;
  }
}

/**
 * The TOKEN_LIMIT_EXCEEDED error for graphql-js's abort of a document past
 * `maxTokens` (however it was wrapped since: Apollo Server's parse failure
 * keeps it as `originalError`), or undefined for any other error.
 */
export function asTokenLimitError(error: unknown, limits: OperationLimits): GraphQLError | undefined {
  // graphql-js gives the abort no code of its own: it is known by its message, which names the limit it was
  // given ("Document contains more that 2000 tokens", sic, in graphql 16; "than" elsewhere).
  const abort = new RegExp(`Document contains more th[a-z]+ ${limits.graphqlMaxTokens} tokens\\.`);
  for (let e: unknown = error, hops = 0; e instanceof Error && hops < 4; e = (e as { originalError?: unknown }).originalError, hops++) {
    if (abort.test(e.message)) {
      return exceeded(TOKEN_LIMIT_EXCEEDED,
        `expected a document of at most ${limits.graphqlMaxTokens} tokens (GRAPHQL_MAX_TOKENS), got more; parsing stopped there`, limits.graphqlMaxTokens, undefined);
    }
  }
  return undefined;
}

/** Apollo Server's `formatError` step: a parse failure that is the token limit goes out as TOKEN_LIMIT_EXCEEDED. */
export function formatTokenLimit(formatted: GraphQLFormattedError, error: unknown, limits: OperationLimits): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return formatted;
  const limit = asTokenLimitError(error, limits);
  return limit ? { ...limit.toJSON(), extensions: { ...limit.extensions } } : formatted;
}

function exceeded(code: string, message: string, limit: number, got: number | undefined): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...(got === undefined ? {} : { got }) } });
}

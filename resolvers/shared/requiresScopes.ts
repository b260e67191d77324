/**
 * Field authorization declared where a field is declared: the federation
 * directive `@requiresScopes` (Federation 2.5+), composed into the supergraph,
 * from which the gateway's operation guard reads which fields need which
 * scopes (gateway/requiredScopes.ts). Nothing is enforced here: an operation
 * selecting a field its token may not read is refused whole at the gateway,
 * before any subgraph is asked (docs/api.md, "Access").
 */
import { Directive } from 'type-graphql';
import type { Scope } from '../../access/principal';

/** The field (or type) needs every one of `scopes`. */
export function RequiresScopes(...scopes: [Scope, ...Scope[]]): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Directive(`@requiresScopes(scopes: [[${scopes.map((scope) => JSON.stringify(scope)).join(', ')}]])`);
}

/**
 * A money figure: every `Money` field, every `marginPercent`, and what is
 * derived from money alone (DSO's days). Needs `financials:read`.
 */
export function Financial(): MethodDecorator & PropertyDecorator & ClassDecorator {
  return RequiresScopes('financials:read');
}

/**
 * Legal-entity scoping (docs/api.md, "Access"), in one place: a customer,
 * project or invoice outside the principal's `legal_entities` does not exist
 * for it. Every read of those rows, and every sum over them, adds the
 * condition {@link inScope} makes to its SQL, so a subgraph called on its own
 * port scopes exactly as one called by the gateway.
 *
 * Where a row's legal entity is: a customer (account) in its own
 * `legal_entity_id`; a project in its own; an invoice in its project's, its
 * customer's (the survivor of its account) when it has no project.
 */
import type { Principal } from '../../access/principal';
import type { Params } from './sql';

/** The legal entities whose rows a request sees: `null` every one, `[]` none. */
export type RowScope = readonly string[] | null;

/**
 * The principal a subgraph request is read for: the gateway puts it on the
 * context of an in-process subgraph, subgraphs/serve.ts on that of a request
 * whose token it verified.
 * @throws an Error for a context without one: no read may fall back to "everything".
 */
export function principalOfContext(context: unknown): Principal {
  const principal = (context as { principal?: Principal } | null | undefined)?.principal;
  if (!principal) throw new Error('a subgraph request carries no principal: expected the context to hold the principal it is read for');
  return principal;
}

/** The legal entities whose rows the request of `context` sees. */
export function rowScopeOf(context: unknown): RowScope {
  return principalOfContext(context).legalEntities;
}

/** The kinds of rows that live in a legal entity. */
export type ScopedRow = 'customer' | 'project' | 'invoice';

/**
 * The SQL expression of the legal entity of the row of `kind` under table
 * alias `alias` (`customer.account`, `project.project`, `billing.invoice`).
 * An invoice's is read by primary-key lookups of its own, so a statement
 * needs no join for it and an unscoped statement keeps its plan.
 */
export function legalEntityOf(kind: ScopedRow, alias: string): string {
  switch (kind) {
    case 'customer':
    case 'project':
      return `${alias}.legal_entity_id`;
    case 'invoice':
      return `coalesce(
        (SELECT scope_p.legal_entity_id FROM project.project scope_p WHERE scope_p.id = ${alias}.project_id),
        (SELECT scope_r.legal_entity_id FROM customer.account scope_a JOIN customer.account scope_r ON scope_r.id = scope_a.root_id
          WHERE scope_a.id = ${alias}.account_id))`;
  }
}

/**
 * The condition keeping the rows of `kind` (alias `alias`) that `scope` sees:
 * `true` for every legal entity (the statement is unchanged), `false` for none.
 */
export function inScope(kind: ScopedRow, alias: string, scope: RowScope, params: Params): string {
  if (scope === null) return 'true';
  if (scope.length === 0) return 'false';
  return `${legalEntityOf(kind, alias)} = ANY(${params.add(scope)}::text[])`;
}


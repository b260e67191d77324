/**
 * The gateway's operation guard (docs/api.md, "Access"): whether one operation
 * may run for one principal, decided from the document alone, before any
 * query plan is made or any subgraph is asked. In this order:
 *
 *   1. GraphQL needs `graph:read`: without it the operation is refused (403);
 *   2. the limits (gateway/operationLimits.ts): depth, aliases, cost (400;
 *      tokens were bounded while parsing);
 *   3. every field it selects that declares `@requiresScopes` in the
 *      supergraph (gateway/requiredScopes.ts) must be granted by the
 *      principal's scopes; otherwise it is refused whole (403), with one
 *      FORBIDDEN error per field, naming the field's coordinate.
 *
 * Every path that executes GraphQL asks it: HTTP (the Apollo Server plugin,
 * gateway/operationGuardPlugin.ts, which also covers reports through
 * `core.execute`), and the subscriptions' transports (live/operations.ts,
 * through the gateway's core). Each refusal is written to the audit log.
 */
import { GraphQLError, type DocumentNode, type OperationDefinitionNode, type GraphQLSchema } from 'graphql';
import type { AuditSink } from '../access/auditLog';
import { hasScope, type Principal } from '../access/principal';
import type { OperationLimits } from '../config/limits';
import { DEFAULT_FIRST } from '../resolvers/shared/pagination';
import { analyzeOperation, type OperationAnalysis } from '../access/operationAnalysis';
import { limitErrors, parseWithinLimits } from './operationLimits';
import { forbiddenFields, requiredScopesOf, type RequiredScopes } from '../access/requiredScopes';

/** Why an operation may not run: its HTTP status and the errors to answer with (no `data`). */
export interface Refusal {
  readonly status: 400 | 403;
  readonly errors: readonly GraphQLError[];
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  /** `graphql`, `graphql-ws`, `graphql-sse`, `GET /reports/projects.csv`… */
  readonly door: string;
  readonly client: string | null;
}

export interface GuardedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly principal: Principal;
  readonly origin: RequestOrigin;
  /**
   * A document the gateway made itself from one this guard already admitted
   * (a subscription's payloads, fetched for many entities in one query): its
   * fields are checked, the limits are not (it is the admitted selection,
   * repeated).
   */
  readonly derived?: boolean;
}

/** Reasons kept in the audit log are cut to this length. */
const MAX_REASON_CHARS = 1000;

export class OperationGuard {
  /** One analysis per operation node: Apollo Server and the live transports reuse parsed documents. */
  private readonly analyses = new WeakMap<OperationDefinitionNode, OperationAnalysis>();

  constructor(
    private readonly schema: GraphQLSchema,
    readonly requiredScopes: RequiredScopes,
    readonly limits: OperationLimits,
    private readonly audit: AuditSink,
  ) {}

  /** The guard of a composed supergraph: its `@requiresScopes` applications, for clients of `apiSchema`. */
  static fromSupergraph(supergraphSdl: string, apiSchema: GraphQLSchema, limits: OperationLimits, audit: AuditSink): OperationGuard {
    return new OperationGuard(apiSchema, requiredScopesOf(supergraphSdl, apiSchema), limits, audit);
  }

  /** Parses a document within the token limit (TOKEN_LIMIT_EXCEEDED past it); a refusal is audited. */
  parse(source: string, origin: RequestOrigin, principal: Principal): DocumentNode {
    try {
      return parseWithinLimits(source, this.limits);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'TOKEN_LIMIT_EXCEEDED') this.refused({ status: 400, errors: [error] }, origin, principal);
      throw error;
    }
  }

  /** The refusal of `request`, recorded in the audit log; undefined when it may run. */
  check(request: GuardedOperation): Refusal | undefined {
    const refusal = this.verdict(request);
    if (refusal) this.refused(refusal, request.origin, request.principal);
    return refusal;
  }

  /** Records a refusal decided elsewhere in the pipeline (the token limit, met while Apollo Server parses). */
  refused(refusal: Refusal, origin: RequestOrigin, principal: Principal): void {
    const codes = [...new Set(refusal.errors.map((e) => String(e.extensions.code)))].join(', ');
    const reason = `${codes}: ${refusal.errors.map((e) => e.message).join('; ')}`;
    this.audit.record({
      kind: 'refused', door: origin.door, subject: principal.subject, client: origin.client, status: refusal.status,
      reason: reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 3)}...` : reason,
    });
  }

  private verdict({ document, operation, variables, principal, derived }: GuardedOperation): Refusal | undefined {
    if (!hasScope(principal, 'graph:read')) {
      return {
        status: 403,
        errors: [new GraphQLError('GraphQL needs the scope graph:read, which the token does not grant', { extensions: { code: 'FORBIDDEN', scope: 'graph:read' } })],
      };
    }
    let analysis = this.analyses.get(operation);
    if (!analysis) {
      analysis = analyzeOperation(this.schema, document, operation, DEFAULT_FIRST);
      this.analyses.set(operation, analysis);
    }
    if (!derived) {
      const exceeded = limitErrors(analysis, variables, this.limits);
      if (exceeded.length > 0) return { status: 400, errors: exceeded };
    }
    const forbidden = forbiddenFields(analysis.coordinates, this.requiredScopes, principal.scopes);
    return forbidden.length > 0 ? { status: 403, errors: forbidden } : undefined;
  }
}

import type { Pool } from 'pg';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { hasScope, type Principal, type Scope } from '../../access/principal';
import { principalOfContext } from '../shared/rowScope';
import { toConnection, pageRequest } from '../shared/pagination';
import { ConnectionArgs } from '../shared/connectionArgs';
import type { Queryable } from '../shared/sql';
import { dismissHubException } from './dismissal';
import { HubException } from './hubException';
import { HubExceptionConnection } from './hubExceptionConnection';
import {
  countHubExceptions, countParkedEvents, hubExceptionCursor, hubExceptionsPage, parkedEventCursor, parkedEventsPage, type HubExceptionFilter,
} from './operatorReads';
import { ParkedEventConnection } from './parkedEventConnection';
import { RequiresScopes } from '../shared/requiresScopes';

const HOUR_MS = 3_600_000;

@ArgsType()
class HubExceptionArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only exceptions with this code (e.g. ILLEGAL_TRANSITION).' })
  code?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only open ones; false: only dismissed ones; absent: both.' })
  open?: boolean | null;
}

/**
 * Refuses a field the principal has no scope for (docs/api.md, "Access"):
 * the gateway's operation guard refuses such an operation before it gets
 * here (from the `@RequiresScopes` below); this holds for whoever calls the
 * subgraph otherwise.
 */
function requireScope(principal: Principal, scope: Scope, field: string): void {
  if (!hasScope(principal, scope)) {
    throw new GraphQLError(`${field} needs the scope ${scope}`, { extensions: { code: 'FORBIDDEN', field, scope } });
  }
}

export interface OperationsResolverDeps {
  /** Reads (the subgraph's prepared-statement wrapper fits). */
  readonly db: Queryable;
  /** The dismissal appends to the event log and waits on it: a plain pool. */
  readonly pool: Pool;
  readonly clock?: () => Date;
  /** Who is asking (the dismissing operator is recorded); default: the principal the gateway put on the context. */
  readonly principalOf?: (context: unknown) => Principal;
}

/** The operator's desk (docs/operations.md): hub exceptions, parked events, and dismissing an exception. */
@Resolver(() => HubException)
export class OperationsResolver {
  constructor(private readonly deps: OperationsResolverDeps) {}

  @RequiresScopes('operations:read')
  @Query(() => HubExceptionConnection, { description: 'Accepted events the listeners could not apply, oldest first; operators may dismiss them.' })
  async hubExceptions(@Args() { first, after, code, open }: HubExceptionArgs, @Ctx() context: unknown): Promise<HubExceptionConnection> {
    requireScope(this.principalOf(context), 'operations:read', 'Query.hubExceptions');
    const request = pageRequest(first, after, hubExceptionCursor);
    const filter: HubExceptionFilter = { code: code ?? null, open: open ?? null };
    const rows = await hubExceptionsPage(this.deps.db, filter, request);
    return toConnection(HubExceptionConnection, rows, request, { node: (x) => x, keys: (x) => [x.id], cursor: hubExceptionCursor },
      () => countHubExceptions(this.deps.db, filter));
  }

  @RequiresScopes('operations:read')
  @Query(() => ParkedEventConnection, { description: 'Accepted events waiting for an aggregate or a predecessor, longest waiting first.' })
  async parkedEvents(@Args() { first, after }: ConnectionArgs, @Ctx() context: unknown): Promise<ParkedEventConnection> {
    requireScope(this.principalOf(context), 'operations:read', 'Query.parkedEvents');
    const request = pageRequest(first, after, parkedEventCursor);
    const rows = await parkedEventsPage(this.deps.db, request);
    return toConnection(ParkedEventConnection, rows, request, { node: (p) => p, keys: (p) => [p.position], cursor: parkedEventCursor },
      () => countParkedEvents(this.deps.db));
  }

  @RequiresScopes('operations:write')
  @Mutation(() => HubException, {
    description: 'Marks a hub exception dismissed. Recorded as an event in the log (source /servicegraph/operator), so a rebuild gives the same state; answers once applied.',
  })
  dismissHubException(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why it needs no further action.' }) reason: string,
    @Ctx() context: unknown,
  ): Promise<HubException> {
    const principal = this.principalOf(context);
    requireScope(principal, 'operations:write', 'Mutation.dismissHubException');
    return dismissHubException(this.deps.pool, id, reason, principal.subject);
  }

  private principalOf(context: unknown): Principal {
    return (this.deps.principalOf ?? principalOfContext)(context);
  }

  @FieldResolver(() => Float, { description: 'Hours from raisedAt to now, 2 decimals.' })
  ageHours(@Root() exception: HubException): number {
    const now = (this.deps.clock ?? (() => new Date()))();
    return Math.round(((now.getTime() - exception.raisedAt.getTime()) / HOUR_MS) * 100) / 100;
  }
}

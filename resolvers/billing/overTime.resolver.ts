import { Arg, Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { DateScalar } from '../shared/date.scalar';
import { badUserInput, shown } from '../shared/errors';
import { pageRequest, toConnection } from '../shared/pagination';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import { dso, receivablesAging, unbilledAging, type LegalEntityScope } from './aging';
import { AgingBuckets, Dso, UnbilledFactConnection } from './overTime';
import { countUnbilledFacts, unbilledFactCursor, unbilledFactKeys, unbilledFactsPage } from './unbilledFacts';

@ArgsType()
class UnbilledFactsArgs extends ConnectionArgs {
  @Field(() => Int, { description: 'Only facts more than this many days old (ageDays > olderThanDays); 0 or more.' })
  olderThanDays!: number;

  @Field(() => DateScalar, { nullable: true, description: 'The day ages are counted to; default today (UTC).' })
  asOf?: string | null;
}

/** The UTC calendar day of an instant: what "today" means for every figure over time. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Receivables and unbilled aging, DSO and the unbilled facts: what depends on "today" is counted at read time. */
@Resolver()
export class OverTimeResolver {
  /** @param clock "today" (its UTC date) for every field whose day is left out */
  constructor(private readonly db: Queryable, private readonly clock: () => Date) {}

  /** The legal entity asked for, within those the request sees. */
  private scope(legalEntityId: string | null, context: unknown): LegalEntityScope {
    return { legalEntityId, visible: rowScopeOf(context) };
  }

  @Query(() => [AgingBuckets], {
    description: 'Per currency (of one legal entity when given), the amount due of posted, not voided invoices by days past dueDate as of `asOf` (default today, UTC).',
  })
  receivablesAging(
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null,
    @Ctx() context: unknown,
  ): Promise<AgingBuckets[]> {
    return receivablesAging(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId, context));
  }

  @Query(() => [AgingBuckets], {
    description: 'Per currency (of one legal entity when given), the unbilled approved amount by the age of each fact as of `asOf` (default today, UTC); `current` is null.',
  })
  unbilledAging(
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null,
    @Ctx() context: unknown,
  ): Promise<AgingBuckets[]> {
    return unbilledAging(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId, context));
  }

  @Query(() => [Dso], { description: 'Days sales outstanding per currency (of one legal entity when given), as of `asOf` (default today, UTC).' })
  dso(
    @Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() context: unknown,
  ): Promise<Dso[]> {
    return dso(this.db, asOf ?? utcDate(this.clock()), this.scope(legalEntityId, context));
  }

  @Query(() => UnbilledFactConnection, {
    description: 'Approved billable facts on no posted, not voided invoice, older than `olderThanDays`, oldest first (factDate, kind, id). first: default 50, at most 500.',
  })
  async unbilledFacts(@Args() args: UnbilledFactsArgs, @Ctx() context: unknown): Promise<UnbilledFactConnection> {
    if (!Number.isInteger(args.olderThanDays) || args.olderThanDays < 0) {
      throw badUserInput(`olderThanDays: expected an integer of 0 or more, got ${shown(args.olderThanDays)}`, { argumentName: 'olderThanDays' });
    }
    const request = pageRequest(args.first, args.after, unbilledFactCursor);
    const asOf = args.asOf ?? utcDate(this.clock());
    const visible = rowScopeOf(context);
    const rows = await unbilledFactsPage(this.db, asOf, args.olderThanDays, visible, request);
    return toConnection(UnbilledFactConnection, rows, request, { node: (f) => f, keys: unbilledFactKeys, cursor: unbilledFactCursor }, () =>
      countUnbilledFacts(this.db, asOf, args.olderThanDays, visible));
  }
}

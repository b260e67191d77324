import { Field, Int, ObjectType } from 'type-graphql';

/** The ingest counts of docs/api.md#ingest-over-http, the same as `GET /status`. */
@ObjectType({ simpleResolvers: true, description: 'Ingest counts, the same as GET /status of the ingest port.' })
export class IngestStatus {
  @Field(() => Int, { description: 'Distinct events accepted.' })
  received!: number;

  @Field(() => Int, { description: 'Accepted events applied to the read model (exceptions included).' })
  applied!: number;

  @Field(() => Int, { description: 'Accepted events waiting for an aggregate or a predecessor.' })
  parked!: number;

  @Field(() => Int, { description: 'Duplicate answers given.' })
  duplicates!: number;

  @Field(() => Int, { description: 'Rejected answers given (schema errors and conflicts).' })
  rejected!: number;

  @Field(() => Int, { description: 'Applied events that became exceptions (ILLEGAL_TRANSITION, CURRENCY_MISMATCH).' })
  exceptions!: number;

  @Field(() => Int, { description: 'Accepted, not yet applied, parked or found stale.' })
  pending!: number;

  @Field(() => Int, { description: 'Accepted events at or below an already applied sequence (not applied again).' })
  stale!: number;
}

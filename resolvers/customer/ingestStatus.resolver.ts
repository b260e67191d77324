import type { Pool } from 'pg';
import { Query, Resolver } from 'type-graphql';
import { readIngestStatus } from '../../hub/status';
import { RequiresScopes } from '../shared/requiresScopes';
import { IngestStatus } from './ingestStatus';

@Resolver(() => IngestStatus)
export class IngestStatusResolver {
  constructor(private readonly pool: Pool) {}

  @RequiresScopes('operations:read')
  @Query(() => IngestStatus, { description: 'Ingest counts (one snapshot), the same as GET /status of the ingest port.' })
  ingestStatus(): Promise<IngestStatus> {
    return readIngestStatus(this.pool);
  }
}

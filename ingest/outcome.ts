import type { ValidationError } from '../events/validate';

/**
 * The answer to one ingest request (docs/api.md#ingest-over-http): counts, and one
 * result per event in request order.
 */

export type EventStatus = 'accepted' | 'duplicate' | 'rejected';

export interface EventResult {
  /** The event's `source` and `id` as sent, or null when they were not strings. */
  readonly source: string | null;
  readonly id: string | null;
  readonly status: EventStatus;
  /** Present when rejected: schema errors, or the conflict. */
  readonly errors?: readonly ValidationError[];
}

export interface IngestResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly results: readonly EventResult[];
}

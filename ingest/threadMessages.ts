/** What the hub's thread and the ingest thread (ingest/server.ts, ingest/ingestThread.ts) say to each other. */
import type { MessagePort } from 'node:worker_threads';
import type { ServerLimits } from '../http/serverLimits';
import type { AccessSettings } from '../access/settings';
import type { GroupLimits } from './groupCommit';
import type { IngestLimits } from './httpRequest';
import type { HealthPath, ProbeAnswer } from '../observability/probes';

export interface IngestThreadData {
  /** The thread opens connections of its own with these settings (those of the pool given to startIngestServer). */
  readonly connectionString: string;
  readonly connectionTimeoutMillis: number | undefined;
  readonly host: string;
  readonly port: number;
  readonly limits: IngestLimits;
  readonly groupLimits: Partial<GroupLimits> | undefined;
  readonly serverLimits: ServerLimits;
  readonly commitTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** Which log lines to post: none (no logger given), warnings and errors, or debug lines too (one per request). */
  readonly logs: 'none' | 'warn' | 'debug';
  /**
   * The group commit's counts, written by the thread and read by the hub's
   * thread without a message: requests, transactions, groupsRetriedAlone, waiting.
   */
  readonly stats: SharedArrayBuffer;
  /** Where to post each group of events committed at consecutive positions (CommittedEvents): the listeners' thread. */
  readonly committedEvents: MessagePort | undefined;
  /** Who may use which door: the thread verifies tokens itself. */
  readonly access: AccessSettings | undefined;
  /**
   * Answers given, by outcome, in the order of {@link OUTCOME_FIELDS}: added to by
   * the thread once per request, read by the hub's thread at a scrape; kept by
   * the hub's thread, so a replaced thread goes on counting where the last stopped.
   */
  readonly outcomes: SharedArrayBuffer;
}

export type ToIngestThread =
  | { readonly kind: 'close' }
  | { readonly kind: 'operationsAnswer'; readonly id: number; readonly answer: ProbeAnswer };

export type FromIngestThread =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'failed'; readonly message: string; readonly code: string | undefined }
  | { readonly kind: 'log'; readonly level: 'debug' | 'warn' | 'error'; readonly message: string }
  | { readonly kind: 'closed'; readonly failure: string | undefined }
  /** GET /readyz or /metrics on the ingest port: answered by the hub's thread (operationsAnswer). */
  | { readonly kind: 'operations'; readonly id: number; readonly path: Exclude<HealthPath, '/healthz'> };

/** The order of the counts in IngestThreadData.stats. */
export const STATS_FIELDS = ['requests', 'transactions', 'groupsRetriedAlone', 'waiting'] as const;

/** The order of the counts in IngestThreadData.outcomes. */
export const OUTCOME_FIELDS = ['accepted', 'duplicate', 'rejected'] as const;

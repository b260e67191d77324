/**
 * The audit log's writer (hub.audit_log; docs/api.md, "Access"): who did what
 * at which door, when and from where. Doors hand it entries and go on at once;
 * the entries are written in batches, one INSERT per batch, at most
 * FLUSH_MS after they were recorded, so an ingest request never waits for its
 * audit row. Should the database be down, entries wait in memory up to
 * MAX_WAITING, beyond which the oldest are dropped and counted (a log line
 * says how many): the audit log must not take the hub's memory with it.
 *
 * Much of an entry comes from the client (an event's source, a document id,
 * a token's `sub`, messages quoting them): text Postgres cannot store
 * (U+0000, an unpaired surrogate) would fail the whole batch at every retry
 * and stop the audit log for good, so it is stored as U+FFFD; and a reason
 * is cut to MAX_REASON characters and any other text of an entry (its
 * `sub`, the sources named in its detail) to MAX_TEXT, so a client cannot
 * make its rows weigh a megabyte each, nor `GET /audit` a gigabyte.
 */
import type { Pool } from 'pg';
import { toStorable } from '../events/storable';

export type AuditKind = 'ingest' | 'refused' | 'operator';

export interface AuditEntry {
  /** `ingest` (a POST /events that was processed), `refused` (401/403/429 or a limit), `operator` (an operator's read or action). */
  readonly kind: AuditKind;
  /** The door: method and path (`POST /events`, `GET /rejected`), `graphql`, `graphql-ws`, `graphql-sse`, or an operator field. */
  readonly door: string;
  /** The token's `sub`; null with AUTH=off or a request without a valid token. */
  readonly subject: string | null;
  /** The client's address as the socket saw it. */
  readonly client: string | null;
  /** The HTTP status answered (a WebSocket close code for graphql-ws). */
  readonly status: number;
  /** Why it was refused, or what the operator did. */
  readonly reason?: string;
  /** Anything else worth keeping: an ingest request's sources and counts, say. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Where doors record what happened; {@link AuditLog} writes to Postgres. */
export interface AuditSink {
  record(entry: AuditEntry): void;
}

/** Records nothing (for code that runs without a hub database). */
export const NO_AUDIT: AuditSink = Object.freeze({ record: () => undefined });

const FLUSH_MS = 250;
const MAX_BATCH = 1000;
const MAX_WAITING = 50_000;
const RETRY_MS = 5_000;
/** Characters of a reason kept; the rest is replaced by a note of how many there were. */
export const MAX_REASON = 2000;
/** Characters kept of any other text of an entry: a `sub`, a source named in the detail. */
export const MAX_TEXT = 200;

export interface AuditLogOptions {
  /** Called when a batch could not be written or entries were dropped. */
  readonly onError?: (message: string) => void;
  readonly flushMs?: number;
}

export class AuditLog implements AuditSink {
  private waiting: { at: string; entry: AuditEntry }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dropped = 0;
  private closed = false;
  /** The last write failed: the next one waits RETRY_MS. */
  private failing = false;

  constructor(private readonly pool: Pool, private readonly options: AuditLogOptions = {}) {}

  record(entry: AuditEntry): void {
    if (this.closed) return;
    if (this.waiting.length >= MAX_WAITING) {
      this.waiting.shift();
      this.dropped++;
    }
    this.waiting.push({ at: new Date().toISOString(), entry: bounded(entry) });
    if (!this.timer && !this.failing) this.schedule(this.options.flushMs ?? FLUSH_MS);
  }

  /** Writes what is waiting; resolves once it is written (or failed, and was put back). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, MAX_BATCH);
    const writing = this.write(batch);
    this.writing = writing.then(() => undefined).finally(() => (this.writing = undefined));
    const failed = await writing;
    if (this.dropped > 0) {
      this.options.onError?.(`audit log: ${this.dropped} entries dropped (the database did not take them in time)`);
      this.dropped = 0;
    }
    if (this.waiting.length > 0 && !this.timer && !this.closed) this.schedule(failed ? RETRY_MS : this.options.flushMs ?? FLUSH_MS);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.flush(), ms);
    // Entries waiting must not keep a stopping process alive; close() writes them.
    this.timer.unref();
  }

  /** Writes what is waiting and records nothing more. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves true when the batch failed (and was put back). */
  private async write(batch: { at: string; entry: AuditEntry }[]): Promise<boolean> {
    const rows = batch.map(({ at, entry }, ord) => ({
      ord, at, kind: entry.kind, door: entry.door, subject: entry.subject, client: entry.client, status: entry.status,
      reason: entry.reason ?? null, detail: entry.detail ?? null,
    }));
    let failed = false;
    try {
      await this.pool.query(
        `INSERT INTO hub.audit_log (at, kind, door, subject, client, status, reason, detail)
         SELECT r.at, r.kind, r.door, r.subject, r.client, r.status, r.reason, r.detail
           FROM jsonb_to_recordset($1::jsonb) AS r(ord int, at timestamptz, kind text, door text, subject text, client text, status int, reason text, detail jsonb)
          ORDER BY r.ord`,
        [JSON.stringify(toStorable(rows))],
      );
      this.failing = false;
    } catch (error) {
      failed = true;
      // Kept for the next flush (ahead of what came meanwhile), within the bound.
      if (!this.closed) this.waiting.unshift(...batch.slice(0, Math.max(0, MAX_WAITING - this.waiting.length)));
      // Said once per outage, not at every retry.
      if (!this.failing) this.options.onError?.(`audit log: entries not written yet, retrying every ${RETRY_MS / 1000} s (${error instanceof Error ? error.message : String(error)})`);
      this.failing = true;
    }
    return failed;
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}

/** `value` with every string in it cut to MAX_TEXT (the detail is a few counts and names, never deep). */
function boundedValue(value: unknown): unknown {
  if (typeof value === 'string') return cut(value, MAX_TEXT);
  if (Array.isArray(value)) return value.map(boundedValue);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [cut(key, MAX_TEXT), boundedValue(item)]));
  return value;
}

function bounded(entry: AuditEntry): AuditEntry {
  return {
    ...entry,
    subject: entry.subject === null ? null : cut(entry.subject, MAX_TEXT),
    ...(entry.reason === undefined ? {} : { reason: cut(entry.reason, MAX_REASON) }),
    ...(entry.detail === undefined ? {} : { detail: boundedValue(entry.detail) as Record<string, unknown> }),
  };
}

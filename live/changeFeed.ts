/**
 * The change feed as the gateway reads it: hub.change_feed from its last
 * position, woken by the listeners' NOTIFY (one per committed batch) and by a
 * poll, so a missed notification delays and never loses a change. Each
 * gateway process has its own feed and delivers every change to its own
 * subscribers.
 *
 * change_id values commit in increasing order (the projector is one writer at
 * a time: it holds the checkpoint row lock), so reading `change_id > last`
 * never skips a change committed late.
 */
import { Client, type Pool } from 'pg';
import type { ChangeFeedEntry } from '../entities';
import { activeTracer } from '../observability/tracing';
import { CHANGES_CHANNEL } from '../hub/channels';
import { changesRead, type ChangesRead } from './diagnostics';

/**
 * One committed change of an invoice or of a project's figures, with what
 * filters need: the change-feed row's columns (READ_CHANGES names them by
 * their properties), and what they lead to.
 */
export interface LiveChange extends Readonly<Pick<ChangeFeedEntry, 'changeId' | 'entityId' | 'eventType' | 'eventId'>> {
  readonly kind: ChangeFeedEntry['entityKind'];
  /** The project of the invoice, or the project itself. */
  readonly projectId: string | null;
  /** The account the record names and the customer it counts under (the survivor after a merge). */
  readonly accountId: string | null;
  readonly customerId: string | null;
  /**
   * The legal entity the changed invoice or project is in (an invoice: its
   * project's, its customer's without one); null when the row is unknown.
   * Only subscribers who see it are pushed the change.
   */
  readonly legalEntityId: string | null;
  /** When the business fact happened (the event's `time`), RFC 3339 UTC. */
  readonly at: string;
  /** When the listeners committed the change (epoch ms; the change-feed row's time, written just before COMMIT). */
  readonly changedAtMs?: number;
  /** The event's CloudEvents `traceparent`, read only while tracing (null otherwise). */
  readonly traceparent?: string | null;
}

export type ChangeListener = (change: LiveChange) => void;

export interface ChangeFeedOptions {
  pool: Pool;
  /** For the dedicated LISTEN connection. */
  databaseUrl: string;
  pollMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

const READ_CHANGES = `
  SELECT c.change_id::text AS "changeId", c.entity_kind AS kind, c.entity_id AS "entityId",
         c.event_type AS "eventType", c.event_id AS "eventId",
         to_char(e.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
         (extract(epoch FROM c.changed_at) * 1000)::float8 AS "changedAtMs",
         CASE WHEN $3::boolean THEN e.envelope->>'traceparent' END AS traceparent,
         CASE c.entity_kind WHEN 'invoice' THEN i.project_id ELSE c.entity_id END AS "projectId",
         coalesce(i.account_id, p.account_id) AS "accountId",
         coalesce(ia.root_id, pa.root_id) AS "customerId",
         CASE c.entity_kind WHEN 'invoice' THEN coalesce(ip.legal_entity_id, ir.legal_entity_id) ELSE p.legal_entity_id END AS "legalEntityId"
  FROM hub.change_feed c
  JOIN hub.event_log e ON e.position = c.event_position
  LEFT JOIN billing.invoice i ON c.entity_kind = 'invoice' AND i.id = c.entity_id
  LEFT JOIN customer.account ia ON ia.id = i.account_id
  LEFT JOIN customer.account ir ON ir.id = ia.root_id
  LEFT JOIN project.project ip ON ip.id = i.project_id
  LEFT JOIN project.project p ON c.entity_kind = 'project' AND p.id = c.entity_id
  LEFT JOIN customer.account pa ON pa.id = p.account_id
  WHERE c.change_id > $1 ORDER BY c.change_id LIMIT $2`;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private lastChangeId = '0';
  private running = false;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private loop: Promise<void> | undefined;
  private listenClient: Client | undefined;
  private caughtUpWaiters: (() => void)[] = [];

  constructor(private readonly options: ChangeFeedOptions) {}

  /** Starts at the feed's current end: subscribers see changes committed from now on. */
  async start(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('error', (error) => this.options.onError?.(error));
    try {
      await client.connect();
      client.on('notification', () => this.wakeUp());
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      const { rows } = await this.options.pool.query(`SELECT coalesce(max(change_id), 0)::text AS last FROM hub.change_feed`);
      this.lastChangeId = rows[0].last;
    } catch (error) {
      // An open LISTEN connection would keep a failed start's process alive.
      await client.end().catch(() => undefined);
      throw new Error(`the change feed cannot start on the hub's database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.listenClient = client;
    this.running = true;
    this.loop = this.run();
  }

  /** The id of the last change delivered. */
  get position(): string {
    return this.lastChangeId;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every change committed before the call has been delivered. */
  caughtUp(): Promise<void> {
    return new Promise((resolve) => {
      this.caughtUpWaiters.push(resolve);
      this.wakeUp();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
    await this.listenClient?.end().catch(() => undefined);
  }

  private wakeUp(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    const pollMs = this.options.pollMs ?? 500;
    while (this.running) {
      const waiters = this.caughtUpWaiters.splice(0);
      this.pendingWake = false;
      try {
        // The envelope is read only while tracing: its traceparent links the pushes to the event's trace.
        const { rows } = await this.options.pool.query(READ_CHANGES, [this.lastChangeId, batchSize, activeTracer() !== undefined]);
        if (rows.length > 0 && changesRead.hasSubscribers) {
          changesRead.publish({ first: rows[0].changeId, last: rows[rows.length - 1].changeId } satisfies ChangesRead);
        }
        for (const change of rows as LiveChange[]) {
          this.lastChangeId = change.changeId;
          for (const listener of this.listeners) {
            try {
              listener(change);
            } catch (error) {
              this.options.onError?.(error);
            }
          }
        }
        if (rows.length === batchSize) {
          this.caughtUpWaiters.push(...waiters);
          continue;
        }
        for (const resolve of waiters) resolve();
      } catch (error) {
        this.caughtUpWaiters.push(...waiters);
        this.options.onError?.(error);
      }
      if (!this.running || this.pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      this.wake = undefined;
    }
  }
}

/**
 * Serialized GraphQL responses kept for as long as the read model does not
 * change. Dashboards and BI tools poll the same pages; between two commits of
 * the read model the answer to the same request is the same, so a hit skips
 * planning, every subgraph fetch and JSON serialization.
 *
 * Every lookup first reads the read model's position (the projector's
 * checkpoint) with a read that started after the request arrived (coalesced:
 * see gateway/freshReads.ts), and an entry answers only requests that read the
 * same position. A client that saw its events applied and then asks therefore
 * never gets an answer older than what it saw. An entry stored by a request
 * whose execution overlapped a commit may show part of that newer commit —
 * the same answer the request would have given without a cache, and it is
 * served only until the next read sees the new position.
 *
 * Entries of one position only are kept: when a fresher read sees another
 * position, all entries are dropped (none can answer again; the position only
 * grows, and a read model replayed from the same log to the same position has
 * the same rows). Memory is bounded by `maxBytes` (LRU by bytes).
 */
import { freshReads, type FreshRead } from './freshReads';

/** What a hit sends: the response as Apollo Server made it on the miss. */
export interface CachedResponse {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A lookup's outcome: the position it read and, on a hit, the response. */
export interface CacheLookup {
  readonly position: FreshRead<string>;
  readonly response: CachedResponse | undefined;
}

export interface ResponseCacheOptions {
  /** Reads the read model's current position; called for every lookup, runs coalesced. */
  readonly position: () => Promise<string>;
  /** Bound on the bytes held (bodies and keys); default 64 MiB. */
  readonly maxBytes?: number;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  /** Responses stored. */
  stored: number;
  /** Entries dropped to stay within maxBytes. */
  evicted: number;
  /** Entries dropped because the read model moved on. */
  invalidated: number;
  /** Position reads made (each may serve many lookups). */
  positionReads: number;
}

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** Bookkeeping per entry beyond its key and body (Map slot, header object), roughly. */
const ENTRY_OVERHEAD_BYTES = 256;
/** Query texts remembered as selecting a volatile field (never cached; no position read for them). */
const MAX_VOLATILE_QUERIES = 1000;

export class ResponseCache {
  readonly maxBytes: number;
  readonly stats: ResponseCacheStats = { hits: 0, misses: 0, stored: 0, evicted: 0, invalidated: 0, positionReads: 0 };
  private readonly readPosition: () => Promise<FreshRead<string>>;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, { response: CachedResponse; bytes: number }>();
  private bytes = 0;
  /** The freshest position read so far; the entries belong to it. */
  private current: FreshRead<string> | undefined;
  private readonly volatileQueries = new Set<string>();

  constructor(options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_RESPONSE_CACHE_BYTES;
    this.readPosition = freshReads(async () => {
      this.stats.positionReads++;
      return options.position();
    });
  }

  /** Bytes held now (bodies, keys and bookkeeping). */
  get size(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  /** Reads the position (a read that starts after this call) and looks `key` up at it. */
  async lookup(key: string): Promise<CacheLookup> {
    const position = await this.readPosition();
    this.adopt(position);
    // A lookup whose read was overtaken by a fresher one at another position finds nothing.
    const entry = this.current?.value === position.value ? this.entries.get(key) : undefined;
    if (!entry) {
      this.stats.misses++;
      return { position, response: undefined };
    }
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { position, response: entry.response };
  }

  /** Keeps a response computed after reading `position`, unless the read model has moved on since. */
  store(key: string, position: FreshRead<string>, response: CachedResponse): boolean {
    this.adopt(position);
    if (this.current?.value !== position.value) return false;
    const bytes = response.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes) return false;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    this.entries.set(key, { response, bytes });
    this.bytes += bytes;
    this.stats.stored++;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
      this.stats.evicted++;
    }
    return true;
  }

  /** Whether `query` is known to select a field that changes without a commit (so not worth a lookup). */
  isVolatile(query: string): boolean {
    return this.volatileQueries.has(query);
  }

  rememberVolatile(query: string): void {
    if (this.volatileQueries.size >= MAX_VOLATILE_QUERIES) this.volatileQueries.clear();
    this.volatileQueries.add(query);
  }

  /** A fresher read than the current one becomes current; if its position differs, the entries go. */
  private adopt(position: FreshRead<string>): void {
    if (this.current !== undefined && position.sequence <= this.current.sequence) return;
    if (this.current !== undefined && this.current.value !== position.value) {
      this.stats.invalidated += this.entries.size;
      this.entries.clear();
      this.bytes = 0;
    }
    this.current = position;
  }
}

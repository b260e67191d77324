/**
 * Resolves the `invoice` / `project` of changes through the gateway, shared
 * and batched:
 * - shared: one result per (change, selection, variable values, visibility
 *   of the reader), whatever the number of subscribers asking for it; each is
 *   read for its reader's principal, so subscribers who see different legal
 *   entities or fields never share one;
 * - batched: the entities asked for with one selection in one synchronous run
 *   (the fan-out executes every change of a feed read in one) go in one
 *   federated query (`e0: invoice(id: …) { … } e1: …`), so the gateway
 *   plans once and each subgraph's DataLoader fetches them in one statement.
 *   Batch sizes are powers of two (the last id repeated) so the gateway's
 *   query plan cache sees a handful of documents, not one per size; a
 *   selection's batches stop at the largest size whose document stays within
 *   the gateway's token limit (GRAPHQL_MAX_TOKENS), which the gateway applies
 *   to every document it parses, the hub's own included.
 * - planned ahead: the first time a selection is resolved, the documents of
 *   its other batch sizes are run once in the background (with an id no
 *   entity has), so a later burst of changes finds its plan cached. The
 *   fan-out resolves a new operation's selection once when it is subscribed
 *   (live/fanout.ts `planAhead`), so this happens before its first change. Planning
 *   a new document costs several times what running a planned one does, more
 *   the more entities it names, all of it on the main thread: without this,
 *   the first burst of each size stalls every payload behind it (the
 *   freshness tail; BENCHMARKS.md, `freshness`).
 */
import { GraphQLError, Lexer, Source, TokenKind, type FormattedExecutionResult } from 'graphql';
import { principalPartition, type Principal } from '../access/principal';
import type { LiveChange } from './changeFeed';
import { entityIdVariable, entityResponseKey, type EntityQuery } from './federatedSelection';

export type FederatedExecutor = (
  query: string, variables: Record<string, unknown>, operationName?: string, principal?: Principal, credential?: string,
) => Promise<FormattedExecutionResult>;

/** Whom a payload is read for: a fan-out group's principal, and the credential of one of its subscribers (for subgraph processes). */
export interface PayloadReader {
  readonly principal: Principal;
  readonly credential: string | undefined;
}

export const MAX_BATCH = 64;
/** Selections whose batch documents were planned ahead (bounded: the oldest are forgotten). */
const MAX_PLANNED_SELECTIONS = 1000;
/** An id no invoice or project has: the planning runs read nothing. */
export const NO_ENTITY_ID = '';

interface Waiting { resolve(entity: unknown): void; reject(error: unknown): void }
interface Group { query: EntityQuery; rootField: 'invoice' | 'project'; reader: PayloadReader; byEntity: Map<string, Waiting[]> }

export class PayloadResolver {
  private readonly shared = new Map<string, Promise<unknown>>();
  private readonly groups = new Map<string, Group>();
  private scheduled = false;
  private readonly plannedAhead = new Set<string>();
  /** Federated queries sent (for tests and metrics). */
  queries = 0;

  /** The largest batch of each selection (by its key) whose document fits the token limit. */
  private readonly batchLimits = new Map<string, number>();

  constructor(
    private readonly execute: FederatedExecutor, private readonly sharedLimit = 10_000, private readonly maxTokens = Number.POSITIVE_INFINITY,
  ) {}

  /** The largest power of two up to MAX_BATCH whose document for `query` has at most `maxTokens` tokens (1 at least). */
  private batchLimit(query: EntityQuery): number {
    let limit = this.batchLimits.get(query.key);
    if (limit === undefined) {
      limit = MAX_BATCH;
      while (limit > 1 && tokenCount(query.textFor(limit)) > this.maxTokens) limit /= 2;
      if (this.batchLimits.size >= MAX_PLANNED_SELECTIONS) this.batchLimits.delete(this.batchLimits.keys().next().value!);
      this.batchLimits.set(query.key, limit);
    }
    return limit;
  }

  /** The entity of `change` as `query` selects it for `reader`, after the change was committed. */
  resolve(change: LiveChange, rootField: 'invoice' | 'project', query: EntityQuery, reader: PayloadReader): Promise<unknown> {
    const groupKey = `${principalPartition(reader.principal)}\n${query.key}`;
    const key = `${change.changeId}\n${groupKey}`;
    let result = this.shared.get(key);
    if (result) return result;
    result = new Promise((resolve, reject) => this.enqueue(groupKey, query, rootField, reader, change.entityId, { resolve, reject }))
      .catch((error: unknown) => {
        this.shared.delete(key);
        throw error instanceof GraphQLError ? error
          : new GraphQLError(`${rootField} ${change.entityId} of change ${change.changeId} could not be read: ${String(error)}`);
      });
    this.shared.set(key, result);
    // Oldest first: by the time thousands of later results exist, every subscriber has the early ones.
    if (this.shared.size > this.sharedLimit) this.shared.delete(this.shared.keys().next().value!);
    return result;
  }

  private enqueue(groupKey: string, query: EntityQuery, rootField: 'invoice' | 'project', reader: PayloadReader, entityId: string, waiting: Waiting): void {
    let group = this.groups.get(groupKey);
    if (!group) this.groups.set(groupKey, (group = { query, rootField, reader, byEntity: new Map() }));
    const list = group.byEntity.get(entityId);
    if (list) list.push(waiting);
    else group.byEntity.set(entityId, [waiting]);
    if (!this.scheduled) {
      this.scheduled = true;
      // A microtask, not setImmediate: the batch is complete once the current run ends, and on a busy
      // event loop a macrotask turn would add the wait behind every other pending callback to each payload.
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const group of groups) {
      const entities = [...group.byEntity.entries()];
      const limit = this.batchLimit(group.query);
      for (let start = 0; start < entities.length; start += limit) void this.send(group, entities.slice(start, start + limit));
    }
  }

  /** Runs the documents of the selection's other batch sizes once, one after another, so the gateway plans them now. */
  private planAhead(group: Group, sizeInUse: number): void {
    if (this.plannedAhead.has(group.query.key)) return;
    if (this.plannedAhead.size >= MAX_PLANNED_SELECTIONS) this.plannedAhead.delete(this.plannedAhead.values().next().value!);
    this.plannedAhead.add(group.query.key);
    void (async () => {
      for (let size = 1; size <= this.batchLimit(group.query); size *= 2) {
        if (size === sizeInUse) continue;
        const variables: Record<string, unknown> = { ...group.query.variables };
        for (let i = 0; i < size; i++) variables[entityIdVariable(i)] = NO_ENTITY_ID;
        // Only the plan matters; whatever the answer (null entities), it is dropped.
        await this.execute(group.query.textFor(size), variables, undefined, group.reader.principal, group.reader.credential).catch(() => undefined);
      }
    })();
  }

  private async send(group: Group, entities: [string, Waiting[]][]): Promise<void> {
    let size = 1;
    while (size < entities.length) size *= 2;
    const variables: Record<string, unknown> = { ...group.query.variables };
    for (let i = 0; i < size; i++) variables[entityIdVariable(i)] = entities[Math.min(i, entities.length - 1)]![0];
    this.queries++;
    let answer: FormattedExecutionResult;
    try {
      answer = await this.execute(group.query.textFor(size), variables, undefined, group.reader.principal, group.reader.credential);
    } catch (error) {
      for (const [, waiting] of entities) for (const w of waiting) w.reject(error);
      return;
    }
    // After the answer: the payloads waiting for it go first.
    this.planAhead(group, size);
    const data = (answer.data ?? {}) as Record<string, unknown>;
    entities.forEach(([entityId, waiting], index) => {
      const responseKey = entityResponseKey(index);
      const errors = (answer.errors ?? []).filter((e) => e.path?.[0] === responseKey || e.path === undefined);
      const entity = data[responseKey];
      const outcome = errors.length > 0
        ? new GraphQLError(errors.map((e) => e.message).join('; '), { extensions: errors[0]!.extensions })
        : entity == null ? new GraphQLError(`${group.rootField} ${entityId} could not be read`) : undefined;
      for (const w of waiting) {
        if (outcome) w.reject(outcome);
        else w.resolve(entity);
      }
    });
  }
}

/** Tokens of a document as graphql-js's lexer counts them (what GRAPHQL_MAX_TOKENS bounds). */
function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return tokens;
}

/**
 * How long one GraphQL operation may run on the gateway. When its deadline
 * passes, the client is answered at once with EXECUTION_TIMEOUT, and the
 * operation's signal aborts: every subgraph fetch it has not made yet fails
 * at once instead of running (gateway/dataSources.ts), so the rest of its
 * query plan winds down in moments instead of holding the gateway's thread
 * and memory for what nobody waits for any more.
 */
import { setMaxListeners } from 'node:events';
import type { GraphQLFormattedError } from 'graphql';

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';

/** Thrown by {@link Deadline.race} when the deadline passes first. */
export class DeadlineExceeded extends Error {
  readonly code = EXECUTION_TIMEOUT;
  constructor(readonly ms: number) {
    super(`the operation ran past the gateway's execution deadline of ${ms / 1000} s and was stopped; ask for less (fewer nested lists, smaller pages) or try again later`);
  }

  toGraphQLError(): GraphQLFormattedError {
    return { message: this.message, extensions: { code: EXECUTION_TIMEOUT } };
  }
}

export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;

  /** `ms`: Infinity for none. */
  constructor(readonly ms: number) {
    // Every fetch of a wide query plan waits on this one signal at once: many listeners are expected, each removed when its fetch ends.
    setMaxListeners(0, this.controller.signal);
    if (Number.isFinite(ms)) {
      this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded(ms)), ms);
      this.timer.unref();
    }
  }

  /** Aborted when the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The error of a passed deadline, or undefined while there is time. */
  get exceeded(): DeadlineExceeded | undefined {
    return this.signal.aborted ? (this.signal.reason as DeadlineExceeded) : undefined;
  }

  /** Resolves as `work` does, or rejects with {@link DeadlineExceeded} when the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.exceeded) return Promise.reject(this.exceeded);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** The operation is answered: its timer is no longer needed. */
  end(): void {
    clearTimeout(this.timer);
  }
}

/**
 * Coalesced reads that are never older than the caller: concurrent callers
 * share one run of a read, and each caller gets the result of a run that
 * STARTED after its call. A caller arriving while a run is in flight waits for
 * the next run, which starts when the current one ends and serves everyone
 * who arrived in the meantime — so at 50 concurrent requests one statement
 * serves many of them, and none can be answered from a read taken before it
 * arrived (what read-your-writes needs: a client that saw its events applied
 * and then asks must see at least that state).
 */

/** One run's result, numbered in the order the runs started (and ended: one runs at a time). */
export interface FreshRead<T> {
  readonly value: T;
  /** 1, 2, 3, ...: a higher number is a later read. */
  readonly sequence: number;
}

/** Wraps `read` so that concurrent callers share its runs, each getting a run that started after its call. */
export function freshReads<T>(read: () => Promise<T>): () => Promise<FreshRead<T>> {
  let inFlight: Promise<FreshRead<T>> | undefined;
  let queued: Promise<FreshRead<T>> | undefined;
  let started = 0;

  const launch = (): Promise<FreshRead<T>> => {
    const sequence = ++started;
    const run: Promise<FreshRead<T>> = read()
      .then((value) => ({ value, sequence }))
      .finally(() => {
        if (inFlight === run) inFlight = undefined;
      });
    inFlight = run;
    return run;
  };

  return () => {
    // A next run not started yet starts after this call: join it.
    if (queued !== undefined) return queued;
    if (inFlight === undefined) return launch();
    // The run in flight may have started before this call: wait for the next one.
    queued = inFlight.then(noop, noop).then(() => {
      queued = undefined;
      return launch();
    });
    return queued;
  };
}

function noop(): void {}

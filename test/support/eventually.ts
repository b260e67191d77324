/**
 * Waiting for a condition instead of sleeping a guessed time: tests stay
 * correct on a loaded machine and fast on an idle one.
 */

export interface EventuallyOptions {
  /** How long to keep trying (default 60 s, generous for a loaded 2-core machine). */
  timeoutMs?: number;
  /** Pause between tries (default 25 ms). */
  intervalMs?: number;
}

/**
 * Resolves once `check` returns true; rejects after the timeout with what was
 * awaited and, when `describe` is given, the state it last saw.
 */
export async function eventually(
  what: string, check: () => boolean | Promise<boolean>, options: EventuallyOptions & { describe?: () => string } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) {
      throw new Error(`waited ${Math.round(timeoutMs / 1000)} s for ${what}${options.describe ? `; last seen: ${options.describe()}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

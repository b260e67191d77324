/**
 * The OpenTelemetry context manager servicegraph registers: the active
 * context lasts for the synchronous call of `context.with` and no longer.
 *
 * Why not the SDK's default: on Node 20 that is an AsyncLocalStorage, and
 * the first `context.with` of the process turns on its promise hooks for
 * every promise from then on. servicegraph's own spans never need the active
 * context (observability/tracing.ts gives each its parent explicitly), but
 * the SDK's exporter wraps every export in `context.with` to suppress
 * tracing of its own request; with the default manager, the first batch
 * exported made every promise of the gateway's execution pay for the hooks.
 * Here that suppression holds only for the synchronous start of the export,
 * which is all it guards: no instrumentation is installed that could trace
 * the exporter's request.
 */
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

export class ExplicitContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  /** Nothing is bound: a callback runs under whatever context is active when it is called. */
  bind<T>(_context: Context, target: T): T {
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

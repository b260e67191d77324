/**
 * One change as one subscription selects it: executed once and serialized
 * once, then handed to every subscriber of identical subscriptions (same
 * document, operation and variable values), whatever their number.
 */
import type { ExecutionResult } from 'graphql';
import type { LiveChange } from './changeFeed';
import { payloadSerialized, type PayloadSerialized } from './diagnostics';

export class SharedPayload {
  private serialized: Buffer | undefined;

  constructor(readonly change: LiveChange, readonly result: ExecutionResult) {}

  /** The result as JSON (UTF-8), made on first use and shared: a transport copies these bytes, it never re-serializes. */
  get json(): Buffer {
    if (!this.serialized) {
      // graphql-ws's own shape for a `next` payload: data first, errors only when there are any.
      const { errors, ...withoutErrors } = this.result;
      this.serialized = Buffer.from(JSON.stringify(errors ? { ...withoutErrors, errors: errors.map((e) => e.toJSON()) } : withoutErrors));
      if (payloadSerialized.hasSubscribers) payloadSerialized.publish({ changeId: this.change.changeId } satisfies PayloadSerialized);
    }
    return this.serialized;
  }
}

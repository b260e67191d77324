/**
 * Where a change stands on its way to subscribers, published on Node's
 * diagnostics channels (`node:diagnostics_channel`): a benchmark, a tracer or
 * a debugging session subscribes by name from inside the process and takes
 * its own timestamps. With nobody subscribed, publishing costs one property
 * read: the product logs and keeps nothing of it.
 */
import diagnosticsChannel from 'node:diagnostics_channel';

/** The change feed has read changes `first`..`last` (change ids, text) from hub.change_feed, before delivering them. */
export interface ChangesRead {
  readonly first: string;
  readonly last: string;
}

/** A subscription's payload for change `changeId` was serialized: the moment before its bytes are first written to a socket. */
export interface PayloadSerialized {
  readonly changeId: string;
}

export const CHANGES_READ_CHANNEL = 'servicegraph:live:changes-read';
export const PAYLOAD_SERIALIZED_CHANNEL = 'servicegraph:live:payload-serialized';

export const changesRead = diagnosticsChannel.channel(CHANGES_READ_CHANNEL);
export const payloadSerialized = diagnosticsChannel.channel(PAYLOAD_SERIALIZED_CHANNEL);

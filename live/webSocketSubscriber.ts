/**
 * A graphql-transport-ws subscription whose payloads are written straight to
 * its socket: each `next` message is this subscription's prefix
 * (`{"id":…,"type":"next","payload":`) and the payload's shared JSON bytes,
 * copied into one frame, so a change costs each subscriber a copy and a
 * write, never a GraphQL execution or a serialization.
 *
 * As with graphql-ws's own server, which awaits each send, a payload is
 * written only once everything written before has been handed to the kernel
 * (the socket buffers nothing in userland); meanwhile payloads wait in a
 * bounded, coalescing queue (made for the first payload that has to wait: a
 * subscriber that keeps up never needs one), and each write's callback
 * writes what waits.
 *
 * Every payload a turn of the event loop writes to one socket leaves in one
 * system call: the socket is corked at the turn's first write and uncorked
 * once the turn's callbacks and promise reactions are done (a feed read's
 * payloads are delivered in one turn). The freshness profile showed the
 * `writev` of one frame per payload as a tenth of the main thread.
 *
 * It ends when the client completes the subscription or the socket closes
 * (`live/graphqlWsConnection.ts` closes it), or when its client reads so
 * slowly that more than `maxBytes` of payloads wait: then its last message is
 * an `error` with SUBSCRIBER_TOO_SLOW.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { ChangeQueue } from './changeQueue';
import type { SharedPayload } from './sharedPayload';
import { Subscriber, tooSlowError } from './subscriber';

const CLOSING_BRACE = 0x7d;
/** Payloads are JSON text: a text frame, as graphql-ws sends its strings. */
const TEXT_FRAME = { binary: false } as const;

/** Sockets corked in this turn (several subscriptions may share one connection). */
const corkedThisTurn = new WeakSet<Socket>();

function uncork(raw: Socket): void {
  corkedThisTurn.delete(raw);
  raw.uncork();
}

/** The TCP socket under a `ws` socket (ws keeps it as `_socket`; undefined before it connects, and in tests). */
function tcpSocketOf(socket: WebSocket): Socket | undefined {
  return (socket as unknown as { _socket?: Socket })._socket;
}

export class WebSocketSubscriber extends Subscriber {
  private readonly prefix: Buffer;
  private queue: ChangeQueue | undefined;
  /** Writes whose callback has not come yet: while there are any, one will write what waits. */
  private writing = 0;
  private readonly written = () => {
    this.writing--;
    while (this.queue?.length && this.canWrite()) this.write(this.queue.shift()!);
  };

  constructor(
    private readonly socket: WebSocket, private readonly id: string, private readonly capacity: number, onClose: () => void,
    private readonly maxBytes = Infinity,
  ) {
    super(onClose);
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  deliver(payload: SharedPayload): void {
    if (this.done) return;
    if (!this.queue?.length && this.canWrite()) this.write(payload);
    else if (!(this.queue ??= new ChangeQueue(this.capacity, this.maxBytes)).push(payload)) this.dropTooSlow();
  }

  /** Ends the subscription for a reader too far behind: what waits is dropped, and the protocol's `error` says why. */
  private dropTooSlow(): void {
    this.close();
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ id: this.id, type: 'error', payload: [tooSlowError(this.maxBytes).toJSON()] }), TEXT_FRAME);
  }

  /**
   * Whether the kernel has taken everything written so far. A write that went
   * through at once has its callback only on the next tick: waiting for it
   * would queue (and, past the capacity, coalesce) a burst of changes for a
   * client that reads them all as fast as they come.
   */
  private canWrite(): boolean {
    if (this.writing === 0 || this.socket.bufferedAmount === 0) return true;
    // Corked: what this turn wrote waits in userland by design, and leaves with this payload at the turn's end.
    const raw = tcpSocketOf(this.socket);
    return raw !== undefined && corkedThisTurn.has(raw);
  }

  get queued(): number {
    return this.queue?.length ?? 0;
  }

  get peak(): number {
    return this.queue?.peak ?? 0;
  }

  get coalesced(): number {
    return this.queue?.coalesced ?? 0;
  }

  private write(payload: SharedPayload): void {
    // A closing socket's 'close' ends this subscription; nothing more is written to it.
    if (this.done || this.socket.readyState !== WebSocket.OPEN) return;
    const json = payload.json;
    const frame = Buffer.allocUnsafe(this.prefix.length + json.length + 1);
    this.prefix.copy(frame, 0);
    json.copy(frame, this.prefix.length);
    frame[frame.length - 1] = CLOSING_BRACE;
    const raw = tcpSocketOf(this.socket);
    if (raw && !corkedThisTurn.has(raw)) {
      corkedThisTurn.add(raw);
      raw.cork();
      // A tick queued now runs after the promise reactions under way: the payloads of the turn are written by then.
      process.nextTick(uncork, raw);
    }
    this.writing++;
    this.socket.send(frame, TEXT_FRAME, this.written);
  }

  protected release(): void {
    this.queue?.clear();
  }
}

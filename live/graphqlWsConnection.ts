/**
 * One graphql-transport-ws connection (graphql-ws's PROTOCOL.md) on a `ws`
 * socket: the handshake, ping/pong, operations by id, and the protocol's
 * close codes, with graphql-ws's own message parsing and validation
 * (`parseMessage`, `stringifyMessage`) and its close reasons.
 *
 * Why not graphql-ws's `makeServer`: it keeps a suspended async function per
 * subscription (its message, its text, its emitters) and serializes every
 * result per subscriber; with thousands of subscribers, what each one holds
 * and does per change counts. Here a subscription is its
 * {@link WebSocketSubscriber} alone, which writes the group's shared payload.
 */
import { getOperationAST } from 'graphql';
import {
  CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, parseMessage, stringifyMessage, type Message, type SubscribePayload,
} from 'graphql-ws';
import type WebSocket from 'ws';
import type { LiveOperations } from './operations';
import { WebSocketSubscriber } from './webSocketSubscriber';

/** graphql-ws's default: a connection that has not sent `connection_init` by then is closed. */
const CONNECTION_INIT_WAIT_MS = 3_000;

/** An operation being prepared or executed (null), or a subscription's subscriber. */
type Operation = WebSocketSubscriber | null;

export interface ConnectionLimits {
  /** Operations open at once on the connection; one more gets an `error` with TOO_MANY_OPERATIONS. */
  readonly maxOperations: number;
  /**
   * Bytes written to the socket and not yet taken by the kernel; a client that
   * leaves more unread (answers it asked for but does not read) is dropped.
   * Also each subscription's queue bound (live/webSocketSubscriber.ts).
   */
  readonly maxBufferedBytes: number;
}

const UNBOUNDED: ConnectionLimits = { maxOperations: Infinity, maxBufferedBytes: Infinity };

export class GraphqlWsConnection {
  private initReceived = false;
  private acknowledged = false;
  private readonly operations = new Map<string, Operation>();
  private initWait: NodeJS.Timeout | undefined;

  constructor(private readonly socket: WebSocket, private readonly live: LiveOperations, private readonly limits: ConnectionLimits = UNBOUNDED) {
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) {
      socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    this.initWait = setTimeout(() => {
      if (!this.initReceived) socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    }, CONNECTION_INIT_WAIT_MS);
  }

  /** Handles one message from the client; throws only on a failure of the server's own. */
  async receive(data: string): Promise<void> {
    let message: Message;
    try {
      message = parseMessage(data);
    } catch {
      return this.socket.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (this.initReceived) return this.socket.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        this.initReceived = true;
        clearTimeout(this.initWait);
        this.initWait = undefined;
        this.acknowledged = true;
        return this.send({ type: MessageType.ConnectionAck });
      case MessageType.Ping:
        return this.send(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong });
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        return this.subscribe(message.id, message.payload);
      case MessageType.Complete: {
        const operation = this.operations.get(message.id);
        this.operations.delete(message.id);
        operation?.close();
        return;
      }
      default:
        // parseMessage accepts only the types above from a client (server-only types throw too).
        return this.socket.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  /** The socket closed: every subscription on it ends. */
  closed(): void {
    clearTimeout(this.initWait);
    const operations = [...this.operations.values()];
    this.operations.clear();
    for (const operation of operations) operation?.close();
  }

  private async subscribe(id: string, payload: SubscribePayload): Promise<void> {
    if (!this.acknowledged) return this.socket.close(CloseCode.Unauthorized, 'Unauthorized');
    if (this.operations.has(id)) return this.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    if (this.operations.size >= this.limits.maxOperations) {
      return this.send({ id, type: MessageType.Error, payload: [{
        message: `expected at most ${this.limits.maxOperations} operations open at once on one connection; complete one first or open another connection`,
        extensions: { code: 'TOO_MANY_OPERATIONS' },
      }] });
    }
    this.operations.set(id, null);
    const socket = this.socket;
    let subscriber: WebSocketSubscriber | undefined;
    try {
      const prepared = this.live.prepare(payload, (capacity, onClose, maxBytes) => (subscriber = new WebSocketSubscriber(socket, id, capacity, () => {
        onClose();
        // Ended by the server (a reader too slow): the id is free again.
        if (this.operations.get(id) === subscriber) this.operations.delete(id);
      }, Math.min(maxBytes, this.limits.maxBufferedBytes))));
      if (!('document' in prepared)) {
        if (this.operations.has(id)) this.send({ id, type: MessageType.Error, payload: prepared.map((e) => e.toJSON()) });
        return;
      }
      let result: object;
      if (getOperationAST(prepared.document, prepared.operationName)?.operation === 'subscription') {
        const subscribed = await this.live.subscribe(prepared);
        if (subscriber) {
          // The client completed it meanwhile.
          if (!this.operations.has(id)) return subscriber.close();
          this.operations.set(id, subscriber);
          return;
        }
        // Its arguments failed: one result with the errors, then `complete` (as graphql-ws does).
        result = subscribed;
      } else {
        result = await this.live.execute(prepared);
      }
      if (!this.operations.has(id)) return;
      // GraphQLErrors serialize through their toJSON; the gateway's formatted errors are plain objects already.
      this.sendText(`{"id":${JSON.stringify(id)},"type":"next","payload":${JSON.stringify(result)}}`);
      this.operations.delete(id);
      this.send({ id, type: MessageType.Complete });
    } finally {
      if (this.operations.get(id) === null) this.operations.delete(id);
    }
  }

  private send(message: Parameters<typeof stringifyMessage>[0]): void {
    this.sendText(stringifyMessage(message));
  }

  private sendText(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // A client that asks and never reads: its answers would pile up in this process.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) return this.socket.terminate();
    this.socket.send(text);
  }
}

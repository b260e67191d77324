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
  CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, stringifyMessage, validateMessage, type Message, type SubscribePayload,
} from 'graphql-ws';
import type WebSocket from 'ws';
import { AccessError } from '../access/accessError';
import type { Doors } from '../access/doors';
import { whenExpired } from '../access/expiry';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
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

/** Who may open this connection: checked at `connection_init`. */
export interface ConnectionAccess {
  readonly doors: Doors;
  /** The upgrade request's Authorization header: the credential when `connection_init` carries none. */
  readonly authorization: string | undefined;
  readonly client: string | undefined;
}

/** A close reason must fit in a control frame (123 bytes). */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}

/** A subscribe message as it arrived, before graphql-ws validates it. */
interface SubscribeFrame {
  readonly type: 'subscribe';
  readonly id: string;
  readonly payload: Record<string, unknown>;
}

function isSubscribeFrame(frame: unknown): frame is SubscribeFrame {
  if (typeof frame !== 'object' || frame === null) return false;
  const { type, id, payload } = frame as Record<string, unknown>;
  return type === MessageType.Subscribe && typeof id === 'string' && id !== '' && typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

export class GraphqlWsConnection {
  private initReceived = false;
  private acknowledged = false;
  private readonly operations = new Map<string, Operation>();
  private initWait: NodeJS.Timeout | undefined;
  private principal: Principal = OPEN_PRINCIPAL;
  /** The credential the connection was admitted with, for subgraph processes that verify it themselves. */
  private credential: string | undefined;
  private cancelExpiry: (() => void) | undefined;

  constructor(
    private readonly socket: WebSocket, private readonly live: LiveOperations, private readonly access?: ConnectionAccess,
    private readonly limits: ConnectionLimits = UNBOUNDED,
  ) {
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
      let frame: unknown = JSON.parse(data);
      if (this.acknowledged && isSubscribeFrame(frame)) {
        const resolved = this.withTrustedDocument(frame);
        if (resolved instanceof AccessError) return this.refuse(frame.id, resolved);
        frame = resolved;
      }
      message = validateMessage(frame);
    } catch {
      return this.socket.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (this.initReceived) return this.socket.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        this.initReceived = true;
        clearTimeout(this.initWait);
        this.initWait = undefined;
        if (!(await this.admit(message.payload))) return;
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

  /**
   * The connection's principal from `connection_init`'s `authorization` (or
   * the upgrade request's header); without a valid token the socket closes
   * with 4403. Once admitted, the connection (and every subscription on it)
   * ends when the token expires.
   */
  private async admit(payload: Record<string, unknown> | null | undefined): Promise<boolean> {
    if (!this.access) return true;
    const { doors, authorization, client } = this.access;
    const credential = payload?.authorization ?? payload?.Authorization ?? authorization;
    try {
      this.principal = await doors.admit({ headers: {}, socket: { remoteAddress: client } }, 'graphql-ws', undefined, credential);
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      // 4403 Forbidden is graphql-ws's close code for a connection refused at init; the key set being unreachable is the server's fault.
      if (error.status === 503) this.socket.close(CloseCode.InternalServerError, closeReason(error.message));
      else this.socket.close(CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
      return false;
    }
    if (this.socket.readyState !== this.socket.OPEN) return false;
    this.credential = typeof credential === 'string' ? credential : undefined;
    this.cancelExpiry = whenExpired(this.principal, () => this.socket.close(CloseCode.Forbidden, 'Forbidden: the token has expired'));
    return true;
  }

  /**
   * A subscribe message's payload with its document resolved by the trusted
   * documents (access/trustedDocuments.ts): `documentId` or
   * `extensions.persistedQuery.sha256Hash` replaced by the listed document,
   * before graphql-ws's validation, which wants a `query` string. The
   * refusal, when the document is not one the hub runs.
   */
  private withTrustedDocument(frame: SubscribeFrame): SubscribeFrame | AccessError {
    if (!this.access) return frame;
    const { documentId, ...payload } = frame.payload;
    try {
      const resolved = this.access.doors.document({ headers: {}, socket: { remoteAddress: this.access.client } }, 'graphql-ws', this.principal,
        { query: payload.query, documentId, extensions: payload.extensions }, payload.operationName);
      if (!resolved.changed && documentId === undefined) return frame;
      const rewritten: Record<string, unknown> = { ...payload, query: resolved.query };
      if (resolved.extensions === undefined) delete rewritten.extensions;
      else rewritten.extensions = resolved.extensions;
      return { ...frame, payload: rewritten };
    } catch (error) {
      if (error instanceof AccessError) return error;
      throw error;
    }
  }

  /** Answers a subscribe message whose document was refused: an `error` message for its id, as for any error before execution. */
  private refuse(id: string, error: AccessError): void {
    if (this.operations.has(id)) return this.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    this.send({ id, type: MessageType.Error, payload: [{ message: error.message, extensions: { code: error.code } }] });
  }

  /** The socket closed: every subscription on it ends. */
  closed(): void {
    clearTimeout(this.initWait);
    this.cancelExpiry?.();
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
      if (this.access && this.principal) {
        try {
          await this.access.doors.countOperation({ headers: {}, socket: { remoteAddress: this.access.client } }, 'graphql-ws', this.principal);
        } catch (error) {
          if (!(error instanceof AccessError)) throw error;
          if (this.operations.has(id)) this.send({ id, type: MessageType.Error, payload: [{ message: error.message, extensions: { code: error.code } }] });
          return;
        }
      }
      const prepared = this.live.prepare(payload, (capacity, onClose, maxBytes) => (subscriber = new WebSocketSubscriber(socket, id, capacity, () => {
        onClose();
        // Ended by the server (a reader too slow): the id is free again.
        if (this.operations.get(id) === subscriber) this.operations.delete(id);
      }, Math.min(maxBytes, this.limits.maxBufferedBytes))), this.principal, this.credential, { door: 'graphql-ws', client: this.access?.client ?? null });
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

/**
 * A graphql-transport-ws client at the message level, for what graphql-ws's
 * own client will not do: send messages out of order, look at every message
 * and close code, or stop reading its socket.
 */
import WebSocket from 'ws';
import { eventually } from './eventually';

export interface WsMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: any;
}

export interface RawGraphqlWs {
  readonly socket: WebSocket;
  /** Every message received, parsed, in order. */
  readonly messages: WsMessage[];
  /** Resolves with the close code and reason once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: WsMessage | string): void;
  /** `connection_init`, then waits for `connection_ack`. */
  init(): Promise<void>;
  /** Waits for a message that matches, received from now or before. */
  waitFor(what: string, match: (message: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>;
  /** Closes the socket at once (no closing handshake) and waits until it is closed. */
  terminate(): Promise<void>;
}

export async function openRawGraphqlWs(url: string): Promise<RawGraphqlWs> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: WsMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // reported through `closed`
  const client: RawGraphqlWs = {
    socket,
    messages,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async init() {
      client.send({ type: 'connection_init' });
      await client.waitFor('connection_ack', (m) => m.type === 'connection_ack');
    },
    async waitFor(what, match, timeoutMs = 60_000) {
      let found: WsMessage | undefined;
      await eventually(what, () => (found = messages.find(match)) !== undefined,
        { timeoutMs, describe: () => `${messages.length} messages, the last ${JSON.stringify(messages.at(-1))?.slice(0, 300)}` });
      return found!;
    },
    async terminate() {
      socket.terminate();
      await closed;
    },
  };
  return client;
}

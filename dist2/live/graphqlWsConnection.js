"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphqlWsConnection = void 0;
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
const graphql_1 = require("graphql");
const graphql_ws_1 = require("graphql-ws");
const accessError_1 = require("../access/accessError");
const expiry_1 = require("../access/expiry");
const principal_1 = require("../access/principal");
const webSocketSubscriber_1 = require("./webSocketSubscriber");
/** graphql-ws's default: a connection that has not sent `connection_init` by then is closed. */
const CONNECTION_INIT_WAIT_MS = 3_000;
const UNBOUNDED = { maxOperations: Infinity, maxBufferedBytes: Infinity };
/** A close reason must fit in a control frame (123 bytes). */
function closeReason(text) {
    return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}
class GraphqlWsConnection {
    constructor(socket, live, access, limits = UNBOUNDED) {
        this.socket = socket;
        this.live = live;
        this.access = access;
        this.limits = limits;
        this.initReceived = false;
        this.acknowledged = false;
        this.operations = new Map();
        this.principal = principal_1.OPEN_PRINCIPAL;
        if (socket.protocol !== graphql_ws_1.GRAPHQL_TRANSPORT_WS_PROTOCOL) {
            socket.close(graphql_ws_1.CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
            return;
        }
        this.initWait = setTimeout(() => {
            if (!this.initReceived)
                socket.close(graphql_ws_1.CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
        }, CONNECTION_INIT_WAIT_MS);
    }
    /** Handles one message from the client; throws only on a failure of the server's own. */
    async receive(data) {
        let message;
        try {
            message = (0, graphql_ws_1.parseMessage)(data);
        }
        catch {
            return this.socket.close(graphql_ws_1.CloseCode.BadRequest, 'Invalid message received');
        }
        switch (message.type) {
            case graphql_ws_1.MessageType.ConnectionInit:
                if (this.initReceived)
                    return this.socket.close(graphql_ws_1.CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
                this.initReceived = true;
                clearTimeout(this.initWait);
                this.initWait = undefined;
                if (!(await this.admit(message.payload)))
                    return;
                this.acknowledged = true;
                return this.send({ type: graphql_ws_1.MessageType.ConnectionAck });
            case graphql_ws_1.MessageType.Ping:
                return this.send(message.payload ? { type: graphql_ws_1.MessageType.Pong, payload: message.payload } : { type: graphql_ws_1.MessageType.Pong });
            case graphql_ws_1.MessageType.Pong:
                return;
            case graphql_ws_1.MessageType.Subscribe:
                return this.subscribe(message.id, message.payload);
            case graphql_ws_1.MessageType.Complete: {
                const operation = this.operations.get(message.id);
                this.operations.delete(message.id);
                operation?.close();
                return;
            }
            default:
                // parseMessage accepts only the types above from a client (server-only types throw too).
                return this.socket.close(graphql_ws_1.CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
        }
    }
    /**
     * The connection's principal from `connection_init`'s `authorization` (or
     * the upgrade request's header); without a valid token the socket closes
     * with 4403. Once admitted, the connection (and every subscription on it)
     * ends when the token expires.
     */
    async admit(payload) {
        if (!this.access)
            return true;
        const { doors, authorization, client } = this.access;
        const credential = payload?.authorization ?? payload?.Authorization ?? authorization;
        try {
            this.principal = await doors.admit({ headers: {}, socket: { remoteAddress: client } }, 'graphql-ws', undefined, credential);
        }
        catch (error) {
            if (!(error instanceof accessError_1.AccessError))
                throw error;
            // 4403 Forbidden is graphql-ws's close code for a connection refused at init; the key set being unreachable is the server's fault.
            if (error.status === 503)
                this.socket.close(graphql_ws_1.CloseCode.InternalServerError, closeReason(error.message));
            else
                this.socket.close(graphql_ws_1.CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
            return false;
        }
        if (this.socket.readyState !== this.socket.OPEN)
            return false;
        this.credential = typeof credential === 'string' ? credential : undefined;
        this.cancelExpiry = (0, expiry_1.whenExpired)(this.principal, () => this.socket.close(graphql_ws_1.CloseCode.Forbidden, 'Forbidden: the token has expired'));
        return true;
    }
    /** The socket closed: every subscription on it ends. */
    closed() {
        clearTimeout(this.initWait);
        this.cancelExpiry?.();
        const operations = [...this.operations.values()];
        this.operations.clear();
        for (const operation of operations)
            operation?.close();
    }
    async subscribe(id, payload) {
        if (!this.acknowledged)
            return this.socket.close(graphql_ws_1.CloseCode.Unauthorized, 'Unauthorized');
        if (this.operations.has(id))
            return this.socket.close(graphql_ws_1.CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
        if (this.operations.size >= this.limits.maxOperations) {
            return this.send({ id, type: graphql_ws_1.MessageType.Error, payload: [{
                        message: `expected at most ${this.limits.maxOperations} operations open at once on one connection; complete one first or open another connection`,
                        extensions: { code: 'TOO_MANY_OPERATIONS' },
                    }] });
        }
        this.operations.set(id, null);
        const socket = this.socket;
        let subscriber;
        try {
            const prepared = this.live.prepare(payload, (capacity, onClose, maxBytes) => (subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, id, capacity, () => {
                onClose();
                // Ended by the server (a reader too slow): the id is free again.
                if (this.operations.get(id) === subscriber)
                    this.operations.delete(id);
            }, Math.min(maxBytes, this.limits.maxBufferedBytes))), this.principal, this.credential);
            if (!('document' in prepared)) {
                if (this.operations.has(id))
                    this.send({ id, type: graphql_ws_1.MessageType.Error, payload: prepared.map((e) => e.toJSON()) });
                return;
            }
            let result;
            if ((0, graphql_1.getOperationAST)(prepared.document, prepared.operationName)?.operation === 'subscription') {
                const subscribed = await this.live.subscribe(prepared);
                if (subscriber) {
                    // The client completed it meanwhile.
                    if (!this.operations.has(id))
                        return subscriber.close();
                    this.operations.set(id, subscriber);
                    return;
                }
                // Its arguments failed: one result with the errors, then `complete` (as graphql-ws does).
                result = subscribed;
            }
            else {
                result = await this.live.execute(prepared);
            }
            if (!this.operations.has(id))
                return;
            // GraphQLErrors serialize through their toJSON; the gateway's formatted errors are plain objects already.
            this.sendText(`{"id":${JSON.stringify(id)},"type":"next","payload":${JSON.stringify(result)}}`);
            this.operations.delete(id);
            this.send({ id, type: graphql_ws_1.MessageType.Complete });
        }
        finally {
            if (this.operations.get(id) === null)
                this.operations.delete(id);
        }
    }
    send(message) {
        this.sendText((0, graphql_ws_1.stringifyMessage)(message));
    }
    sendText(text) {
        if (this.socket.readyState !== this.socket.OPEN)
            return;
        // A client that asks and never reads: its answers would pile up in this process.
        if (this.socket.bufferedAmount > this.limits.maxBufferedBytes)
            return this.socket.terminate();
        this.socket.send(text);
    }
}
exports.GraphqlWsConnection = GraphqlWsConnection;
//# sourceMappingURL=graphqlWsConnection.js.map
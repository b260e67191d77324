"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebSocketSubscriber = void 0;
const ws_1 = __importDefault(require("ws"));
const changeQueue_1 = require("./changeQueue");
const subscriber_1 = require("./subscriber");
const CLOSING_BRACE = 0x7d;
/** Payloads are JSON text: a text frame, as graphql-ws sends its strings. */
const TEXT_FRAME = { binary: false };
/** Sockets corked in this turn (several subscriptions may share one connection). */
const corkedThisTurn = new WeakSet();
function uncork(raw) {
    corkedThisTurn.delete(raw);
    raw.uncork();
}
/** The TCP socket under a `ws` socket (ws keeps it as `_socket`; undefined before it connects, and in tests). */
function tcpSocketOf(socket) {
    return socket._socket;
}
class WebSocketSubscriber extends subscriber_1.Subscriber {
    constructor(socket, id, capacity, onClose, maxBytes = Infinity) {
        super(onClose);
        this.socket = socket;
        this.id = id;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        /** Writes whose callback has not come yet: while there are any, one will write what waits. */
        this.writing = 0;
        this.written = () => {
            this.writing--;
            while (this.queue?.length && this.canWrite())
                this.write(this.queue.shift());
        };
        this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    }
    deliver(payload) {
        if (this.done)
            return;
        if (!this.queue?.length && this.canWrite())
            this.write(payload);
        else if (!(this.queue ??= new changeQueue_1.ChangeQueue(this.capacity, this.maxBytes)).push(payload))
            this.dropTooSlow();
    }
    /** Ends the subscription for a reader too far behind: what waits is dropped, and the protocol's `error` says why. */
    dropTooSlow() {
        this.close();
        if (this.socket.readyState !== ws_1.default.OPEN)
            return;
        this.socket.send(JSON.stringify({ id: this.id, type: 'error', payload: [(0, subscriber_1.tooSlowError)(this.maxBytes).toJSON()] }), TEXT_FRAME);
    }
    /**
     * Whether the kernel has taken everything written so far. A write that went
     * through at once has its callback only on the next tick: waiting for it
     * would queue (and, past the capacity, coalesce) a burst of changes for a
     * client that reads them all as fast as they come.
     */
    canWrite() {
        if (this.writing === 0 || this.socket.bufferedAmount === 0)
            return true;
        // Corked: what this turn wrote waits in userland by design, and leaves with this payload at the turn's end.
        const raw = tcpSocketOf(this.socket);
        return raw !== undefined && corkedThisTurn.has(raw);
    }
    get queued() {
        return this.queue?.length ?? 0;
    }
    get peak() {
        return this.queue?.peak ?? 0;
    }
    get coalesced() {
        return this.queue?.coalesced ?? 0;
    }
    write(payload) {
        // A closing socket's 'close' ends this subscription; nothing more is written to it.
        if (this.done || this.socket.readyState !== ws_1.default.OPEN)
            return;
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
    release() {
        this.queue?.clear();
    }
}
exports.WebSocketSubscriber = WebSocketSubscriber;
//# sourceMappingURL=webSocketSubscriber.js.map
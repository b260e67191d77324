"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Subscriber = void 0;
exports.tooSlowError = tooSlowError;
/**
 * Where a subscription's payloads go: a transport's own subscriber for one
 * subscription, a member of its group in the fan-out.
 *
 * graphql-js takes a subscription's event stream as an async iterator, so
 * every subscriber is one: a pulled subscriber (graphql-sse) yields its
 * results from it; one that writes its payloads itself (graphql-ws) yields
 * nothing and ends when closed.
 */
const graphql_1 = require("graphql");
/** Why a subscription ended when its reader fell further behind than its buffer allows. */
function tooSlowError(maxBytes) {
    return new graphql_1.GraphQLError(`the subscription ended: its client left more than ${maxBytes} bytes of changes unread; subscribe again to resume from the current state`, { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
}
class Subscriber {
    /** `onClose` leaves the group: called once, when the subscription ends. */
    constructor(onClose) {
        this.onClose = onClose;
        this.done = false;
    }
    /** A result for a reader of the iterator, if it has one now. */
    take() {
        return undefined;
    }
    /** Hands a result to a reader waiting on the iterator; false when none waits. */
    handOver(result) {
        const resolve = this.waiting;
        if (!resolve)
            return false;
        this.waiting = undefined;
        resolve({ value: result, done: false });
        return true;
    }
    next() {
        const value = this.take();
        if (value)
            return Promise.resolve({ value, done: false });
        if (this.done)
            return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => { this.waiting = resolve; });
    }
    return() {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
    }
    /** Ends the subscription too: graphql-sse ends an operation (on disconnect) only through an iterator that has `throw`. */
    throw(error) {
        this.close();
        return Promise.reject(error);
    }
    close() {
        if (this.done)
            return;
        this.done = true;
        this.release();
        this.waiting?.({ value: undefined, done: true });
        this.waiting = undefined;
        this.onClose();
    }
    [Symbol.asyncIterator]() {
        return this;
    }
}
exports.Subscriber = Subscriber;
//# sourceMappingURL=subscriber.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeQueue = void 0;
class ChangeQueue {
    constructor(capacity, maxBytes = Infinity) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.items = [];
        /** Payloads replaced by a later change of the same entity (for tests and metrics). */
        this.coalesced = 0;
        /** The most payloads it has held at once (for tests and metrics). */
        this.peak = 0;
        /** The bytes of the payloads queued (their JSON). */
        this.bytes = 0;
    }
    /** Queues the payload; false when the queue now holds more than `maxBytes` (the reader is too slow to keep). */
    push(payload) {
        if (this.items.length >= this.capacity) {
            const { kind, entityId } = payload.change;
            const same = this.items.findIndex((queued) => queued.change.kind === kind && queued.change.entityId === entityId);
            if (same >= 0) {
                this.bytes -= this.sizeOf(this.items.splice(same, 1)[0]);
                this.coalesced++;
            }
        }
        this.items.push(payload);
        this.bytes += this.sizeOf(payload);
        if (this.items.length > this.peak)
            this.peak = this.items.length;
        return this.bytes <= this.maxBytes;
    }
    /** The oldest payload, removed from the queue. */
    shift() {
        const payload = this.items.shift();
        if (payload)
            this.bytes -= this.sizeOf(payload);
        return payload;
    }
    get length() {
        return this.items.length;
    }
    /** A queue without a byte bound never serializes a payload to count it. */
    sizeOf(payload) {
        return this.maxBytes === Infinity ? 0 : payload.json.length;
    }
    clear() {
        this.items.length = 0;
        this.bytes = 0;
    }
}
exports.ChangeQueue = ChangeQueue;
//# sourceMappingURL=changeQueue.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QueuedSubscriber = void 0;
const changeQueue_1 = require("./changeQueue");
const subscriber_1 = require("./subscriber");
class QueuedSubscriber extends subscriber_1.Subscriber {
    constructor(capacity, onClose, maxBytes = Infinity) {
        super(onClose);
        this.maxBytes = maxBytes;
        this.queue = new changeQueue_1.ChangeQueue(capacity, maxBytes);
    }
    deliver(payload) {
        if (this.done || this.handOver(payload.result))
            return;
        if (this.queue.push(payload))
            return;
        // Leaves the group now (nothing more is queued); the iterator still yields the error, then ends.
        this.close();
        this.farewell = { errors: [(0, subscriber_1.tooSlowError)(this.maxBytes)] };
    }
    get queued() {
        return this.queue.length;
    }
    get peak() {
        return this.queue.peak;
    }
    get coalesced() {
        return this.queue.coalesced;
    }
    take() {
        const queued = this.queue.shift();
        if (queued)
            return queued.result;
        const farewell = this.farewell;
        this.farewell = undefined;
        return farewell;
    }
    release() {
        this.queue.clear();
    }
}
exports.QueuedSubscriber = QueuedSubscriber;
//# sourceMappingURL=queuedSubscriber.js.map
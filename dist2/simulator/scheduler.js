"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Scheduler = void 0;
class Scheduler {
    constructor() {
        this.heap = [];
        this.order = 0;
    }
    /** Schedules `run` at simulated time `at` (ms). */
    at(at, run) {
        const heap = this.heap;
        heap.push({ at, order: this.order++, run });
        let i = heap.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(heap[i], heap[parent]))
                break;
            [heap[i], heap[parent]] = [heap[parent], heap[i]];
            i = parent;
        }
    }
    /** The earliest task, removed from the agenda; undefined when empty. */
    pop() {
        const heap = this.heap;
        if (heap.length === 0)
            return undefined;
        const top = heap[0];
        const last = heap.pop();
        if (heap.length > 0) {
            heap[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < heap.length && before(heap[l], heap[m]))
                    m = l;
                if (r < heap.length && before(heap[r], heap[m]))
                    m = r;
                if (m === i)
                    break;
                [heap[i], heap[m]] = [heap[m], heap[i]];
                i = m;
            }
        }
        return top;
    }
    get size() {
        return this.heap.length;
    }
}
exports.Scheduler = Scheduler;
function before(a, b) {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
}
//# sourceMappingURL=scheduler.js.map
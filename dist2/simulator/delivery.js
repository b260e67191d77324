"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DELIVERY_MODES = void 0;
exports.isDeliveryMode = isDeliveryMode;
exports.deliver = deliver;
exports.batches = batches;
/**
 * How the firm's systems deliver their events to the hub. Every mode is
 * seeded and streams: it reads the business-order events lazily and holds
 * only a bounded window, so million-event runs stay small in memory.
 *
 * - `in-order`: exactly the business order.
 * - `duplicates`: every event delivered 2 or 3 times; extra copies follow
 *   soon (within a few events) or far (hundreds to thousands of events later).
 * - `interleaved`: each source's stream stays in order, but each source runs
 *   behind by its own changing delay, so an ERP posting can arrive before the
 *   billing draft it posts, and a payment before its invoice.
 * - `shuffled`: any order (a uniform shuffle when the window holds everything).
 */
const random_1 = require("./random");
exports.DELIVERY_MODES = ['in-order', 'duplicates', 'interleaved', 'shuffled'];
function isDeliveryMode(value) {
    return exports.DELIVERY_MODES.includes(value);
}
/** The events as delivered in `options.mode`; lazy, reading `events` once. */
function deliver(events, options) {
    const random = new random_1.Random(options.seed ?? 1, `delivery:${options.mode}`);
    switch (options.mode) {
        case 'in-order':
            return inOrder(events);
        case 'duplicates':
            return withDuplicates(events, random, options.window ?? 2000);
        case 'interleaved':
            return interleaved(events, random, options.window ?? 2000);
        case 'shuffled':
            return shuffled(events, random, options.window ?? Number.POSITIVE_INFINITY);
        default: {
            const unknown = options.mode;
            throw new Error(`delivery mode expects one of ${exports.DELIVERY_MODES.join('|')}, but got "${String(unknown)}"`);
        }
    }
}
function* inOrder(events) {
    yield* events;
}
/** A min-heap of (key, order, item): the small priority queue behind the streaming modes. */
class KeyedHeap {
    constructor() {
        this.keys = [];
        this.orders = [];
        this.items = [];
        this.order = 0;
    }
    get size() {
        return this.items.length;
    }
    peekKey() {
        return this.keys[0];
    }
    push(key, item) {
        let i = this.items.length;
        this.keys.push(key);
        this.orders.push(this.order++);
        this.items.push(item);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!this.less(i, parent))
                break;
            this.swap(i, parent);
            i = parent;
        }
    }
    pop() {
        const top = this.items[0];
        const last = this.items.length - 1;
        this.swap(0, last);
        this.keys.pop();
        this.orders.pop();
        this.items.pop();
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < this.items.length && this.less(l, m))
                m = l;
            if (r < this.items.length && this.less(r, m))
                m = r;
            if (m === i)
                break;
            this.swap(i, m);
            i = m;
        }
        return top;
    }
    less(a, b) {
        return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.orders[a] < this.orders[b]);
    }
    swap(a, b) {
        [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
        [this.orders[a], this.orders[b]] = [this.orders[b], this.orders[a]];
        [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
    }
}
/** Each event once in order, plus 1 or 2 extra copies at a random distance (near: 1–5 events, far: 50–window). */
function* withDuplicates(events, random, window) {
    const due = new KeyedHeap();
    let position = 0;
    for (const event of events) {
        while (due.size > 0 && due.peekKey() <= position) {
            yield due.pop();
            position += 1;
        }
        yield event;
        position += 1;
        const copies = random.chance(0.5) ? 1 : 2;
        for (let c = 0; c < copies; c++) {
            const distance = random.chance(0.5) ? random.int(1, 5) : random.int(Math.min(50, window), Math.max(50, window));
            due.push(position + distance, event);
        }
    }
    while (due.size > 0)
        yield due.pop();
}
/**
 * Each source is delivered with a delay (in events) that changes now and
 * then (about every 100 events of the whole stream); the delays of the
 * sources are spread between 0 and `maxLag`, so at any time some source runs
 * well behind another. An event's delivery key is its position plus its
 * source's delay, never below its source's previous key, so each source stays
 * in order while the others overtake it: an ERP posting or a payment before
 * the billing draft, an invoice before the time it bills. Delivering in key
 * order is a streaming merge: once position p is read, no later event can get
 * a key below p, so only about `maxLag` events are held.
 */
function* interleaved(events, random, maxLag) {
    const delay = new Map();
    const lastKey = new Map();
    const heap = new KeyedHeap();
    // four evenly spaced levels plus jitter, dealt out to the sources at random
    const deal = () => {
        const levels = random.shuffle([0, 1, 2, 3]);
        let i = 0;
        for (const source of delay.keys())
            delay.set(source, Math.round(((levels[i++ % 4] + random.next()) * maxLag) / 4));
    };
    let position = 0;
    for (const event of events) {
        if (!delay.has(event.source)) {
            delay.set(event.source, 0);
            deal();
        }
        else if (random.chance(0.01)) {
            deal();
        }
        const key = Math.max(position + delay.get(event.source), lastKey.get(event.source) ?? Number.NEGATIVE_INFINITY);
        lastKey.set(event.source, key);
        heap.push(key, event);
        position += 1;
        while (heap.size > 0 && heap.peekKey() < position)
            yield heap.pop();
    }
    while (heap.size > 0)
        yield heap.pop();
}
/**
 * Holds up to `window` events; each new event takes the place of a random held
 * one, which is delivered. With a window at least the stream's length this is
 * a uniform (Fisher–Yates) shuffle.
 */
function* shuffled(events, random, window) {
    const held = [];
    for (const event of events) {
        if (held.length < window) {
            held.push(event);
            continue;
        }
        const i = random.int(0, held.length - 1);
        yield held[i];
        held[i] = event;
    }
    random.shuffle(held);
    yield* held;
}
/** Groups items into arrays of at most `size` (the last one may be shorter). */
function* batches(items, size) {
    if (!(size >= 1) || !Number.isInteger(size))
        throw new Error(`batch size expects a positive integer, but got ${String(size)}`);
    let batch = [];
    for (const item of items) {
        batch.push(item);
        if (batch.length === size) {
            yield batch;
            batch = [];
        }
    }
    if (batch.length > 0)
        yield batch;
}
//# sourceMappingURL=delivery.js.map
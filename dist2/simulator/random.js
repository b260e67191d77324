"use strict";
/**
 * A small seeded pseudo-random generator (sfc32, seeded through a string hash),
 * so that a seed names exactly one firm and one delivery. The simulator never
 * calls Math.random: every choice goes through a {@link Random}.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Random = void 0;
exports.tagOf = tagOf;
/** 32-bit FNV-1a over the text, then mixed; enough to spread similar seeds apart. */
function hash32(text, salt) {
    let h = (0x811c9dc5 ^ salt) >>> 0;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
class Random {
    /** `label` derives an independent stream from the same seed (see {@link fork}). */
    constructor(seed, label = '') {
        const text = `${typeof seed}:${String(seed)}/${label}`;
        this.a = hash32(text, 1);
        this.b = hash32(text, 2);
        this.c = hash32(text, 3);
        this.d = hash32(text, 4) | 1;
        for (let i = 0; i < 12; i++)
            this.nextUint32();
    }
    /** sfc32 (Chris Doty-Humphrey's small fast counting generator). */
    nextUint32() {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return t >>> 0;
    }
    /** A float in [0, 1). */
    next() {
        return this.nextUint32() / 4294967296;
    }
    /** An integer in [min, max], both included. */
    int(min, max) {
        return min + Math.floor(this.next() * (max - min + 1));
    }
    /** A float in [min, max). */
    float(min, max) {
        return min + this.next() * (max - min);
    }
    /** True with probability p. */
    chance(p) {
        return this.next() < p;
    }
    pick(items) {
        if (items.length === 0)
            throw new Error('Random.pick expects a non-empty array, but got an empty one');
        return items[Math.floor(this.next() * items.length)];
    }
    /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times as often. */
    weighted(choices) {
        let total = 0;
        for (const [, w] of choices)
            total += w;
        let x = this.next() * total;
        for (const [value, w] of choices) {
            x -= w;
            if (x < 0)
                return value;
        }
        return choices[choices.length - 1][0];
    }
    /** Shuffles in place (Fisher–Yates) and returns the same array. */
    shuffle(items) {
        for (let i = items.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            const tmp = items[i];
            items[i] = items[j];
            items[j] = tmp;
        }
        return items;
    }
    /** `count` distinct items of `items`, in random order. */
    sample(items, count) {
        return this.shuffle(items.slice()).slice(0, Math.max(0, Math.min(count, items.length)));
    }
    /**
     * An independent generator for one concern, so that adding a draw in one
     * part of the simulator does not change every choice made in the others.
     */
    fork(label) {
        return new Random(this.nextUint32(), label);
    }
}
exports.Random = Random;
/** Short stable hex tag of a text, e.g. for run-specific event ids. */
function tagOf(text, length = 6) {
    return (hash32(text, 7).toString(16).padStart(8, '0') + hash32(text, 8).toString(16).padStart(8, '0')).slice(0, length);
}
//# sourceMappingURL=random.js.map
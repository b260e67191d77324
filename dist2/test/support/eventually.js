"use strict";
/**
 * Waiting for a condition instead of sleeping a guessed time: tests stay
 * correct on a loaded machine and fast on an idle one.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.eventually = eventually;
/**
 * Resolves once `check` returns true; rejects after the timeout with what was
 * awaited and, when `describe` is given, the state it last saw.
 */
async function eventually(what, check, options = {}) {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = performance.now() + timeoutMs;
    for (;;) {
        if (await check())
            return;
        if (performance.now() > deadline) {
            throw new Error(`waited ${Math.round(timeoutMs / 1000)} s for ${what}${options.describe ? `; last seen: ${options.describe()}` : ''}`);
        }
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
    }
}
//# sourceMappingURL=eventually.js.map
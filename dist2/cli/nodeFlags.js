"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NODE_FLAGS = void 0;
exports.withNodeFlags = withNodeFlags;
/**
 * The Node flags every servicegraph process is started with: in the bin's
 * shebang (cli/main.ts), every npm script that runs a command (`npm start`,
 * `npm run rebuild`, ...), the Docker image's entrypoint, the benchmarks'
 * child processes (as NODE_OPTIONS, which Node 20 accepts for this V8 flag),
 * and `npm run bench` itself (the rebuild benchmark replays in its own
 * process, as `servicegraph rebuild` does).
 * test/unit/nodeFlags.unit.test.ts checks that they agree.
 *
 * `--max-semi-space-size=32`: a young generation of 3 × 32 MiB at most
 * instead of V8's default 3 × 16 MiB. Executing a GraphQL page allocates
 * ≈ 430 KiB of short-lived objects (subgraph execution, result shaping, pg
 * rows), so the scavenger ran every few dozen requests and promoted
 * in-flight requests' objects to the old generation; with the larger young
 * generation hub CPU per project page executed afresh at 50 connections
 * fell ≈ 23% (0.85 → 0.65 ms, interleaved A/B, docs/graphql.md). A Node
 * flag, not `v8.setFlagsFromString`: the heap's sizes are fixed when the
 * main isolate is made, before any of our code runs.
 */
exports.NODE_FLAGS = ['--max-semi-space-size=32'];
/** `NODE_OPTIONS` for a child process: the parent's, plus {@link NODE_FLAGS}. */
function withNodeFlags(nodeOptions) {
    return [nodeOptions, ...exports.NODE_FLAGS].filter((part) => part).join(' ');
}
//# sourceMappingURL=nodeFlags.js.map
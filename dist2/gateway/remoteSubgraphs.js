"use strict";
/**
 * The SDL of subgraphs running in their own processes, read once at start
 * through their `_service { sdl }` field (the federation spec's way; no
 * introspection, no polling afterwards).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadRemoteSubgraphs = loadRemoteSubgraphs;
exports.parseSubgraphAddress = parseSubgraphAddress;
const SERVICE_SDL_QUERY = 'query __ApolloGetServiceDefinition__ { _service { sdl } }';
/**
 * Fetches each subgraph's SDL, retrying while it is not up yet (subgraphs and
 * gateway may start together) until `waitMs` has passed.
 * @throws an Error naming every subgraph that did not answer, and why.
 */
async function loadRemoteSubgraphs(addresses, options = {}) {
    const deadline = Date.now() + (options.waitMs ?? 30_000);
    const results = await Promise.allSettled(addresses.map(async (address) => {
        let reported = false;
        for (;;) {
            try {
                return { ...address, sdl: await fetchSdl(address.url) };
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                if (Date.now() >= deadline)
                    throw new Error(`subgraph "${address.name}" at ${address.url}: ${reason}`);
                if (!reported)
                    options.onRetry?.(address, reason);
                reported = true;
                await new Promise((resolve) => setTimeout(resolve, Math.min(options.retryMs ?? 250, Math.max(0, deadline - Date.now()))));
            }
        }
    }));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason.message] : []));
    if (failures.length > 0)
        throw new Error(`could not read the SDL of every subgraph:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return results.map((r) => r.value);
}
async function fetchSdl(url) {
    const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: SERVICE_SDL_QUERY }),
        signal: AbortSignal.timeout(5_000),
    }).catch((error) => {
        const cause = error.cause;
        throw new Error(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    });
    const text = await response.text();
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        throw new Error(`expected a GraphQL JSON answer, got HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    const sdl = body.data?._service?.sdl;
    if (typeof sdl !== 'string') {
        throw new Error(`expected data._service.sdl, got HTTP ${response.status}${body.errors ? `: ${body.errors.map((e) => e.message).join('; ')}` : ''}`);
    }
    return sdl;
}
/**
 * Parses `--subgraph name=url` values.
 * @throws an Error saying what was expected and what arrived.
 */
function parseSubgraphAddress(value, known) {
    const match = /^([a-z][a-z0-9_-]*)=(.+)$/i.exec(value);
    if (!match)
        throw new Error(`--subgraph expects name=url (e.g. billing=http://127.0.0.1:4003/graphql), got ${JSON.stringify(value)}`);
    const [, name, url] = match;
    if (!known.includes(name))
        throw new Error(`--subgraph ${name}: expected one of ${known.join(', ')}, got ${JSON.stringify(name)}`);
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new Error(`--subgraph ${name}: expected an http(s) URL, got ${JSON.stringify(url)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(`--subgraph ${name}: expected an http(s) URL, got ${JSON.stringify(url)}`);
    }
    return { name, url: parsed.href };
}
//# sourceMappingURL=remoteSubgraphs.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyServerLimits = applyServerLimits;
/** What a refused connection is told (the socket is closed after it). */
function refusal(status, message) {
    const body = JSON.stringify({ error: { code: status === 429 ? 'TOO_MANY_CONNECTIONS' : 'SERVER_BUSY', message } });
    return `HTTP/1.1 ${status} ${status === 429 ? 'Too Many Requests' : 'Service Unavailable'}\r\n`
        + `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`;
}
/** Applies the limits to a server not yet listening; returns its connection counts (for tests and metrics). */
function applyServerLimits(server, limits) {
    server.headersTimeout = limits.headersTimeoutMs;
    server.requestTimeout = limits.requestTimeoutMs;
    server.keepAliveTimeout = limits.idleTimeoutMs;
    // Node checks both timeouts on this interval (default 30 s): a 10 s headers timeout would otherwise fire at up to 40 s.
    server.connectionsCheckingInterval = Math.min(1000, limits.headersTimeoutMs);
    const perClient = new Map();
    let open = 0;
    server.on('connection', (socket) => {
        const address = socket.remoteAddress ?? 'unknown';
        const held = perClient.get(address) ?? 0;
        if (open >= limits.connectionsPerPort) {
            socket.end(refusal(503, `the server holds its most connections (${limits.connectionsPerPort}); try again shortly`));
            return;
        }
        if (held >= limits.connectionsPerClient) {
            socket.end(refusal(429, `expected at most ${limits.connectionsPerClient} open connections from one client address, got one more; reuse or close some`));
            return;
        }
        open++;
        perClient.set(address, held + 1);
        socket.once('close', () => {
            open--;
            const left = (perClient.get(address) ?? 1) - 1;
            if (left > 0)
                perClient.set(address, left);
            else
                perClient.delete(address);
        });
    });
    return { open: () => open, of: (address) => perClient.get(address) ?? 0 };
}
//# sourceMappingURL=serverLimits.js.map
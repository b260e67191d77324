"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.openRawSse = openRawSse;
/**
 * A graphql-sse request in distinct connections mode at the byte level, for
 * what graphql-sse's own client will not do: stop reading its socket.
 */
const node_http_1 = __importDefault(require("node:http"));
/** POSTs `payload` to `url` asking for an event stream; resolves once the response's head has come. */
function openRawSse(url, payload) {
    return new Promise((resolve, reject) => {
        const request = node_http_1.default.request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        }, (response) => {
            // Parsed as it comes: a stream that was stalled may bring many MB at once.
            let pending = '';
            const events = [];
            response.setEncoding('utf8');
            response.on('data', (chunk) => {
                pending += chunk;
                const blocks = pending.split('\n\n');
                pending = blocks.pop();
                for (const block of blocks) {
                    const fields = new Map();
                    for (const line of block.split('\n')) {
                        const match = /^(event|data): ?(.*)$/.exec(line);
                        if (match)
                            fields.set(match[1], match[2]);
                    }
                    const event = fields.get('event');
                    if (event)
                        events.push({ event, data: fields.get('data') ? JSON.parse(fields.get('data')) : null });
                }
            });
            response.on('error', () => undefined);
            resolve({
                status: response.statusCode ?? 0,
                events: () => events,
                pause: () => {
                    response.pause();
                    response.socket.pause();
                },
                resume: () => {
                    response.socket.resume();
                    response.resume();
                },
                close: () => request.destroy(),
            });
        });
        request.once('error', reject);
        request.end(JSON.stringify(payload));
    });
}
//# sourceMappingURL=rawSse.js.map
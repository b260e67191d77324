"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The ceiling for fan-out: a bare `ws` server that sends one message to every
 * connected client, nothing else (no protocol, no filters, no resolving).
 *
 *   node dist/bench/bareBroadcast.js
 *
 * Prints `bare broadcast ready at PORT`. `POST /broadcast` with a body sends
 * that body to every open WebSocket and answers 204 once all sends are queued;
 * `GET /clients` answers the number of open sockets.
 */
const node_http_1 = __importDefault(require("node:http"));
const ws_1 = require("ws");
const server = node_http_1.default.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/broadcast') {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const message = Buffer.concat(chunks).toString();
            for (const client of wss.clients)
                if (client.readyState === ws_1.WebSocket.OPEN)
                    client.send(message);
            res.writeHead(204).end();
        });
        return;
    }
    if (req.method === 'GET' && req.url === '/clients') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(String(wss.clients.size));
        return;
    }
    res.writeHead(404).end();
});
const wss = new ws_1.WebSocketServer({ server });
server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`bare broadcast ready at ${typeof address === 'object' && address ? address.port : 0}\n`);
});
const stop = () => {
    for (const client of wss.clients)
        client.terminate();
    wss.close();
    server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
//# sourceMappingURL=bareBroadcast.js.map
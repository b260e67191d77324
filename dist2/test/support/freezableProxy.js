"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startFreezableProxy = startFreezableProxy;
/**
 * A TCP proxy between the hub and Postgres that a test can freeze: while
 * frozen, nothing passes either way and no connection is refused — as when
 * the Postgres server is paused (SIGSTOP) or the network under it stalls.
 */
const node_net_1 = __importDefault(require("node:net"));
async function startFreezableProxy(databaseUrl) {
    const target = new URL(databaseUrl);
    const sockets = new Set();
    let frozen = false;
    const pairs = [];
    const server = node_net_1.default.createServer((client) => {
        const upstream = node_net_1.default.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
            sockets.add(socket);
            socket.on('error', () => undefined);
            socket.once('close', () => sockets.delete(socket));
        }
        client.pipe(upstream);
        upstream.pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        pairs.push([client, upstream]);
        if (frozen) {
            client.pause();
            upstream.pause();
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(server.address().port);
    return {
        url: url.href,
        freeze() {
            frozen = true;
            for (const socket of sockets)
                socket.pause();
        },
        thaw() {
            frozen = false;
            for (const socket of sockets)
                socket.resume();
        },
        async close() {
            for (const socket of sockets)
                socket.destroy();
            await new Promise((resolve) => server.close(resolve));
        },
    };
}
//# sourceMappingURL=freezableProxy.js.map
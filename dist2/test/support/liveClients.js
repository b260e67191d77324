"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TRANSPORTS = void 0;
exports.liveClient = liveClient;
/**
 * The same subscription API over both transports, so live tests run the same
 * cases over graphql-ws and graphql-sse.
 */
const graphql_sse_1 = require("graphql-sse");
const graphql_ws_1 = require("graphql-ws");
const ws_1 = __importDefault(require("ws"));
exports.TRANSPORTS = ['websocket', 'sse'];
function liveClient(transport, graphqlUrl) {
    const client = transport === 'websocket'
        ? (0, graphql_ws_1.createClient)({ url: graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: ws_1.default, retryAttempts: 0, lazy: true })
        : (0, graphql_sse_1.createClient)({ url: graphqlUrl, retryAttempts: 0 });
    return {
        subscribe(query, variables, onNext) {
            const received = [];
            let stop = () => undefined;
            const ended = new Promise((resolve, reject) => {
                stop = client.subscribe({ query, variables }, {
                    next: (value) => {
                        const r = { ...value, at: performance.now() };
                        received.push(r);
                        onNext?.(r);
                    },
                    error: reject,
                    complete: () => resolve(undefined),
                });
            });
            ended.catch(() => undefined);
            return { received, ended, stop: () => stop() };
        },
        async close() {
            await client.dispose();
        },
    };
}
//# sourceMappingURL=liveClients.js.map
"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.attachWebSocketTransport = attachWebSocketTransport;
const graphql_ws_1 = require("graphql-ws");
const ws_1 = __importStar(require("ws"));
const accessError_1 = require("../access/accessError");
const auditLog_1 = require("../access/auditLog");
const doors_1 = require("../access/doors");
const graphqlWsConnection_1 = require("./graphqlWsConnection");
const isProduction = process.env.NODE_ENV === 'production';
/** Closes a socket after an error of the server's own, saying what failed outside production (as graphql-ws's adapter does). */
function closeOnInternalError(socket, error) {
    const reason = isProduction ? '' : error instanceof Error ? error.message : String(error);
    // A close reason must fit in a control frame (123 bytes).
    socket.close(graphql_ws_1.CloseCode.InternalServerError, reason !== '' && Buffer.byteLength(reason) < 124 ? reason : 'Internal server error');
}
function onSocketError(error) {
    // A frame the client should not have sent (too large, malformed): ws has closed the socket with the
    // protocol's code (1009 for a message over maxPayload, 1002 otherwise); the client's fault, not ours.
    if (String(error.code).startsWith('WS_ERR_'))
        return;
    console.error('Internal error emitted on a WebSocket socket.', error);
    closeOnInternalError(this, error);
}
async function receive(socket, connection, data) {
    try {
        await connection.receive(data);
    }
    catch (error) {
        console.error('Internal error occurred during message handling.', error);
        closeOnInternalError(socket, error);
    }
}
function attachWebSocketTransport(server, path, operations, options = {}) {
    const keepAliveMs = options.keepAliveMs ?? 12_000;
    const doors = options.doors ?? doors_1.Doors.open(auditLog_1.NO_AUDIT);
    const wss = new ws_1.WebSocketServer({
        server, path,
        handleProtocols: graphql_ws_1.handleProtocols,
        // ws reads frames of up to 100 MiB by default: far around the HTTP body limit.
        maxPayload: options.maxPayloadBytes ?? 1024 * 1024,
        // A page of another site may open a WebSocket to the hub (CORS does not apply): its Origin says so.
        verifyClient: ({ req }, accept) => {
            try {
                doors.frontOfStream(req, 'graphql-ws');
                accept(true);
            }
            catch (error) {
                if (!(error instanceof accessError_1.AccessError))
                    throw error;
                accept(false, error.status, error.message);
            }
        },
    });
    wss.once('error', (error) => {
        console.error('Internal error emitted on the WebSocket server.', error);
        for (const client of wss.clients)
            closeOnInternalError(client, error);
    });
    wss.on('connection', (socket, req) => {
        socket.once('error', onSocketError);
        socket.on('pong', onPong);
        // Of the upgrade request only what admitting the connection needs is kept.
        const connection = new graphqlWsConnection_1.GraphqlWsConnection(socket, operations, { doors, authorization: req.headers.authorization, client: req.socket.remoteAddress }, options.connectionLimits);
        socket.on('message', (data) => void receive(socket, connection, String(data)));
        socket.once('close', () => {
            awaitingPong.delete(socket);
            connection.closed();
        });
    });
    // Keep-alive, as graphql-ws's adapter does it but in one sweep: each open
    // socket is pinged every keepAliveMs, and one whose pong has not come by
    // the next sweep is dropped.
    const awaitingPong = new WeakSet();
    function onPong() {
        awaitingPong.delete(this);
    }
    const keepAlive = keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? setInterval(() => {
        for (const socket of wss.clients) {
            if (socket.readyState !== ws_1.default.OPEN)
                continue;
            if (awaitingPong.has(socket)) {
                socket.terminate();
                continue;
            }
            awaitingPong.add(socket);
            socket.ping();
        }
    }, keepAliveMs) : undefined;
    return {
        clients: () => wss.clients.size,
        async close() {
            clearInterval(keepAlive);
            for (const client of wss.clients)
                client.close(1001, 'Going away');
            wss.removeAllListeners();
            await new Promise((resolve) => wss.close(() => resolve()));
        },
    };
}
//# sourceMappingURL=websocketTransport.js.map
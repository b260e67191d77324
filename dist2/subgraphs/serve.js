"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveSubgraph = serveSubgraph;
const node_http_1 = __importDefault(require("node:http"));
const server_1 = require("@apollo/server");
const disabled_1 = require("@apollo/server/plugin/disabled");
const drainHttpServer_1 = require("@apollo/server/plugin/drainHttpServer");
const graphql_1 = require("graphql");
const limits_1 = require("../config/limits");
const serverLimits_1 = require("../http/serverLimits");
const clientSafeError_1 = require("./clientSafeError");
const probes_1 = require("../observability/probes");
const GRAPHQL_PATH = '/graphql';
const HEALTH_PATH = '/health';
/**
 * Serves one subgraph over HTTP with @apollo/server on node:http (Apollo
 * Server 5 ships no HTTP framework integration; this is the small handler
 * around `executeHTTPGraphQLRequest`), so each subgraph can run as its own
 * process behind the gateway.
 *
 * - `POST|GET /graphql`: GraphQL over HTTP (Apollo's CSRF prevention on).
 * - `GET /health`: 200 `{"status":"ok","subgraph":name}` while serving.
 * - `GET /healthz`, `/readyz`, `/metrics`: see observability/probes.ts.
 *
 * Each request gets a fresh context object, which keys its DataLoaders.
 * No landing page: the explorer is the gateway's.
 */
async function serveSubgraph(subgraph, options) {
    const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    const httpServer = node_http_1.default.createServer();
    (0, serverLimits_1.applyServerLimits)(httpServer, options.serverLimits ?? limits_1.DEFAULT_LIMITS);
    const server = new server_1.ApolloServer({
        schema: subgraph.schema,
        introspection: true,
        includeStacktraceInErrorResponses: false,
        // Postgres's own text or a bug's message never reaches a client.
        formatError: (formatted, error) => (error instanceof graphql_1.GraphQLError ? (0, clientSafeError_1.clientSafeError)(error) : formatted),
        // The process owns SIGINT/SIGTERM (cli/graphql.ts closes the server, then the pool):
        // Apollo's own handler would exit before the pool is closed.
        stopOnTerminationSignals: false,
        plugins: [
            (0, drainHttpServer_1.ApolloServerPluginDrainHttpServer)({ httpServer }),
            (0, disabled_1.ApolloServerPluginLandingPageDisabled)(),
            (0, disabled_1.ApolloServerPluginInlineTraceDisabled)(),
        ],
    });
    await server.start();
    httpServer.on('request', (req, res) => {
        handle(req, res).catch((error) => {
            if (!res.headersSent)
                sendJson(res, 500, { errors: [{ message: `internal error: ${error?.message ?? String(error)}` }] });
            else
                res.destroy();
        });
    });
    const operations = options.operations ?? { readiness: [] };
    async function handle(req, res) {
        if (await (0, probes_1.serveOperations)(req, res, operations))
            return;
        const url = new URL(req.url ?? '/', 'http://subgraph');
        if (url.pathname === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
            return sendJson(res, 200, { status: 'ok', subgraph: subgraph.name });
        }
        if (url.pathname !== GRAPHQL_PATH) {
            return sendJson(res, 404, { errors: [{ message: `not found: ${url.pathname} (GraphQL is at ${GRAPHQL_PATH})` }] });
        }
        const text = await readBody(req, maxBodyBytes);
        if (text === null) {
            return sendJson(res, 413, { errors: [{ message: `request body over ${maxBodyBytes} bytes` }] });
        }
        let body = text;
        if (/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '') && text !== '') {
            try {
                body = JSON.parse(text);
            }
            catch (error) {
                return sendJson(res, 400, { errors: [{ message: `request body is not JSON: ${error.message}` }] });
            }
        }
        const headers = new server_1.HeaderMap();
        for (const [name, value] of Object.entries(req.headers)) {
            if (value !== undefined)
                headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const response = await server.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
            context: async () => ({}),
        });
        res.statusCode = response.status ?? 200;
        for (const [name, value] of response.headers)
            res.setHeader(name, value);
        if (response.body.kind === 'complete') {
            res.end(response.body.string);
            return;
        }
        for await (const chunk of response.body.asyncIterator)
            res.write(chunk);
        res.end();
    }
    await new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(options.port, options.host, () => {
            httpServer.off('error', reject);
            resolve();
        });
    });
    const { port } = httpServer.address();
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    let closing;
    return {
        url: `http://${host}:${port}${GRAPHQL_PATH}`,
        port,
        // server.stop() drains and closes the HTTP server through the drain plugin.
        close: () => (closing ??= server.stop()),
    };
}
function sendJson(res, status, body) {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
}
/** The body as text, or null when it is over the limit (the rest is read and discarded). */
function readBody(req, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size <= limit)
                chunks.push(chunk);
        });
        req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
//# sourceMappingURL=serve.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SSE_LIMITS = void 0;
exports.createSseTransport = createSseTransport;
exports.isSseRequest = isSseRequest;
const graphql_sse_1 = require("graphql-sse");
const expiry_1 = require("../access/expiry");
const principal_1 = require("../access/principal");
const limits_1 = require("../config/limits");
const httpError_1 = require("../http/httpError");
const requestBody_1 = require("../http/requestBody");
exports.DEFAULT_SSE_LIMITS = {
    maxBodyBytes: limits_1.DEFAULT_LIMITS.graphqlBodyBytes,
    reservationTtlMs: limits_1.DEFAULT_LIMITS.sseReservationTtlMs,
    streamsPerClient: limits_1.DEFAULT_LIMITS.sseStreamsPerClient,
    operationsPerStream: limits_1.DEFAULT_LIMITS.subscriptionsPerConnection,
};
/**
 * `principalOf` tells who sent a request (admitted by the gateway's doors
 * from its Authorization header); an event stream ends when that token expires.
 */
function createSseTransport(operations, limits = exports.DEFAULT_SSE_LIMITS, principalOf = () => principal_1.OPEN_PRINCIPAL) {
    const reservations = new Map();
    const perClient = new Map();
    /** The reservation each operation's POST counts against, until the operation completes. */
    const operationOf = new WeakMap();
    const handler = (0, graphql_sse_1.createHandler)({
        schema: operations.schema,
        onSubscribe: (req, params) => {
            const prepared = operations.prepare({ query: params.query, variables: params.variables, operationName: params.operationName }, undefined, req.raw ? principalOf(req.raw) : principal_1.OPEN_PRINCIPAL, req.raw?.headers.authorization);
            // graphql-sse's protocol: errors before execution go in the accepted event
            // stream, as a `next` event and `complete`. (graphql-sse takes a plain
            // `{ errors }` for execution arguments and answers 400 "Unable to detect
            // operation AST", losing them; a stream of one result is sent as it is.)
            if (Array.isArray(prepared))
                return errorsOnly(prepared);
            return prepared;
        },
        execute: (args) => operations.execute(args),
        subscribe: (args) => operations.subscribe(args),
        // graphql-sse takes each result as soon as it comes and keeps what its
        // client has not read in memory, without bound. Holding the next result
        // back until the stream is open and has flushed the last one leaves unread
        // changes in the subscription's queue, which is bounded and coalesces
        // (docs/live.md, Slow subscribers), as graphql-ws's awaited sends do.
        onNext: async (_ctx, req) => {
            const token = streamToken(req.raw);
            if (token === undefined) {
                if (req.context.res)
                    await flushed(req.context.res);
                return;
            }
            const reservation = reservations.get(token);
            if (!reservation)
                return;
            await reservation.opened;
            if (reservation.res)
                await flushed(reservation.res);
        },
        onComplete: (_ctx, req) => {
            const reservation = operationOf.get(req.raw);
            if (reservation) {
                operationOf.delete(req.raw);
                reservation.operations--;
            }
        },
    });
    function release(token, reservation) {
        if (reservations.get(token) !== reservation)
            return;
        reservations.delete(token);
        clearTimeout(reservation.expiry);
        reservation.markOpened();
        const held = (perClient.get(reservation.client) ?? 1) - 1;
        if (held > 0)
            perClient.set(reservation.client, held);
        else
            perClient.delete(reservation.client);
    }
    /**
     * Drops a reservation nobody opened: graphql-sse ends a stream (and its
     * operations) only when its event stream ends, so it is opened here, through
     * the handler, and ended at once.
     */
    async function expire(token, reservation) {
        if (reservation.res)
            return;
        release(token, reservation);
        const [body] = await handler({
            method: 'GET', url: `/?token=${encodeURIComponent(token)}`,
            headers: { get: (key) => (key === 'accept' ? 'text/event-stream' : undefined) },
            body: null, raw: undefined, context: { res: undefined },
        });
        if (body !== null && typeof body !== 'string')
            await body.return(undefined);
    }
    function reserve(token, client) {
        let markOpened;
        const opened = new Promise((resolve) => { markOpened = resolve; });
        const reservation = {
            client, res: undefined, opened, markOpened, operations: 0,
            expiry: setTimeout(() => void expire(token, reservation).catch(() => undefined), limits.reservationTtlMs),
        };
        reservation.expiry.unref();
        reservations.set(token, reservation);
        perClient.set(client, (perClient.get(client) ?? 0) + 1);
    }
    async function handle(req, res) {
        if ((req.headers.accept ?? '').includes('text/event-stream')) {
            const cancel = (0, expiry_1.whenExpired)(principalOf(req), () => res.end());
            res.once('close', cancel);
        }
        const token = streamToken(req);
        const client = req.socket.remoteAddress ?? 'unknown';
        const eventStream = (req.headers.accept ?? '') === 'text/event-stream';
        const reservation = token === undefined ? undefined : reservations.get(token);
        if (req.method === 'PUT' && (perClient.get(client) ?? 0) >= limits.streamsPerClient) {
            throw new httpError_1.HttpError(429, 'TOO_MANY_STREAMS', `expected at most ${limits.streamsPerClient} graphql-sse streams (reserved or open) per client; close one first`, { 'retry-after': String(Math.ceil(limits.reservationTtlMs / 1000)) });
        }
        let counted;
        if (reservation && !eventStream && req.method === 'POST') {
            if (reservation.operations >= limits.operationsPerStream) {
                throw new httpError_1.HttpError(429, 'TOO_MANY_OPERATIONS', `expected at most ${limits.operationsPerStream} operations open at once on one stream; complete one first`);
            }
            reservation.operations++;
            operationOf.set(req, reservation);
            counted = reservation;
        }
        if (reservation && eventStream && !reservation.res) {
            reservation.res = res;
            clearTimeout(reservation.expiry);
            reservation.markOpened();
            res.once('close', () => release(token, reservation));
        }
        const body = req.method === 'POST' ? await (0, requestBody_1.readBoundedBody)(req, limits.maxBodyBytes) : null;
        let response;
        try {
            response = await handler({
                method: req.method ?? 'GET', url: req.url ?? '/',
                headers: {
                    get(key) {
                        const header = req.headers[key];
                        return Array.isArray(header) ? header.join('\n') : header;
                    },
                },
                body, raw: req, context: { res },
            });
        }
        catch (error) {
            if (counted && operationOf.delete(req))
                counted.operations--;
            throw error;
        }
        const [responseBody, init] = response;
        // Refused, or ended before it ran: no operation to count.
        if (counted && init.status !== 202 && operationOf.delete(req))
            counted.operations--;
        if (req.method === 'PUT' && init.status === 201 && typeof responseBody === 'string')
            reserve(responseBody, client);
        res.writeHead(init.status, init.statusText, init.headers);
        if (!responseBody || typeof responseBody === 'string') {
            await new Promise((resolve) => res.end(responseBody, () => resolve()));
            return;
        }
        const stop = () => void responseBody.return(undefined);
        res.once('close', stop);
        for await (const value of responseBody) {
            if (!res.writable)
                break;
            const written = await new Promise((resolve) => res.write(value, (error) => resolve(!error)));
            if (!written)
                break;
        }
        res.off('close', stop);
        await new Promise((resolve) => res.end(() => resolve()));
    }
    return {
        handle: (req, res) => handle(req, res).catch((error) => {
            if (!(error instanceof httpError_1.HttpError))
                throw error;
            (0, httpError_1.sendError)(req, res, error);
        }),
        reservations: () => reservations.size,
        close() {
            for (const [token, reservation] of reservations) {
                if (reservation.res)
                    reservation.res.destroy();
                else
                    void expire(token, reservation).catch(() => undefined);
            }
        },
    };
}
/** The reservation token a request names (single connection mode), as graphql-sse reads it. */
function streamToken(req) {
    if (!req)
        return undefined;
    const header = req.headers['x-graphql-event-stream-token'];
    if (typeof header === 'string' && header !== '')
        return header;
    return new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}
/** Resolves once the response has handed everything written to it to the kernel, or is closed. */
async function flushed(res) {
    while (res.writableLength > 0 && !res.destroyed && !res.writableEnded) {
        // No event says "all written": 'drain' comes only after a write that overflowed the buffer.
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
async function* errorsOnly(errors) {
    yield { errors };
}
/** Whether a request to the GraphQL path is meant for graphql-sse (event streams and their reservations). */
function isSseRequest(req) {
    const accept = req.headers.accept ?? '';
    return accept.includes('text/event-stream') || req.method === 'PUT' || req.method === 'DELETE'
        || req.headers['x-graphql-event-stream-token'] !== undefined;
}
//# sourceMappingURL=sseTransport.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpDataSource = exports.DEFAULT_SUBGRAPH_TIMEOUT_MS = exports.InProcessDataSource = exports.SUBGRAPH_UNAVAILABLE = void 0;
exports.createGatewayContext = createGatewayContext;
/**
 * How the gateway reaches a subgraph: in process (one-process mode) or over
 * HTTP (one process per subgraph). Both answer a failed subgraph the same way:
 * a GraphQL error with `extensions.code` that the gateway tags with
 * `extensions.serviceName`, instead of a thrown error (which @apollo/gateway
 * would report without naming the subgraph).
 */
const gateway_1 = require("@apollo/gateway");
const graphql_1 = require("graphql");
const principal_1 = require("../access/principal");
const clientSafeError_1 = require("../subgraphs/clientSafeError");
const deadline_1 = require("./deadline");
/** Operation texts an in-process subgraph remembers as valid. */
const MAX_VALIDATED_TEXTS = 10_000;
/** `extensions.code` of the error given for a subgraph that cannot be reached or failed outright. */
exports.SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
/**
 * A fresh gateway context: made once per incoming request, for the principal the doors admitted;
 * `executionTimeoutMs` starts its deadline (default none).
 */
function createGatewayContext(principal = principal_1.OPEN_PRINCIPAL, credential, executionTimeoutMs = Infinity) {
    return { principal, credential, subgraphContexts: new Map(), responseCacheability: {}, operation: {}, deadline: new deadline_1.Deadline(executionTimeoutMs) };
}
/** The request's deadline, when the context has one (a context made elsewhere, e.g. in a test, may not). */
function deadlineOf(context) {
    return context?.deadline;
}
/** Runs a subgraph fetch within the request's deadline: not at all once it has passed, and no longer than it. */
async function withinDeadline(context, fetch) {
    const deadline = deadlineOf(context);
    if (!deadline)
        return fetch();
    if (deadline.exceeded)
        return { errors: [deadline.exceeded.toGraphQLError()] };
    try {
        return await deadline.race(fetch());
    }
    catch (error) {
        if (error instanceof deadline_1.DeadlineExceeded)
            return { errors: [error.toGraphQLError()] };
        throw error;
    }
}
/**
 * Calls a subgraph's schema in this process. Each gateway request gets, per
 * subgraph, one fresh context object shared by all of that request's fetches
 * to the subgraph: the subgraphs key their per-request DataLoaders by the
 * context object, so loaders live exactly one request, as they do when the
 * subgraph runs in its own process. The query planner's fetch documents are
 * reused as they are (no parse) and validated once per operation text: every
 * plan has document objects of its own, and plans of different operations
 * (a live payload's batch sizes, say) send the same entity fetch; validating
 * it again per plan took 20–80 ms of the main thread at a time.
 */
class InProcessDataSource {
    constructor(name, schema) {
        this.name = name;
        this.schema = schema;
        /** Operation texts that passed validation (bounded: forgotten all at once when full). */
        this.validatedTexts = new Set();
        /** Documents without a text that passed validation. */
        this.validatedDocuments = new WeakSet();
        this.parsed = new Map();
        /** Validations run (for tests). */
        this.validations = 0;
    }
    process(options) {
        return withinDeadline(options.context, () => this.execute(options));
    }
    async execute(options) {
        try {
            const { request } = options;
            const document = ('document' in options && options.document) || this.parse(request.query ?? '');
            const text = request.query;
            if (text !== undefined ? !this.validatedTexts.has(text) : !this.validatedDocuments.has(document)) {
                this.validations++;
                const errors = (0, graphql_1.validate)(this.schema, document);
                if (errors.length > 0)
                    return { errors: errors.map((e) => e.toJSON()) };
                if (text === undefined)
                    this.validatedDocuments.add(document);
                else {
                    if (this.validatedTexts.size >= MAX_VALIDATED_TEXTS)
                        this.validatedTexts.clear();
                    this.validatedTexts.add(text);
                }
            }
            const result = await (0, graphql_1.execute)({
                schema: this.schema,
                document,
                variableValues: request.variables,
                operationName: request.operationName,
                contextValue: this.subgraphContext(options.context),
            });
            return {
                ...(result.data !== undefined ? { data: result.data } : {}),
                // Postgres's own text or a bug's message never reaches a client (subgraphs/clientSafeError.ts).
                ...(result.errors ? { errors: result.errors.map((e) => (0, clientSafeError_1.clientSafeError)(e)) } : {}),
            };
        }
        catch (error) {
            return unavailable(this.name, error);
        }
    }
    parse(query) {
        let document = this.parsed.get(query);
        if (!document) {
            document = (0, graphql_1.parse)(query);
            if (this.parsed.size >= 1000)
                this.parsed.clear();
            this.parsed.set(query, document);
        }
        return document;
    }
    subgraphContext(context) {
        const contexts = context?.subgraphContexts;
        if (!contexts)
            return {};
        let own = contexts.get(this.name);
        if (!own) {
            own = {};
            contexts.set(this.name, own);
        }
        return own;
    }
}
exports.InProcessDataSource = InProcessDataSource;
/** How long the gateway waits for a subgraph's answer before giving up on it. */
exports.DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;
/**
 * Calls a subgraph over HTTP. A refused connection, a timeout or a non-GraphQL
 * answer becomes one error `SUBGRAPH_UNAVAILABLE` naming the subgraph, and the
 * rest of the query plan goes on.
 */
class HttpDataSource extends gateway_1.RemoteGraphQLDataSource {
    constructor(name, url, timeoutMs = exports.DEFAULT_SUBGRAPH_TIMEOUT_MS) {
        super({ url });
        this.name = name;
        // Apollo's fetcher (make-fetch-happen) waits forever by default: a hung
        // subgraph would hang every request that needs it.
        const fetcher = this.fetcher;
        this.fetcher = (input, init) => fetcher(input, { ...init, timeout: timeoutMs });
    }
    process(options) {
        return withinDeadline(options.context, async () => {
            try {
                return await super.process(options);
            }
            catch (error) {
                // A kept-alive connection the subgraph closed as idle just as it was reused: the fetch never reached the
                // subgraph, and a read may be sent again.
                if (!closedUnderUs(error))
                    return unavailable(this.name, error, this.url);
                try {
                    return await super.process(options);
                }
                catch (again) {
                    return unavailable(this.name, again, this.url);
                }
            }
        });
    }
}
exports.HttpDataSource = HttpDataSource;
function closedUnderUs(error) {
    const code = error?.code;
    return code === 'ECONNRESET' || (error instanceof Error && /socket hang up/.test(error.message));
}
function unavailable(name, error, url) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
        errors: [{
                message: `subgraph "${name}" is unavailable${url ? ` at ${url}` : ''}: ${reason}`,
                extensions: { code: exports.SUBGRAPH_UNAVAILABLE },
            }],
    };
}
//# sourceMappingURL=dataSources.js.map
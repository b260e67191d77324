"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_FIRST = exports.DEFAULT_FIRST = void 0;
exports.pageRequest = pageRequest;
exports.pageKey = pageKey;
exports.toConnection = toConnection;
const errors_1 = require("./errors");
/** docs/api.md#graphql: `first` defaults to 50 and is capped at 500. */
exports.DEFAULT_FIRST = 50;
exports.MAX_FIRST = 500;
/** Checks `first` and decodes `after`; client mistakes are BAD_USER_INPUT errors. */
function pageRequest(first, after, cursor) {
    const n = first ?? exports.DEFAULT_FIRST;
    if (!Number.isInteger(n) || n < 0 || n > exports.MAX_FIRST) {
        throw (0, errors_1.badUserInput)(`first: expected an integer from 0 to ${exports.MAX_FIRST} (default ${exports.DEFAULT_FIRST}), got ${(0, errors_1.shown)(first)}`, {
            argumentName: 'first',
        });
    }
    return { first: n, after: after === null || after === undefined ? null : cursor.decode(after) };
}
/** A stable string of a page request, to batch the loads of equal requests together. */
function pageKey(request) {
    return JSON.stringify([request.first, request.after]);
}
/**
 * A connection object from the rows of one keyset query that asked for
 * `first + 1` rows (the extra row only tells that a next page exists).
 */
function toConnection(Type, rows, request, map, countTotal) {
    const page = rows.slice(0, request.first);
    const edges = page.map((row) => ({ cursor: map.cursor.encode(map.keys(row)), node: map.node(row) }));
    const connection = Object.create(Type.prototype);
    connection.edges = edges;
    connection.nodes = edges.map((edge) => edge.node);
    connection.pageInfo = {
        hasNextPage: rows.length > request.first,
        hasPreviousPage: request.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
    };
    connection.countTotal = countTotal;
    return connection;
}
//# sourceMappingURL=pagination.js.map
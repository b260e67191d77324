"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoaderFamily = void 0;
exports.perRequest = perRequest;
exports.loaderById = loaderById;
exports.loaderOfGroups = loaderOfGroups;
exports.loaderOfCounts = loaderOfCounts;
exports.loaderOfPages = loaderOfPages;
const dataloader_1 = __importDefault(require("dataloader"));
/**
 * Per-request loaders without relying on a context function of our own: in
 * one-process mode the gateway runs a subgraph's schema with
 * LocalGraphQLDataSource, which hands the *gateway's* context object to our
 * resolvers. So the loaders of a request live in a WeakMap keyed by whatever
 * context object the request carries, created on first use; a subgraph
 * instance has its own map, so in-process subgraphs never share loaders (or
 * caches) even though they share the context object.
 */
function perRequest(create) {
    const scopes = new WeakMap();
    return (context) => {
        if (typeof context !== 'object' || context === null) {
            throw new Error('servicegraph subgraph resolvers need a context object per request (pass contextValue: {} to graphql())');
        }
        let loaders = scopes.get(context);
        if (!loaders)
            scopes.set(context, (loaders = create()));
        return loaders;
    };
}
/** One `WHERE id = ANY($1)` (`= $1` for one id, see keyCondition) per batch; a missing id loads as null. */
function loaderById(load, idOf) {
    return new dataloader_1.default(async (ids) => {
        const found = new Map();
        for (const value of await load(ids))
            found.set(idOf(value), value);
        return ids.map((id) => found.get(id) ?? null);
    });
}
/** One grouped query per batch; a key without rows loads as []. Rows keep the query's order. */
function loaderOfGroups(load, keyOf) {
    return new dataloader_1.default(async (keys) => {
        const groups = new Map();
        for (const value of await load(keys)) {
            const key = keyOf(value);
            const group = groups.get(key);
            if (group)
                group.push(value);
            else
                groups.set(key, [value]);
        }
        return keys.map((key) => groups.get(key) ?? []);
    });
}
/**
 * Loaders that also depend on arguments (a page request): one loader per
 * distinct argument key, so equal requests of many parents share one batch.
 */
class LoaderFamily {
    constructor(create, keyOf) {
        this.create = create;
        this.keyOf = keyOf;
        this.loaders = new Map();
    }
    get(args) {
        const key = this.keyOf(args);
        let loader = this.loaders.get(key);
        if (!loader)
            this.loaders.set(key, (loader = this.create(args)));
        return loader;
    }
}
exports.LoaderFamily = LoaderFamily;
/** A count per key from one grouped query per batch; a key without rows counts 0. */
function loaderOfCounts(load) {
    return new dataloader_1.default(async (keys) => {
        const counts = new Map((await load(keys)).map((row) => [row.id, row.n]));
        return keys.map((key) => counts.get(key) ?? 0);
    });
}
/**
 * Pages of many parents from one windowed statement per batch (as
 * {@link loaderOfGroups}). The page query already ranks every row of each
 * parent, so it counts them too: on a first page (no cursor) that count is
 * the connection's `totalCount`, and it is primed into `counts` — a page
 * with its `totalCount` costs one statement instead of two.
 */
function loaderOfPages(load, keyOf, firstPage, counts) {
    return loaderOfGroups(async (keys) => {
        const rows = await load(keys);
        if (firstPage) {
            const totals = new Map(rows.map((row) => [keyOf(row.value), row.total]));
            for (const key of keys)
                counts.prime(key, totals.get(key) ?? 0);
        }
        return rows.map((row) => row.value);
    }, keyOf);
}
//# sourceMappingURL=loaders.js.map
"use strict";
/** Small helpers for Postgres connection URLs (postgres://user:pass@host:port/database). */
Object.defineProperty(exports, "__esModule", { value: true });
exports.databaseNameOf = databaseNameOf;
exports.withDatabase = withDatabase;
exports.redact = redact;
exports.quoteIdent = quoteIdent;
/** The database named in the URL's path. */
function databaseNameOf(url) {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    if (name === '')
        throw new Error(`expected a Postgres URL with a database name, but got one without: ${redact(url)}`);
    return name;
}
/** The same server and credentials, another database. */
function withDatabase(url, database) {
    const u = new URL(url);
    u.pathname = '/' + encodeURIComponent(database);
    return u.toString();
}
/** The URL with its password replaced by `***`, for messages and logs. */
function redact(url) {
    try {
        const u = new URL(url);
        if (u.password !== '')
            u.password = '***';
        return u.toString();
    }
    catch {
        return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
    }
}
/** Double-quotes an SQL identifier. */
function quoteIdent(name) {
    return '"' + name.replace(/"/g, '""') + '"';
}
//# sourceMappingURL=url.js.map
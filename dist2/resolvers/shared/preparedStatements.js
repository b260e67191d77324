"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withPreparedStatements = withPreparedStatements;
/**
 * Named (prepared) statements for the resolvers' reads. pg prepares a named
 * statement once per connection and then sends only Bind/Execute for it, so
 * Postgres skips parsing and planning the same text again at every request
 * (a project page is several statements; on this 2-core machine Postgres and
 * the gateway share the CPU). The resolvers' SQL texts are a fixed set (every
 * value is a parameter), so the names are too. The statements of one turn of
 * the event loop are sent together (resolvers/shared/statementBatches.ts).
 */
const node_crypto_1 = require("node:crypto");
const statementBatches_1 = require("./statementBatches");
/** At most this many distinct texts get a name; any beyond run unnamed (a bound on server memory per connection). */
const MAX_NAMED_STATEMENTS = 500;
/**
 * `pool` whose `query(text, values)` runs as a named statement, in the
 * pool's statement batches. The name is a hash of the text, so subgraphs
 * sharing one pool (one-process mode) never give one name to two texts.
 */
function withPreparedStatements(pool) {
    const names = new Map();
    const nameOf = (text) => {
        let name = names.get(text);
        if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
            name = `sg_${(0, node_crypto_1.createHash)('sha1').update(text).digest('hex').slice(0, 24)}`;
            names.set(text, name);
        }
        return name;
    };
    const batches = (0, statementBatches_1.statementBatchesOf)(pool);
    const query = (text, values) => batches.query({ name: nameOf(text), text, values });
    return { query };
}
//# sourceMappingURL=preparedStatements.js.map
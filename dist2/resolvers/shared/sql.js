"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Params = void 0;
exports.keyCondition = keyCondition;
exports.afterCondition = afterCondition;
exports.orderBy = orderBy;
/** Positional parameters of one statement: `params.add(value)` answers `$n`. */
class Params {
    constructor() {
        this.values = [];
    }
    add(value) {
        this.values.push(value);
        return `$${this.values.length}`;
    }
}
exports.Params = Params;
/**
 * `column = $n` for one key, `column = ANY($n)` for several: the condition of a
 * loader's batch, two named statements on purpose. Postgres costs a prepared
 * statement's generic plan (kept, not planned again) for an array parameter as
 * if it held 10 keys, so on a table of thousands of rows that plan looks ten
 * times dearer than the custom plan of the one key sent, and plan_cache_mode
 * auto plans the statement again at every execution: the project page's five
 * statements cost 0.41 ms of Postgres CPU per page with a million events of
 * history against 0.14 ms with ten thousand, where both plans are sequential
 * scans of equal cost and the generic one is kept. (Forcing generic plans is
 * worse: for 10 keys the invoice page hash-joins a scan of every account.)
 * Costed for one key, `= $n`'s generic plan is the custom plan's index lookup
 * and is kept from the sixth execution on (0.15 ms per page on both). A batch
 * of many keys (a list page) keeps `= ANY` and is planned per execution.
 */
function keyCondition(column, keys, params) {
    return keys.length === 1 ? `${column} = ${params.add(keys[0])}` : `${column} = ANY(${params.add(keys)})`;
}
/**
 * The keyset condition `(a, b) > ($1::t, $2)` for rows after a cursor, or
 * `true` for the first page.
 */
function afterCondition(columns, request, params) {
    if (request.after === null)
        return 'true';
    const keys = request.after;
    const placeholders = columns.map((column, i) => `${params.add(keys[i])}${column.cast ? `::${column.cast}` : ''}`);
    return `(${columns.map((c) => c.sql).join(', ')}) > (${placeholders.join(', ')})`;
}
/** `ORDER BY` of a keyset. */
function orderBy(columns) {
    return columns.map((c) => c.sql).join(', ');
}
//# sourceMappingURL=sql.js.map
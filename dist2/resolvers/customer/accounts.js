"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.customerCursor = exports.CUSTOMER_ORDER = void 0;
exports.toCustomer = toCustomer;
exports.customersById = customersById;
exports.survivorsPage = survivorsPage;
exports.countSurvivors = countSurvivors;
const sql_1 = require("../shared/sql");
const cursor_1 = require("../shared/cursor");
const COLUMNS = 'id, name, legal_entity_id, billing_currency, country, status, merged_into, root_id';
/** Customers are listed by id. */
exports.CUSTOMER_ORDER = [{ sql: 'id' }];
exports.customerCursor = (0, cursor_1.cursorCodec)('customer:id', [cursor_1.anyId]);
function toCustomer(row) {
    const merged = row.merged_into !== null;
    return {
        id: row.id,
        name: row.name,
        legalEntityId: row.legal_entity_id,
        billingCurrency: row.billing_currency,
        country: row.country,
        status: merged ? 'merged' : row.status,
        // root_id is the end of the merge chain (the listener moves it on every merge).
        mergedIntoId: merged ? row.root_id : null,
    };
}
async function customersById(db, ids) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT ${COLUMNS} FROM customer.account WHERE ${(0, sql_1.keyCondition)('id', ids, params)}`, params.values);
    return rows.map(toCustomer);
}
/** A page of survivors (accounts not merged), `first + 1` rows. */
async function survivorsPage(db, request) {
    const params = new sql_1.Params();
    const after = (0, sql_1.afterCondition)(exports.CUSTOMER_ORDER, request, params);
    const { rows } = await db.query(`SELECT ${COLUMNS} FROM customer.account WHERE merged_into IS NULL AND ${after}
     ORDER BY ${(0, sql_1.orderBy)(exports.CUSTOMER_ORDER)} LIMIT ${params.add(request.first + 1)}`, params.values);
    return rows.map(toCustomer);
}
async function countSurvivors(db) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM customer.account WHERE merged_into IS NULL`);
    return rows[0].n;
}
//# sourceMappingURL=accounts.js.map
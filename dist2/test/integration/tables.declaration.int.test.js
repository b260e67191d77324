"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Each table is declared once, by its entity: the listeners' column maps and
 * row types and the resolvers' row types are derived from it
 * (entities/columns.ts). This checks the declarations against the tables
 * the migrations make, column by column, and that a drift on either side is
 * reported.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const typeorm_1 = require("typeorm");
const entities_1 = require("../../entities");
const columns_1 = require("../../entities/columns");
const tableDeclarations_1 = require("../support/tableDeclarations");
const testDatabase_1 = require("../support/testDatabase");
/** payment as an entity would declare it with a column renamed, a type changed and a property not named like its column. */
let DriftedPayment = class DriftedPayment {
};
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id' }),
    __metadata("design:type", String)
], DriftedPayment.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'account' }),
    __metadata("design:type", String)
], DriftedPayment.prototype, "account", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'amount' }),
    __metadata("design:type", Number)
], DriftedPayment.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], DriftedPayment.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'received_date' }),
    __metadata("design:type", String)
], DriftedPayment.prototype, "receivedOn", void 0);
DriftedPayment = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'payment' })
], DriftedPayment);
(0, node_test_1.describe)('one declaration per table', () => {
    let db;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
    });
    (0, node_test_1.after)(async () => {
        await db?.drop();
    });
    (0, node_test_1.it)('every entity declares its migrated table exactly: columns, types, nullability, generated columns, primary key', async () => {
        const problems = (await Promise.all(entities_1.ENTITIES.map((entity) => (0, tableDeclarations_1.entityDrift)(db.pool, entity)))).flat();
        strict_1.default.deepEqual(problems, []);
    });
    (0, node_test_1.it)("the listeners' column maps are the written columns of the migrated tables", async () => {
        strict_1.default.ok(tableDeclarations_1.LISTENER_TABLES.length >= 13);
        const problems = (await Promise.all(tableDeclarations_1.LISTENER_TABLES.map((table) => (0, tableDeclarations_1.columnMapDrift)(db.pool, table)))).flat();
        strict_1.default.deepEqual(problems, []);
    });
    (0, node_test_1.it)('reports an entity that drifted from its table', async () => {
        strict_1.default.equal((0, columns_1.tableOf)(DriftedPayment).sqlName, 'billing.payment');
        strict_1.default.deepEqual((await (0, tableDeclarations_1.entityDrift)(db.pool, DriftedPayment)).sort(), [
            'billing.payment.account (DriftedPayment.account): declared, not in the database',
            'billing.payment.account_id: in the database, not declared by DriftedPayment',
            'billing.payment.amount (DriftedPayment.amount): declared integer, the database has numeric',
            'billing.payment.received_date (DriftedPayment.receivedOn): the column is not named after its property in snake_case',
        ]);
    });
    (0, node_test_1.it)('reports a table that drifted from its entity and column map', async () => {
        strict_1.default.deepEqual(await (0, tableDeclarations_1.entityDrift)(db.pool, entities_1.PaymentAllocation), []);
        const client = await db.pool.connect();
        try {
            await client.query('BEGIN');
            await client.query(`ALTER TABLE billing.payment_allocation ADD COLUMN note text`);
            await client.query(`ALTER TABLE billing.payment_allocation ALTER COLUMN amount TYPE integer`);
            strict_1.default.deepEqual((await (0, tableDeclarations_1.entityDrift)(client, entities_1.PaymentAllocation)).sort(), [
                'billing.payment_allocation.amount (PaymentAllocation.amount): declared numeric, the database has integer',
                'billing.payment_allocation.note: in the database, not declared by PaymentAllocation',
            ]);
            strict_1.default.deepEqual((await (0, tableDeclarations_1.columnMapDrift)(client, 'payment_allocation')).sort(), [
                'billing.payment_allocation.amount: the listeners cast numeric, the database has integer',
                'billing.payment_allocation.note: written by nobody (not in the listeners\' map)',
            ]);
            strict_1.default.deepEqual(await (0, tableDeclarations_1.entityDrift)(client, entities_1.Payment), []);
        }
        finally {
            await client.query('ROLLBACK').catch(() => undefined);
            client.release();
        }
    });
});
//# sourceMappingURL=tables.declaration.int.test.js.map
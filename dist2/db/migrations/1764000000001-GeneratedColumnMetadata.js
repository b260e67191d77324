"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GeneratedColumnMetadata1764000000001 = void 0;
/**
 * Records the expressions of the generated columns where TypeORM looks for
 * them. TypeORM does not read a generated column's expression from the
 * catalogue (pg's deparsed text differs from what was written); it reads it
 * from its own table `typeorm_metadata` (type 'GENERATED_COLUMN', keyed by
 * database, schema, table and column), which TypeORM-generated migrations
 * fill and our hand-written InitialSchema did not. Without these rows the
 * schema diff (`createSchemaBuilder().log()`, `migration:generate`) fails on
 * the missing table, and with an empty table it proposes to drop and re-add
 * all six generated columns. The texts below must equal the entities'
 * `asExpression` (test/integration/schema.int.test.ts checks both that and
 * that each one means what the column in Postgres computes).
 *
 * The table's shape is TypeORM's own (RdbmsSchemaBuilder.createTypeormMetadataTable);
 * `database` is the current database's name, as TypeORM writes it.
 */
const GENERATED_COLUMNS = [
    ['project', 'project', 'margin', `recognized_revenue - labor_cost - expense_cost`],
    ['project', 'project', 'margin_percent', `CASE WHEN recognized_revenue = 0 THEN NULL ELSE round((recognized_revenue - labor_cost - expense_cost) * 100 / recognized_revenue, 2) END`],
    ['project', 'project', 'revenue_backlog', `CASE billing_model WHEN 'time_and_materials' THEN greatest(0, billable_work_amount - recognized_revenue) WHEN 'milestone' THEN greatest(0, approved_milestone_amount - recognized_revenue) ELSE NULL END`],
    ['billing', 'invoice', 'gross_total', `coalesce(posted_gross_total, net_total + coalesce(tax_total, 0))`],
    ['billing', 'invoice', 'amount_due', `CASE WHEN status = 'posted' THEN coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) - amount_paid WHEN status = 'voided' AND posted_gross_total IS NOT NULL THEN 0 END`],
    ['billing', 'invoice', 'payment_state', `CASE WHEN amount_paid <= 0 THEN 'not_paid' WHEN amount_paid >= coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) THEN 'paid' ELSE 'partial' END`],
];
class GeneratedColumnMetadata1764000000001 {
    constructor() {
        this.name = 'GeneratedColumnMetadata1764000000001';
    }
    async up(q) {
        await q.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" (
      "type" character varying NOT NULL,
      "database" character varying,
      "schema" character varying,
      "table" character varying,
      "name" character varying,
      "value" text
    )`);
        for (const [schema, table, column, expression] of GENERATED_COLUMNS) {
            await q.query(`INSERT INTO "typeorm_metadata" ("type", "database", "schema", "table", "name", "value")
         VALUES ('GENERATED_COLUMN', current_database(), $1, $2, $3, $4)`, [schema, table, column, expression]);
        }
    }
    async down(q) {
        for (const [schema, table, column] of GENERATED_COLUMNS) {
            await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = $1 AND "table" = $2 AND "name" = $3`, [schema, table, column]);
        }
    }
}
exports.GeneratedColumnMetadata1764000000001 = GeneratedColumnMetadata1764000000001;
//# sourceMappingURL=1764000000001-GeneratedColumnMetadata.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tableOf = tableOf;
exports.snakeCase = snakeCase;
/**
 * The entities are the one declaration of each table's columns. What other
 * code needs of a table is derived from them here:
 *
 * - at run time, {@link tableOf}: its SQL name and columns, read from the
 *   entity's decorators (TypeORM's metadata arguments, filled when the entity
 *   class is loaded; no connection needed);
 * - at compile time, {@link WrittenRow} (the columns a writer sets, by
 *   property: what the listeners keep) and {@link ColumnRow} (every column, by
 *   database name: what a `SELECT` of the table returns to pg).
 *
 * Conventions the derivations rely on: a column's database name is its
 * property name in snake_case (checked by
 * test/integration/tables.declaration.int.test.ts); a generated column
 * (Postgres computes it) is declared `readonly`, and only those are (were one
 * not, every writer would have to set it: the compiler says so).
 */
const typeorm_1 = require("typeorm");
/** Entity column types → the type a parameter is cast to (`char(n)` travels as text). */
const PG_TYPES = {
    text: 'text', char: 'text', varchar: 'text', numeric: 'numeric', boolean: 'boolean', date: 'date',
    timestamptz: 'timestamptz', jsonb: 'jsonb', bigint: 'bigint', integer: 'integer',
};
/** The table an entity class declares, and its columns. Throws for a class that is not an entity. */
function tableOf(entity) {
    const storage = (0, typeorm_1.getMetadataArgsStorage)();
    const table = storage.tables.find((t) => t.target === entity);
    if (!table?.name || !table.schema)
        throw new Error(`${entity.name} is not an entity with a schema and a table name`);
    const columns = storage.columns.filter((c) => c.target === entity).map((c) => {
        const declared = String(c.options.type);
        const base = PG_TYPES[declared];
        if (!base)
            throw new Error(`${entity.name}.${c.propertyName}: column type ${declared} has no parameter type here (entities/columns.ts)`);
        if (c.options.array && base !== 'text')
            throw new Error(`${entity.name}.${c.propertyName}: only text arrays are known here`);
        return {
            property: c.propertyName,
            column: c.options.name ?? c.propertyName,
            type: c.options.array ? 'text[]' : base,
            nullable: c.options.nullable === true,
            primary: c.options.primary === true,
            generated: c.options.generatedType !== undefined,
        };
    });
    return { sqlName: `${table.schema}.${table.name}`, schema: table.schema, name: table.name, columns };
}
function snakeCase(name) {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
//# sourceMappingURL=columns.js.map
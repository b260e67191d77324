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
import { getMetadataArgsStorage } from 'typeorm';

/** The Postgres types the read model's columns use, as a cast of a parameter spells them. */
export type PgType = 'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'text[]' | 'bigint' | 'integer';

export interface ColumnDeclaration {
  /** The entity's property. */
  readonly property: string;
  /** The column's name in the database. */
  readonly column: string;
  readonly type: PgType;
  readonly nullable: boolean;
  /** Part of the primary key (in declaration order). */
  readonly primary: boolean;
  /** Computed by Postgres (GENERATED ALWAYS … STORED): never written. */
  readonly generated: boolean;
}

export interface TableDeclaration {
  /** Schema-qualified SQL name. */
  readonly sqlName: string;
  readonly schema: string;
  readonly name: string;
  /** In the entity's declaration order. */
  readonly columns: readonly ColumnDeclaration[];
}

/** Entity column types → the type a parameter is cast to (`char(n)` travels as text). */
const PG_TYPES: Readonly<Record<string, PgType>> = {
  text: 'text', char: 'text', varchar: 'text', numeric: 'numeric', boolean: 'boolean', date: 'date',
  timestamptz: 'timestamptz', jsonb: 'jsonb', bigint: 'bigint', int8: 'bigint', integer: 'integer', int: 'integer', int4: 'integer',
};

/** The table an entity class declares, and its columns. Throws for a class that is not an entity. */
export function tableOf(entity: Function): TableDeclaration {
  const storage = getMetadataArgsStorage();
  const table = storage.tables.find((t) => t.target === entity);
  if (!table?.name || !table.schema) throw new Error(`${entity.name} is not an entity with a schema and a table name`);
  const columns = storage.columns.filter((c) => c.target === entity).map((c): ColumnDeclaration => {
    const declared = String(c.options.type);
    const base = PG_TYPES[declared];
    if (!base) throw new Error(`${entity.name}.${c.propertyName}: column type ${declared} has no parameter type here (entities/columns.ts)`);
    if (c.options.array && base !== 'text') throw new Error(`${entity.name}.${c.propertyName}: only text arrays are known here`);
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

/** `camelCase` → `snake_case`, as the database names the entities' columns. */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

type IfEquals<X, Y, Then, Else> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? Then : Else;
/** The properties of `E` not declared `readonly`: the columns a writer sets. */
type WritableKeys<E> = { [K in keyof E]-?: IfEquals<{ [Q in K]: E[K] }, { -readonly [Q in K]: E[K] }, K, never> }[keyof E];

/** Timestamps as the listeners hold them: RFC 3339 text. */
type Held<V> = V extends Date ? string : V;

/** The columns a writer sets (every column but the generated ones), by property, timestamps as RFC 3339 text. */
export type WrittenRow<E> = { -readonly [K in WritableKeys<E> & string]: Held<E[K]> };

/** Every column, by database name, as pg returns a `SELECT` of it (timestamps as Date, numeric and date as text). */
export type ColumnRow<E> = { -readonly [K in keyof E & string as SnakeCase<K>]: E[K] };

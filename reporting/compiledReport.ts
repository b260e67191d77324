/**
 * A saved report over a reporting view, compiled to one SQL statement
 * (docs/reporting.md, "How a report is run"). GraphQL's executor resolves
 * every field of every row on its own (about 130 µs a row for `projects`,
 * most of a 100,000-row report's time); the view already holds each row's
 * figures, so one statement can write the same answer as fast as Postgres
 * reads it.
 *
 * The statement writes the answer's text itself, so that it is the executor's
 * byte for byte: each leaf as the API serializes it (an enum in upper case,
 * money and percentages with 2 fraction digits, other decimals without
 * trailing zeros, an instant in UTC with milliseconds), a nested object null
 * when none of its own leaves has a value, and the rows the principal's legal
 * entities see by the predicate of resolvers/shared/rowScope.ts — on the
 * row's own table (by its id), and on each customer or project it refers to,
 * which GraphQL answers as null outside the scope.
 *
 * Only what the statement can answer exactly is compiled; anything else (a
 * Float, a list) fails when the gateway starts, naming it.
 */
import { escapeLiteral } from 'pg';
import {
  getNamedType, GraphQLEnumType, isObjectType, Kind, parse, parseType, typeFromAST,
  type FieldNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { inScope, type RowScope, type ScopedRow } from '../resolvers/shared/rowScope';
import { Params } from '../resolvers/shared/sql';
import { ReportDefinitionError, type Report } from './catalogue';
import type { ReportView } from './viewMapping';

/** How a leaf's value is written: the API's serialization of its type. */
type LeafFormat = 'text' | 'enum' | 'money' | 'decimal' | 'int' | 'boolean' | 'date' | 'dateTime';

interface Leaf {
  readonly kind: 'leaf';
  readonly key: string;
  readonly column: string;
  readonly format: LeafFormat;
}

interface ObjectNode {
  readonly kind: 'object';
  readonly key: string;
  readonly children: readonly SelectionNode[];
  /** A customer or project the row refers to: null outside the principal's legal entities. */
  readonly scoped: ScopedReference | null;
}

/** A row of the read model a view row is or refers to, found by the view's column of its id. */
interface ScopedReference {
  readonly row: ScopedRow;
  readonly table: string;
  readonly idColumn: string;
}

type SelectionNode = Leaf | ObjectNode;

/** The rows of the read model that a report's row, or a nested object, of these types is, for its row scope. */
const SCOPED_TYPES: Readonly<Record<string, { row: ScopedRow; table: string }>> = {
  Customer: { row: 'customer', table: 'customer.account' },
  Project: { row: 'project', table: 'project.project' },
  Invoice: { row: 'invoice', table: 'billing.invoice' },
};

/** The parsed document and operation, shared with the operation guard (it keeps an analysis per operation node). */
export interface ReportDocument {
  readonly document: ReturnType<typeof parse>;
  readonly operation: OperationDefinitionNode;
}

export function reportDocument(report: Report): ReportDocument {
  const document = parse(report.query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { document, operation };
}

export type AnswerFormat = 'csv' | 'json';

/** A report's statement, made per request for the principal's scope and the parameters. */
export class CompiledReport {
  private constructor(
    readonly report: Report,
    private readonly view: ReportView,
    private readonly item: ScopedReference,
    private readonly selection: readonly SelectionNode[],
    private readonly parameterFormats: ReadonlyMap<string, LeafFormat>,
  ) {}

  /** The report compiled against the API schema; throws a {@link ReportDefinitionError} naming what cannot be. */
  static compile(report: Report, schema: GraphQLSchema): CompiledReport {
    const view = report.view;
    if (!view) throw new ReportDefinitionError(`report ${report.name}: declares no view`);
    const fail = (message: string): never => {
      throw new ReportDefinitionError(`report ${report.name} over reporting.${view.name}: ${message}`);
    };
    const { operation } = reportDocument(report);
    const root = operation.selectionSet.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias ?? s.name).value === report.list,
    )!;
    const rootField = schema.getQueryType()?.getFields()[root.name.value] ?? fail(`the schema has no Query.${root.name.value}`);
    let itemType = getNamedType(rootField.type);
    let item = root.selectionSet!;
    if (report.paginated) {
      const nodes = item.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'nodes')!;
      itemType = isObjectType(itemType) ? getNamedType(itemType.getFields().nodes?.type ?? fail('the connection has no nodes')) : itemType;
      item = nodes.selectionSet!;
    }
    if (!isObjectType(itemType)) return fail(`the list's items are ${itemType.name}, not objects`);
    const itemRows = SCOPED_TYPES[itemType.name]
      ?? fail(`its rows are ${itemType.name}, whose legal entity a view row does not carry: expected rows of ${Object.keys(SCOPED_TYPES).join(', ')}`);

    const columns = [...view.columns];
    const selection = selectionOf(item, itemType, [], () => columns.shift()!, fail);
    const itemScope = { ...itemRows, idColumn: idColumnOf(selection, [report.list], fail) };

    const parameterFormats = new Map<string, LeafFormat>();
    for (const parameter of report.parameters) {
      const type = typeFromAST(schema, parseType(parameter.type));
      const named = type && getNamedType(type);
      const format = named instanceof GraphQLEnumType ? 'enum' : named?.name === 'ID' || named?.name === 'String' ? 'text' : undefined;
      parameterFormats.set(parameter.name, format ?? fail(`parameter ${parameter.name} is ${parameter.type}: a view column is compared with an enum, ID or String only`));
    }
    return new CompiledReport(report, view, itemScope, selection, parameterFormats);
  }

  /**
   * The SELECT of the answer: for CSV one text column per report column (an
   * empty text as null, which COPY writes as an empty cell like the
   * executor's); for JSON one column, each row's object as JSON text.
   * Parameters and scope are written as literals: COPY takes no parameters.
   */
  statement(format: AnswerFormat, scope: RowScope, variables: Readonly<Record<string, unknown>>): string {
    const params = new LiteralParams();
    // The row's legal entity is read from its own table, by the predicate its resolvers use.
    const conditions = scope === null ? ['true'] : [knownAndInScope(this.item, 'scoped_row', scope, params)];
    for (const [parameter, column] of this.view.parameters) {
      const value = variables[parameter];
      if (value === undefined || value === null) continue;
      const literal = params.add(String(value));
      conditions.push(`v.${column} = ${this.parameterFormats.get(parameter) === 'enum' ? `lower(${literal})` : literal}`);
    }
    const expressions = new Expressions(scope, params);
    const select = format === 'csv'
      ? expressions.leaves(this.selection, null, []).map(({ sql, format: leafFormat }) => (isText(leafFormat) ? `nullif(${sql}, '')` : sql)).join(', ')
      : `${expressions.json(this.selection, null, [])} AS row`;
    return `SELECT ${select} FROM reporting.${this.view.name} v WHERE ${conditions.join(' AND ')} ORDER BY ${this.view.order.map((c) => `v.${c}`).join(', ')}`;
  }
}

function isText(format: LeafFormat): boolean {
  return format === 'text';
}

/** The tree of the item's selection, each leaf with its view column (in the report's column order) and format. */
function selectionOf(
  selectionSet: SelectionSetNode, type: GraphQLObjectType, path: readonly string[], nextColumn: () => string, fail: (message: string) => never,
): SelectionNode[] {
  const nodes: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    const field = selection as FieldNode;
    const name = field.name.value;
    const fieldPath = [...path, name];
    const fieldType = getNamedType(type.getFields()[name]?.type ?? fail(`${type.name} has no field ${name}`));
    if (field.selectionSet) {
      if (!isObjectType(fieldType)) return fail(`${fieldPath.join('.')} is not an object`);
      const children = selectionOf(field.selectionSet, fieldType, fieldPath, nextColumn, fail);
      const scoped = SCOPED_TYPES[fieldType.name];
      nodes.push({ kind: 'object', key: name, children, scoped: scoped ? { ...scoped, idColumn: idColumnOf(children, fieldPath, fail) } : null });
    } else {
      nodes.push({ kind: 'leaf', key: name, column: nextColumn(), format: leafFormat(name, fieldType.name, fieldType instanceof GraphQLEnumType, fieldPath, fail) });
    }
  }
  return nodes;
}

/** The column of a referred customer's or project's id: the object must select its id. */
function idColumnOf(children: readonly SelectionNode[], path: readonly string[], fail: (message: string) => never): string {
  const id = children.find((c): c is Leaf => c.kind === 'leaf' && c.key === 'id');
  return id?.column ?? fail(`${path.join('.')} must select its id, which its row scope is read by`);
}

function leafFormat(name: string, typeName: string, isEnum: boolean, path: readonly string[], fail: (message: string) => never): LeafFormat {
  if (isEnum) return 'enum';
  switch (typeName) {
    case 'ID':
    case 'String':
      return 'text';
    // Money and percentages have 2 fraction digits, other decimals (hours) none trailing (resolvers/shared/amounts.ts).
    case 'Decimal':
      return name === 'amount' || name.endsWith('Percent') ? 'money' : 'decimal';
    case 'Int':
      return 'int';
    case 'Boolean':
      return 'boolean';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'dateTime';
    default:
      return fail(`${path.join('.')} is ${typeName}, which a view column cannot be written as exactly`);
  }
}

/** Values written into the statement as literals (COPY takes no bind parameters). */
class LiteralParams extends Params {
  override add(value: unknown): string {
    if (Array.isArray(value)) return `ARRAY[${value.map((v) => escapeLiteral(String(v))).join(', ')}]::text[]`;
    return escapeLiteral(String(value));
  }
}

/** The SQL of the leaves' values, masked by the scopes of the objects they are in. */
class Expressions {
  /** How many referenced tables' aliases were made (each `IN` subquery gets its own). */
  private aliases = 0;

  constructor(private readonly scope: RowScope, private readonly params: Params) {}

  /** Each leaf's text value (null for none), in document order. */
  leaves(nodes: readonly SelectionNode[], parent: ObjectNode | null, masks: readonly string[]): { sql: string; format: LeafFormat }[] {
    const out: { sql: string; format: LeafFormat }[] = [];
    for (const node of nodes) {
      if (node.kind === 'leaf') out.push({ sql: this.leaf(node, parent, masks, nodes), format: node.format });
      else out.push(...this.leaves(node.children, node, this.masksOf(node, masks)));
    }
    return out;
  }

  /** The row (or a nested object) as JSON text, keys in document order: JSON.stringify's text of the executor's answer. */
  json(nodes: readonly SelectionNode[], parent: ObjectNode | null, masks: readonly string[]): string {
    const parts = nodes.map((node, i) => {
      const key = `${i === 0 ? '{' : ','}${JSON.stringify(node.key)}:`;
      if (node.kind === 'leaf') {
        const value = this.leaf(node, parent, masks, nodes);
        const json = node.format === 'int' || node.format === 'boolean' ? value : `to_json(${value})::text`;
        return `'${key}' || coalesce(${json}, 'null')`;
      }
      const inner = this.masksOf(node, masks);
      return `'${key}' || CASE WHEN ${this.present(node, inner)} THEN ${this.json(node.children, node, inner)} ELSE 'null' END`;
    });
    return `(${parts.join(' || ')} || '}')`;
  }

  /**
   * A customer or project the row refers to is there when the read model has
   * it (a view may name one it does not know, as an invoice's account: GraphQL
   * answers null for a reference nothing resolves) and the scope sees it.
   */
  private masksOf(node: ObjectNode, masks: readonly string[]): readonly string[] {
    if (!node.scoped) return masks;
    return [...masks, knownAndInScope(node.scoped, `scoped_${++this.aliases}`, this.scope, this.params)];
  }

  private leaf(leaf: Leaf, parent: ObjectNode | null, masks: readonly string[], siblings: readonly SelectionNode[]): string {
    let sql = written(leaf.format, `v.${leaf.column}`);
    if (masks.length > 0) sql = `CASE WHEN ${masks.join(' AND ')} THEN ${sql} END`;
    // The row's currency belongs to an amount: it is there only when the object it is in is.
    if (parent && leaf.column === 'currency') sql = `CASE WHEN ${this.presentAmong(siblings, masks, parent.key)} THEN ${sql} END`;
    return sql;
  }

  /** Whether an object is there (not null): one of its own leaves (not the row's currency) has a value. */
  private present(node: ObjectNode, masks: readonly string[]): string {
    return this.presentAmong(node.children, masks, node.key);
  }

  private presentAmong(nodes: readonly SelectionNode[], masks: readonly string[], key: string): string {
    const own = ownLeaves(nodes);
    if (own.length === 0) throw new ReportDefinitionError(`${key} selects only currency: nothing tells whether it is there`);
    // Each written form is null exactly when its column is: test the column, not the formatted text.
    const values = own.map((leaf) => `v.${leaf.column} IS NOT NULL`);
    return `(${masks.length > 0 ? `${masks.join(' AND ')} AND ` : ''}(${values.join(' OR ')}))`;
  }
}

/**
 * Whether the row `v` refers to by `scoped.idColumn` is in the read model and
 * in `scope`: an uncorrelated `IN`, which Postgres answers from one hash of the
 * referenced table's ids. A join would do the same, but the view's security
 * barrier hides its row count from the planner, which then probes the
 * referenced table's index once per row (at 100,000 rows, most of the
 * statement's time).
 */
function knownAndInScope(scoped: ScopedReference, alias: string, scope: RowScope, params: Params): string {
  return `v.${scoped.idColumn} IN (SELECT ${alias}.id FROM ${scoped.table} ${alias} WHERE ${inScope(scoped.row, alias, scope, params)})`;
}

function ownLeaves(nodes: readonly SelectionNode[]): Leaf[] {
  return nodes.flatMap((node) => (node.kind === 'leaf' ? (node.column === 'currency' ? [] : [node]) : ownLeaves(node.children)));
}

/** A column's value as the API's text. */
function written(format: LeafFormat, column: string): string {
  switch (format) {
    case 'text':
      return `${column}::text`;
    case 'enum':
      return `upper(${column}::text)`;
    case 'money':
      return `round(${column}, 2)::text`;
    case 'decimal':
      return `trim_scale(${column})::text`;
    case 'int':
    case 'boolean':
      return `${column}::text`;
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    // The DateTime scalar's text: Date.toISOString of what pg reads, the microseconds cut to milliseconds as to_char's MS does.
    case 'dateTime':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
}

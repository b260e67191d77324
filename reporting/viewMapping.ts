/**
 * How a saved report maps onto a SQL reporting view (docs/reporting.md), so
 * that it can be answered by one statement over the view instead of through
 * the gateway's executor. The rule, on the path of field names from the
 * list's item to a leaf:
 *
 *   - a path ending in `currency` is the view's `currency` column (every
 *     amount of a row is in its one currency);
 *   - a final `amount` is dropped (`laborCost.amount` is `labor_cost`);
 *   - the item's own `id` is `<row>_id`, the row being the view's name
 *     without its plural `s` (`id` of `reporting.projects` is `project_id`);
 *   - otherwise the names in snake_case joined by `_`
 *     (`customer.name` is `customer_name`, `legalEntityId` `legal_entity_id`).
 *
 * A leaf the rule cannot name is mapped by a header line of its own,
 * `# column: number = invoice_number` (the leaf path, the view's column).
 *
 * A parameter is an argument of the list's field (`status: $status`) and
 * keeps the rows whose column of the same name (snake_case) equals it. The
 * list's order is declared (`# order: project_id`). Anything without a
 * mapping — a leaf, a parameter used elsewhere, a literal argument, an alias,
 * a `# rows:` list — makes the report fail to load, naming what has none.
 */
import { Kind, type FieldNode, type SelectionSetNode } from 'graphql';
import { REPORTING_VIEW_COLUMNS } from '../db/reportingViews';

/** A report's reading of its view. */
export interface ReportView {
  /** The view's name in the schema `reporting` (`projects`). */
  readonly name: string;
  /** The view column of each of the report's columns, in their order. */
  readonly columns: readonly string[];
  /** The view column each parameter is compared with. */
  readonly parameters: ReadonlyMap<string, string>;
  /** The columns that give the rows their order, the list's order. */
  readonly order: readonly string[];
}

export interface ViewDeclaration {
  /** The header's `# view:` value (`reporting.projects`). */
  readonly view: string;
  /** The header's `# order:` value (`project_id` or `a, b`). */
  readonly order: string | undefined;
  /** The header's `# column:` values (`number = invoice_number`): leaf paths the rule cannot map. */
  readonly namedColumns: readonly string[];
  readonly rows: string | null;
  /** The list's root field and the selection of one of its items. */
  readonly root: FieldNode;
  readonly item: SelectionSetNode;
  readonly columns: ReadonlyArray<readonly string[]>;
  readonly parameters: readonly string[];
  /** Arguments the server sets to page through the list (`first`, `after`): no column. */
  readonly paging: ReadonlySet<string>;
}

const VIEW_NAME = /^reporting\.([a-z_]+)$/;

/** `laborCost` → `labor_cost`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The view column of a leaf path of field names, by the rule above. */
export function viewColumnOf(view: string, path: readonly string[]): string {
  if (path.at(-1) === 'currency') return 'currency';
  const named = path.length > 1 && path.at(-1) === 'amount' ? path.slice(0, -1) : path;
  if (named.length === 1 && named[0] === 'id') return `${view.replace(/s$/, '')}_id`;
  return named.map(snakeCase).join('_');
}

/** The report's view, every mapping checked; `fail` throws naming what has none. */
export function reportViewOf(declaration: ViewDeclaration, fail: (message: string) => never): ReportView {
  const name = VIEW_NAME.exec(declaration.view)?.[1];
  const known = name === undefined ? undefined : REPORTING_VIEW_COLUMNS[name];
  if (name === undefined || known === undefined) {
    fail(`"# view: ${declaration.view}" names no reporting view: expected one of ${Object.keys(REPORTING_VIEW_COLUMNS).map((v) => `reporting.${v}`).join(', ')}`);
  }
  const columnsOfView = new Set(known);
  const mapped = (what: string, column: string): string =>
    columnsOfView.has(column) ? column : fail(`${what} maps to column "${column}", which reporting.${name} does not have (columns: ${known!.join(', ')})`);

  if (declaration.rows !== null) fail(`"# rows: ${declaration.rows}" cannot be read from a view: one view row is one report row`);
  checkPlainFields(declaration.item, fail);
  const named = new Map<string, string>();
  const paths = new Set(declaration.columns.map((path) => path.join('.')));
  for (const line of declaration.namedColumns) {
    const match = /^([A-Za-z_][\w.]*)\s*=\s*([a-z_][a-z0-9_]*)$/.exec(line);
    if (!match) fail(`"# column: ${line}" is not a column's mapping: expected "# column: <leaf path> = <view column>", as "# column: number = invoice_number"`);
    const [, path, column] = match!;
    if (!paths.has(path!)) fail(`"# column: ${line}" names no leaf of the report: expected one of ${[...paths].join(', ')}`);
    if (named.has(path!)) fail(`"# column:" maps ${path} twice`);
    named.set(path!, mapped(`"# column: ${line}"`, column!));
  }
  const columns = declaration.columns.map((path) =>
    named.get(path.join('.')) ?? mapped(`column ${path.join('.')}`, viewColumnOf(name!, path)));

  const parameters = new Map<string, string>();
  for (const argument of declaration.root.arguments ?? []) {
    const argumentName = argument.name.value;
    if (declaration.paging.has(argumentName)) continue;
    if (argument.value.kind !== Kind.VARIABLE || argument.value.name.value !== argumentName) {
      fail(`argument ${argumentName} of ${declaration.root.name.value} has no view column: expected ${argumentName}: $${argumentName}, a parameter compared with column ${snakeCase(argumentName)}`);
    }
    parameters.set(argumentName, mapped(`parameter ${argumentName}`, snakeCase(argumentName)));
  }
  for (const parameter of declaration.parameters) {
    if (!parameters.has(parameter)) fail(`parameter ${parameter} has no view column: expected it as an argument of ${declaration.root.name.value} (${parameter}: $${parameter})`);
  }

  if (declaration.order === undefined) fail(`a report over a view declares its rows' order: expected "# order: <column>[, <column>…]" of reporting.${name}`);
  const order = declaration.order!.split(',').map((column) => column.trim());
  for (const column of order) mapped('"# order:"', column);
  return { name: name!, columns, parameters, order };
}

/** Every column's path is of field names: no alias, and no argument below the list (nothing a view column could take). */
function checkPlainFields(selectionSet: SelectionSetNode, fail: (message: string) => never): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.alias) fail(`field ${selection.name.value} has an alias (${selection.alias.value}): a report over a view maps field names`);
    if (selection.arguments?.length) fail(`field ${selection.name.value} takes arguments, which no view column can: a report over a view takes parameters on its list only`);
    if (selection.selectionSet) checkPlainFields(selection.selectionSet, fail);
  }
}

/**
 * Saved reports: named GraphQL documents kept in the repository's `reports/`
 * folder, one file per report, served as JSON and CSV to tools that speak no
 * GraphQL (docs/reporting.md). Adding a report is adding a file (and
 * writing the hub's trusted documents again: `servicegraph trusted-documents`).
 *
 * A report file is one query operation after a header of `# key: value`
 * comment lines:
 *
 *   # title: Projects with every figure          (required)
 *   # description: One row per project …         (optional)
 *   # list: projects                             (required: the root field whose items are the rows)
 *   # rows: openExceptions                       (optional: a list inside each item, one row per entry)
 *   # view: reporting.projects                   (optional: answer it with one SQL statement over this view)
 *   # order: project_id                          (with a view: the view's columns that give the list's order)
 *   # column: number = invoice_number            (with a view, any number of them: a leaf path's column, where the rule names none)
 *
 * The report's parameters are the operation's variables, except `first` and
 * `after`, which the server sets itself to read every page of a connection.
 * The CSV columns are the leaf paths of the list item's selection, joined by
 * `.` (`customer.name`, `margin.amount`), in the document's order.
 *
 * A report that declares a view is compiled (reporting/compiledReport.ts):
 * every leaf, parameter and the order must map onto the view's columns by the
 * rule of reporting/viewMapping.ts, checked here, so a report that cannot be
 * answered from its view fails to load instead of answering differently.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Kind, parse, print,
  type FieldNode, type OperationDefinitionNode, type SelectionSetNode, type VariableDefinitionNode,
} from 'graphql';
import { reportViewOf, type ReportView } from './viewMapping';

/** The folder of the report documents, beside dist/ (the compiled code is in dist/reporting). */
export const REPORTS_DIR = path.resolve(__dirname, '..', '..', 'reports');

/** Variables the server sets to page through a connection: never parameters of a report. */
export const PAGING_VARIABLES: ReadonlySet<string> = new Set(['first', 'after']);

export interface ReportParameter {
  readonly name: string;
  /** The GraphQL type as written in the document (`ProjectStatus`, `ID!`). */
  readonly type: string;
  readonly required: boolean;
}

export interface Report {
  /** The file name without `.graphql`; the URL's `<name>`. */
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
  /** The document's text, run as it is (a trusted document). */
  readonly query: string;
  readonly operationName: string | undefined;
  /** The response key of the root field whose items are the report's rows. */
  readonly list: string;
  /** Whether `list` is a connection (`nodes` + `pageInfo`), read page by page. */
  readonly paginated: boolean;
  /** A list inside each item that gives one row per entry (an item with none still gives one row). */
  readonly rows: string | null;
  readonly parameters: readonly ReportParameter[];
  /** The CSV columns: each a path of response keys from the row's item. */
  readonly columns: ReadonlyArray<readonly string[]>;
  /** The reporting view that answers the report in one SQL statement; null: it runs through the gateway's executor. */
  readonly view: ReportView | null;
}

/** A report file that cannot serve: named, with what was expected. */
export class ReportDefinitionError extends Error {}

/** Every report of `dir` (default the repository's `reports/`), by name. */
export function loadReports(dir: string = REPORTS_DIR): ReadonlyMap<string, Report> {
  const reports = new Map<string, Report>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const report = parseReport(file.slice(0, -'.graphql'.length), fs.readFileSync(path.join(dir, file), 'utf8'));
    reports.set(report.name, report);
  }
  return reports;
}

/** One report from its file's name and text. */
export function parseReport(name: string, text: string): Report {
  const fail = (message: string): never => {
    throw new ReportDefinitionError(`report ${name}: ${message}`);
  };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) fail('expected a file name of lower-case words joined by "-"');
  const header = new Map<string, string>();
  /** The `# column:` lines, which may be many. */
  const namedColumns: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^#\s*([a-z]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === 'column') namedColumns.push(match[2]!);
    else if (match) header.set(match[1]!, match[2]!);
    else if (line.trim() !== '' && !line.startsWith('#')) break;
  }
  const title = header.get('title') ?? fail('expected a "# title:" line');
  const list = header.get('list') ?? fail('expected a "# list:" line naming the root field whose items are the rows');

  const document = parse(text);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'query' || document.definitions.length !== 1) {
    fail('expected exactly one query operation and no fragments');
  }
  const operation = operations[0]!;
  const root = fieldOf(operation.selectionSet, list) ?? fail(`the query has no root field "${list}"`);
  const rootSelection = root.selectionSet ?? fail(`"${list}" has no selection: expected a list of objects`);
  const nodes = fieldOf(rootSelection, 'nodes');
  const paginated = nodes !== undefined;
  const item = paginated ? nodes.selectionSet ?? fail('"nodes" has no selection') : rootSelection;
  if (paginated) {
    const variables = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
    const args = new Map(root.arguments?.map((a) => [a.name.value, a.value]));
    for (const paging of PAGING_VARIABLES) {
      const value = args.get(paging);
      if (!variables.has(paging) || value?.kind !== Kind.VARIABLE || value.name.value !== paging) {
        fail(`"${list}" is a connection: expected it to take ${paging}: $${paging}, so that every page is read`);
      }
    }
    const pageInfo = fieldOf(rootSelection, 'pageInfo');
    const selected = new Set(pageInfo?.selectionSet?.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '')));
    if (!selected.has('hasNextPage') || !selected.has('endCursor')) fail(`"${list}" is a connection: expected pageInfo { hasNextPage endCursor }`);
  }
  const rows = header.get('rows') ?? null;
  if (rows !== null && !fieldOf(item, rows)?.selectionSet) fail(`"# rows: ${rows}" names no list of objects in each item`);
  const parameters = (operation.variableDefinitions ?? []).filter((v) => !PAGING_VARIABLES.has(v.variable.name.value)).map(parameterOf);
  const columns = leafPaths(item, [], fail);
  const viewName = header.get('view');
  if (header.has('order') && viewName === undefined) fail('"# order:" is read only with "# view:"');
  if (namedColumns.length > 0 && viewName === undefined) fail('"# column:" is read only with "# view:"');
  const view = viewName === undefined ? null : reportViewOf({
    view: viewName, order: header.get('order'), namedColumns, rows, root, item, columns, parameters: parameters.map((p) => p.name), paging: PAGING_VARIABLES,
  }, fail);

  return {
    name,
    title,
    description: header.get('description') ?? null,
    query: text,
    operationName: operation.name?.value,
    list,
    paginated,
    rows,
    parameters,
    columns,
    view,
  };
}

function parameterOf(definition: VariableDefinitionNode): ReportParameter {
  return { name: definition.variable.name.value, type: print(definition.type), required: definition.type.kind === Kind.NON_NULL_TYPE };
}

function fieldOf(selectionSet: SelectionSetNode, responseKey: string): FieldNode | undefined {
  return selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias ?? s.name).value === responseKey);
}

function leafPaths(selectionSet: SelectionSetNode, prefix: readonly string[], fail: (message: string) => never): string[][] {
  const paths: string[][] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) fail('expected plain fields in the rows (no fragments), so that each column is a path');
    const field = selection as FieldNode;
    const key = [...prefix, (field.alias ?? field.name).value];
    if (field.selectionSet) paths.push(...leafPaths(field.selectionSet, key, fail));
    else paths.push(key);
  }
  return paths;
}

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReportDefinitionError = exports.PAGING_VARIABLES = exports.REPORTS_DIR = void 0;
exports.loadReports = loadReports;
exports.parseReport = parseReport;
/**
 * Saved reports: named GraphQL documents kept in the repository's `reports/`
 * folder, one file per report, served as JSON and CSV to tools that speak no
 * GraphQL (docs/reporting.md). Adding a report is adding a file.
 *
 * A report file is one query operation after a header of `# key: value`
 * comment lines:
 *
 *   # title: Projects with every figure          (required)
 *   # description: One row per project …         (optional)
 *   # list: projects                             (required: the root field whose items are the rows)
 *   # rows: openExceptions                       (optional: a list inside each item, one row per entry)
 *
 * The report's parameters are the operation's variables, except `first` and
 * `after`, which the server sets itself to read every page of a connection.
 * The CSV columns are the leaf paths of the list item's selection, joined by
 * `.` (`customer.name`, `margin.amount`), in the document's order.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const graphql_1 = require("graphql");
/** The folder of the report documents, beside dist/ (the compiled code is in dist/reporting). */
exports.REPORTS_DIR = node_path_1.default.resolve(__dirname, '..', '..', 'reports');
/** Variables the server sets to page through a connection: never parameters of a report. */
exports.PAGING_VARIABLES = new Set(['first', 'after']);
/** A report file that cannot serve: named, with what was expected. */
class ReportDefinitionError extends Error {
}
exports.ReportDefinitionError = ReportDefinitionError;
/** Every report of `dir` (default the repository's `reports/`), by name. */
function loadReports(dir = exports.REPORTS_DIR) {
    const reports = new Map();
    for (const file of node_fs_1.default.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
        const report = parseReport(file.slice(0, -'.graphql'.length), node_fs_1.default.readFileSync(node_path_1.default.join(dir, file), 'utf8'));
        reports.set(report.name, report);
    }
    return reports;
}
/** One report from its file's name and text. */
function parseReport(name, text) {
    const fail = (message) => {
        throw new ReportDefinitionError(`report ${name}: ${message}`);
    };
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
        fail('expected a file name of lower-case words joined by "-"');
    const header = new Map();
    for (const line of text.split('\n')) {
        const match = /^#\s*([a-z]+)\s*:\s*(.*?)\s*$/.exec(line);
        if (match)
            header.set(match[1], match[2]);
        else if (line.trim() !== '' && !line.startsWith('#'))
            break;
    }
    const title = header.get('title') ?? fail('expected a "# title:" line');
    const list = header.get('list') ?? fail('expected a "# list:" line naming the root field whose items are the rows');
    const document = (0, graphql_1.parse)(text);
    const operations = document.definitions.filter((d) => d.kind === graphql_1.Kind.OPERATION_DEFINITION);
    if (operations.length !== 1 || operations[0].operation !== 'query' || document.definitions.length !== 1) {
        fail('expected exactly one query operation and no fragments');
    }
    const operation = operations[0];
    const root = fieldOf(operation.selectionSet, list) ?? fail(`the query has no root field "${list}"`);
    const rootSelection = root.selectionSet ?? fail(`"${list}" has no selection: expected a list of objects`);
    const nodes = fieldOf(rootSelection, 'nodes');
    const paginated = nodes !== undefined;
    const item = paginated ? nodes.selectionSet ?? fail('"nodes" has no selection') : rootSelection;
    if (paginated) {
        const variables = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
        const args = new Map(root.arguments?.map((a) => [a.name.value, a.value]));
        for (const paging of exports.PAGING_VARIABLES) {
            const value = args.get(paging);
            if (!variables.has(paging) || value?.kind !== graphql_1.Kind.VARIABLE || value.name.value !== paging) {
                fail(`"${list}" is a connection: expected it to take ${paging}: $${paging}, so that every page is read`);
            }
        }
        const pageInfo = fieldOf(rootSelection, 'pageInfo');
        const selected = new Set(pageInfo?.selectionSet?.selections.map((s) => (s.kind === graphql_1.Kind.FIELD ? s.name.value : '')));
        if (!selected.has('hasNextPage') || !selected.has('endCursor'))
            fail(`"${list}" is a connection: expected pageInfo { hasNextPage endCursor }`);
    }
    const rows = header.get('rows') ?? null;
    if (rows !== null && !fieldOf(item, rows)?.selectionSet)
        fail(`"# rows: ${rows}" names no list of objects in each item`);
    return {
        name,
        title,
        description: header.get('description') ?? null,
        query: text,
        operationName: operation.name?.value,
        list,
        paginated,
        rows,
        parameters: (operation.variableDefinitions ?? []).filter((v) => !exports.PAGING_VARIABLES.has(v.variable.name.value)).map(parameterOf),
        columns: leafPaths(item, [], fail),
    };
}
function parameterOf(definition) {
    return { name: definition.variable.name.value, type: (0, graphql_1.print)(definition.type), required: definition.type.kind === graphql_1.Kind.NON_NULL_TYPE };
}
function fieldOf(selectionSet, responseKey) {
    return selectionSet.selections.find((s) => s.kind === graphql_1.Kind.FIELD && (s.alias ?? s.name).value === responseKey);
}
function leafPaths(selectionSet, prefix, fail) {
    const paths = [];
    for (const selection of selectionSet.selections) {
        if (selection.kind !== graphql_1.Kind.FIELD)
            fail('expected plain fields in the rows (no fragments), so that each column is a path');
        const field = selection;
        const key = [...prefix, (field.alias ?? field.name).value];
        if (field.selectionSet)
            paths.push(...leafPaths(field.selectionSet, key, fail));
        else
            paths.push(key);
    }
    return paths;
}
//# sourceMappingURL=catalogue.js.map
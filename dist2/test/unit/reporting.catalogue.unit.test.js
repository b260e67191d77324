"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const catalogue_1 = require("../../reporting/catalogue");
const parameters_1 = require("../../reporting/parameters");
const rows_1 = require("../../reporting/rows");
const CONNECTION = `# title: T
# list: things
# rows: parts
query Q($first: Int, $after: String, $size: Int!, $kind: Kind) {
  things(first: $first, after: $after, size: $size, kind: $kind) {
    pageInfo { hasNextPage endCursor }
    nodes { id total: amount { amount currency } parts { code } }
  }
}`;
const schema = (0, graphql_1.buildSchema)(`enum Kind { BIG SMALL }
  type Query { things(first: Int, after: String, size: Int!, kind: Kind): String }`);
(0, node_test_1.describe)('saved report definitions', () => {
    (0, node_test_1.it)('read the header, the typed parameters (not first/after) and the leaf columns, aliases included', () => {
        const report = (0, catalogue_1.parseReport)('things', CONNECTION);
        strict_1.default.equal(report.title, 'T');
        strict_1.default.equal(report.paginated, true);
        strict_1.default.equal(report.rows, 'parts');
        strict_1.default.deepEqual(report.parameters, [{ name: 'size', type: 'Int!', required: true }, { name: 'kind', type: 'Kind', required: false }]);
        strict_1.default.deepEqual((0, rows_1.csvHeader)(report), ['id', 'total.amount', 'total.currency', 'parts.code']);
    });
    (0, node_test_1.it)('refuse a file without a title or list, a connection not paged by $first/$after, and fragments', () => {
        strict_1.default.throws(() => (0, catalogue_1.parseReport)('x', CONNECTION.replace('# title: T\n', '')), (e) => e instanceof catalogue_1.ReportDefinitionError && /title/.test(e.message));
        strict_1.default.throws(() => (0, catalogue_1.parseReport)('x', CONNECTION.replace('# list: things', '# list: others')), /no root field "others"/);
        strict_1.default.throws(() => (0, catalogue_1.parseReport)('x', CONNECTION.replace('after: $after, ', '')), /after: \$after/);
        strict_1.default.throws(() => (0, catalogue_1.parseReport)('x', `# title: T\n# list: a\nquery { a { ...F } } fragment F on A { id }`), /exactly one query/);
        strict_1.default.throws(() => (0, catalogue_1.parseReport)('Bad_Name', CONNECTION), /lower-case/);
    });
    (0, node_test_1.it)('give one row per entry of the rows list, and one row with empty cells for an item without entries', () => {
        const report = (0, catalogue_1.parseReport)('things', CONNECTION);
        const item = { id: 'a,1', total: { amount: '12.50', currency: 'EUR' }, parts: [{ code: 'X' }, { code: 'Y' }] };
        strict_1.default.deepEqual((0, rows_1.csvRowsOf)(report, item), [['a,1', '12.50', 'EUR', 'X'], ['a,1', '12.50', 'EUR', 'Y']]);
        strict_1.default.deepEqual((0, rows_1.csvRowsOf)(report, { id: 'b', total: null, parts: [] }), [['b', '', '', '']]);
    });
    (0, node_test_1.it)('turn query-string text into typed variables, naming a bad or unknown parameter', () => {
        const report = (0, catalogue_1.parseReport)('things', CONNECTION);
        strict_1.default.deepEqual((0, parameters_1.reportVariables)(schema, report, new URLSearchParams('size=3&kind=BIG')), { size: 3, kind: 'BIG' });
        const refused = (query, parameter, message) => strict_1.default.throws(() => (0, parameters_1.reportVariables)(schema, report, new URLSearchParams(query)), (e) => e instanceof parameters_1.ReportParameterError && e.parameter === parameter && message.test(e.message));
        refused('kind=BIG', 'size', /needs parameter "size"/);
        refused('size=three', 'size', /expects Int!, got "three"/);
        refused('size=3&kind=HUGE', 'kind', /expects Kind/);
        refused('size=3&colour=red', 'colour', /expected one of size, kind/);
        refused('size=3&size=4', 'size', /2 times/);
    });
    (0, node_test_1.it)('every file of reports/ is a valid report', () => {
        const reports = (0, catalogue_1.loadReports)();
        for (const name of ['projects', 'invoices', 'customers', 'portfolio', 'exceptions'])
            strict_1.default.ok(reports.has(name), name);
    });
});
//# sourceMappingURL=reporting.catalogue.unit.test.js.map
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema } from 'graphql';
import { loadReports, parseReport, ReportDefinitionError } from '../../reporting/catalogue';
import { reportVariables, ReportParameterError } from '../../reporting/parameters';
import { csvHeader, csvRowsOf } from '../../reporting/rows';

const CONNECTION = `# title: T
# list: things
# rows: parts
query Q($first: Int, $after: String, $size: Int!, $kind: Kind) {
  things(first: $first, after: $after, size: $size, kind: $kind) {
    pageInfo { hasNextPage endCursor }
    nodes { id total: amount { amount currency } parts { code } }
  }
}`;

const schema = buildSchema(`enum Kind { BIG SMALL }
  type Query { things(first: Int, after: String, size: Int!, kind: Kind): String }`);

describe('saved report definitions', () => {
  it('read the header, the typed parameters (not first/after) and the leaf columns, aliases included', () => {
    const report = parseReport('things', CONNECTION);
    assert.equal(report.title, 'T');
    assert.equal(report.paginated, true);
    assert.equal(report.rows, 'parts');
    assert.deepEqual(report.parameters, [{ name: 'size', type: 'Int!', required: true }, { name: 'kind', type: 'Kind', required: false }]);
    assert.deepEqual(csvHeader(report), ['id', 'total.amount', 'total.currency', 'parts.code']);
  });

  it('refuse a file without a title or list, a connection not paged by $first/$after, and fragments', () => {
    assert.throws(() => parseReport('x', CONNECTION.replace('# title: T\n', '')), (e: Error) => e instanceof ReportDefinitionError && /title/.test(e.message));
    assert.throws(() => parseReport('x', CONNECTION.replace('# list: things', '# list: others')), /no root field "others"/);
    assert.throws(() => parseReport('x', CONNECTION.replace('after: $after, ', '')), /after: \$after/);
    assert.throws(() => parseReport('x', `# title: T\n# list: a\nquery { a { ...F } } fragment F on A { id }`), /exactly one query/);
    assert.throws(() => parseReport('Bad_Name', CONNECTION), /lower-case/);
  });

  it('give one row per entry of the rows list, and one row with empty cells for an item without entries', () => {
    const report = parseReport('things', CONNECTION);
    const item = { id: 'a,1', total: { amount: '12.50', currency: 'EUR' }, parts: [{ code: 'X' }, { code: 'Y' }] };
    assert.deepEqual(csvRowsOf(report, item), [['a,1', '12.50', 'EUR', 'X'], ['a,1', '12.50', 'EUR', 'Y']]);
    assert.deepEqual(csvRowsOf(report, { id: 'b', total: null, parts: [] }), [['b', '', '', '']]);
  });

  it('turn query-string text into typed variables, naming a bad or unknown parameter', () => {
    const report = parseReport('things', CONNECTION);
    assert.deepEqual(reportVariables(schema, report, new URLSearchParams('size=3&kind=BIG')), { size: 3, kind: 'BIG' });
    const refused = (query: string, parameter: string, message: RegExp) =>
      assert.throws(() => reportVariables(schema, report, new URLSearchParams(query)),
        (e: Error) => e instanceof ReportParameterError && e.parameter === parameter && message.test(e.message));
    refused('kind=BIG', 'size', /needs parameter "size"/);
    refused('size=three', 'size', /expects Int!, got "three"/);
    refused('size=3&kind=HUGE', 'kind', /expects Kind/);
    refused('size=3&colour=red', 'colour', /expected one of size, kind/);
    refused('size=3&size=4', 'size', /2 times/);
  });

  it('every file of reports/ is a valid report', () => {
    const reports = loadReports();
    for (const name of ['projects', 'invoices', 'customers', 'portfolio', 'exceptions']) assert.ok(reports.has(name), name);
  });
});

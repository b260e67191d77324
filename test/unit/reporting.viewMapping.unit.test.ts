/**
 * A report over a reporting view maps every leaf, parameter and its order
 * onto the view's columns, or fails to load naming what has no column; what
 * the compiled statement cannot write exactly fails when it is compiled; a
 * leaf the rule cannot name is mapped by a `# column:` line.
 * COPY's output becomes the executor's framing (CRLF records, JSON array
 * elements) across any split into chunks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, printSchema } from 'graphql';
import { loadReports, parseReport, ReportDefinitionError } from '../../reporting/catalogue';
import { CompiledReport } from '../../reporting/compiledReport';
import { crlfRecords, jsonElements } from '../../reporting/compiledStream';
import { viewColumnOf } from '../../reporting/viewMapping';
import { legalEntityOf } from '../../resolvers/shared/rowScope';

const PROJECTS = `# title: P
# list: projects
# view: reporting.projects
# order: project_id
query P($first: Int, $after: String, $status: ProjectStatus, $customerId: ID) {
  projects(first: $first, after: $after, status: $status, customerId: $customerId) {
    pageInfo { hasNextPage endCursor }
    nodes { id name status customer { id name } laborCost { amount currency } approvedHours marginPercent }
  }
}`;

const schema = buildSchema(`scalar Decimal
  enum ProjectStatus { ACTIVE CLOSED }
  type Money { amount: Decimal! currency: String! }
  type Customer { id: ID! name: String! }
  type Project { id: ID! name: String! status: ProjectStatus! customer: Customer laborCost: Money! approvedHours: Decimal!
    marginPercent: Decimal }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ProjectConnection { nodes: [Project!]! pageInfo: PageInfo! }
  type Query { projects(first: Int, after: String, status: ProjectStatus, customerId: ID): ProjectConnection! }`);

const INVOICES = `# title: I
# list: invoices
# view: reporting.invoices
# order: drafted_at, invoice_id
# column: number = invoice_number
query I($first: Int, $after: String) {
  invoices(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id number status customer { id name } grossTotal { amount currency } draftedAt dueDate }
  }
}`;

const invoiceSchema = buildSchema(`scalar Decimal scalar DateTime scalar Date
  enum InvoiceStatus { DRAFT POSTED }
  type Money { amount: Decimal! currency: String! }
  type Customer { id: ID! name: String! }
  type Invoice { id: ID! number: String status: InvoiceStatus! customer: Customer grossTotal: Money! draftedAt: DateTime dueDate: Date }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type InvoiceConnection { nodes: [Invoice!]! pageInfo: PageInfo! }
  type Query { invoices(first: Int, after: String): InvoiceConnection! }`);

const refused = (text: string, message: RegExp) =>
  assert.throws(() => parseReport('p', text), (e: Error) => e instanceof ReportDefinitionError && message.test(e.message), message.source);

describe('a saved report over a reporting view', () => {
  it('maps leaf paths by the rule: currency, a final amount dropped, the row id, snake_case', () => {
    assert.equal(viewColumnOf('projects', ['id']), 'project_id');
    assert.equal(viewColumnOf('projects', ['customer', 'id']), 'customer_id');
    assert.equal(viewColumnOf('projects', ['customer', 'name']), 'customer_name');
    assert.equal(viewColumnOf('projects', ['laborCost', 'amount']), 'labor_cost');
    assert.equal(viewColumnOf('projects', ['laborCost', 'currency']), 'currency');
    assert.equal(viewColumnOf('projects', ['legalEntityId']), 'legal_entity_id');
    const report = parseReport('p', PROJECTS);
    assert.deepEqual(report.view?.columns, ['project_id', 'name', 'status', 'customer_id', 'customer_name', 'labor_cost', 'currency', 'approved_hours', 'margin_percent']);
    assert.deepEqual([...report.view!.parameters], [['status', 'status'], ['customerId', 'customer_id']]);
    assert.deepEqual(report.view?.order, ['project_id']);
  });

  it('fails to load, naming it, when a leaf, parameter, argument or the order has no column', () => {
    refused(PROJECTS.replace('approvedHours', 'startedAt'), /column startedAt maps to column "started_at", which reporting.projects does not have/);
    refused(PROJECTS.replace('customerId: $customerId', 'customerId: "C-1"'), /argument customerId of projects has no view column/);
    refused(PROJECTS.replace('status: $status, ', ''), /parameter status has no view column/);
    refused(PROJECTS.replace('# order: project_id\n', ''), /declares its rows' order/);
    refused(PROJECTS.replace('# order: project_id', '# order: started'), /"# order:" maps to column "started"/);
    refused(PROJECTS.replace('reporting.projects', 'reporting.nothing'), /names no reporting view/);
    refused(PROJECTS.replace('nodes { id name', 'nodes { id title: name'), /alias/);
    refused(PROJECTS.replace('# title: P', '# title: P\n# rows: customer'), /cannot be read from a view/);
    refused(PROJECTS.replace('# view: reporting.projects\n', ''), /"# order:" is read only with "# view:"/);
  });

  it('without a view loads as before, run by the executor', () => {
    const report = parseReport('p', PROJECTS.replace('# view: reporting.projects\n# order: project_id\n', ''));
    assert.equal(report.view, null);
  });

  it('fails to compile a leaf or parameter whose text the statement cannot write exactly', () => {
    assert.doesNotThrow(() => CompiledReport.compile(parseReport('p', PROJECTS), schema));
    const floatPercent = buildSchema(printSchema(schema).replace('marginPercent: Decimal', 'marginPercent: Float'));
    assert.throws(() => CompiledReport.compile(parseReport('p', PROJECTS), floatPercent),
      (e: Error) => e instanceof ReportDefinitionError && /marginPercent is Float/.test(e.message));
  });

  it('scopes the rows and the customer they refer to by the row-scope predicate, and compares parameters', () => {
    const statement = CompiledReport.compile(parseReport('p', PROJECTS), schema);
    const open = statement.statement('csv', null, {});
    assert.doesNotMatch(open, /ANY/);
    const limited = statement.statement('csv', ['LE-DE'], { status: 'ACTIVE', customerId: "O'Brien" });
    assert.match(limited, /v\.project_id IN \(SELECT scoped_row\.id FROM project\.project scoped_row WHERE /);
    assert.match(limited, /scoped_row\.legal_entity_id = ANY\(ARRAY\['LE-DE'\]::text\[\]::text\[\]\)/);
    assert.match(limited, /CASE WHEN v\.customer_id IN \(SELECT scoped_1\.id FROM customer\.account scoped_1 WHERE /);
    assert.match(limited, /scoped_1\.legal_entity_id = ANY/);
    assert.match(limited, /v\.status = lower\('ACTIVE'\)/);
    assert.match(limited, /v\.customer_id = 'O''Brien'/);
    assert.match(statement.statement('csv', [], {}), /WHERE false/);
  });

  it('maps a leaf the rule cannot name by a "# column:" line, checked like any mapping', () => {
    const report = parseReport('i', INVOICES);
    assert.deepEqual(report.view?.columns, ['invoice_id', 'invoice_number', 'status', 'customer_id', 'customer_name', 'gross_total', 'currency', 'drafted_at', 'due_date']);
    assert.deepEqual(report.view?.order, ['drafted_at', 'invoice_id']);
    refused(INVOICES.replace('# column: number = invoice_number\n', ''), /column number maps to column "number", which reporting.invoices does not have/);
    refused(INVOICES.replace('number = invoice_number', 'number = invoice_no'), /"# column: number = invoice_no" maps to column "invoice_no"/);
    refused(INVOICES.replace('number = invoice_number', 'numero = invoice_number'), /names no leaf of the report: expected one of id, number/);
    refused(INVOICES.replace('number = invoice_number', 'number invoice_number'), /expected "# column: <leaf path> = <view column>"/);
    refused(INVOICES.replace('# column: number = invoice_number', '# column: number = invoice_number\n# column: number = invoice_id'), /maps number twice/);
    refused(INVOICES.replace('# view: reporting.invoices\n# order: drafted_at, invoice_id\n', ''), /"# column:" is read only with "# view:"/);
  });

  it('writes an instant as the DateTime scalar does, and scopes an invoice by the invoice predicate', () => {
    const statement = CompiledReport.compile(parseReport('i', INVOICES), invoiceSchema);
    const limited = statement.statement('json', ['LE-DE'], {});
    assert.match(limited, /to_char\(v\.drafted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS\.MS"Z"'\)/);
    assert.match(limited, /v\.invoice_id IN \(SELECT scoped_row\.id FROM billing\.invoice scoped_row WHERE /);
    assert.ok(limited.includes(`${legalEntityOf('invoice', 'scoped_row')} = ANY`), limited);
    assert.doesNotMatch(statement.statement('json', null, {}), /scoped_row/);
  });

  it('every report of reports/ that declares a view maps onto it', () => {
    for (const report of loadReports().values()) {
      if (report.view) assert.equal(report.view.columns.length, report.columns.length, report.name);
    }
  });
});

describe('COPY output as the executor frames it', () => {
  const through = (transform: (chunk: Buffer) => Buffer, text: string, cut: number) =>
    Buffer.concat([transform(Buffer.from(text.slice(0, cut))), transform(Buffer.from(text.slice(cut)))]).toString();

  it('ends CSV records with CRLF, leaving a line break inside a quoted field as it is, however the chunks split', () => {
    const copy = 'a,"x\ny",1\nb,"say ""hi""",\n';
    for (let cut = 0; cut <= copy.length; cut++) {
      assert.equal(through(crlfRecords(), copy, cut), 'a,"x\ny",1\r\nb,"say ""hi""",\r\n', `cut at ${cut}`);
    }
  });

  it('joins JSON rows with commas and none after the last, however the chunks split', () => {
    const copy = '{"a":1}\n{"b":"x"}\n{"c":null}\n';
    for (let cut = 0; cut <= copy.length; cut++) {
      assert.equal(through(jsonElements(), copy, cut), '{"a":1},{"b":"x"},{"c":null}', `cut at ${cut}`);
    }
  });
});

/**
 * Each saved report's rows (reports/*.graphql) as the simulator's oracle has
 * them, in the shape the report's JSON serves them: the report's selection,
 * nested as GraphQL answers it, amounts and hours as exact decimal strings,
 * enums as GraphQL spells them. Also as a reader limited to one legal entity
 * sees them (docs/api.md, "Access"): its own rows, the currency-wide
 * aggregates summing its legal entity alone.
 */
import assert from 'node:assert/strict';
import Big from 'big.js';
import type { DatedFacts, ExpectedFigures, InvoiceExceptionFigures, InvoiceFigures, Oracle } from '../../simulator/oracle';
import * as overTime from '../../simulator/oracleOverTime';

/** What the expected rows are computed from. */
export interface ReportOracle {
  readonly figures: ExpectedFigures;
  readonly facts: DatedFacts;
  readonly openInvoiceExceptions: readonly InvoiceExceptionFigures[];
  /** The subgraphs' clock, which `ageHours` is counted to; without it a report that selects an age has no expected rows. */
  readonly now?: Date;
}

export function reportOracle(oracle: Oracle, now?: Date): ReportOracle {
  return { figures: oracle.figures(), facts: oracle.datedFacts(), openInvoiceExceptions: oracle.openInvoiceExceptions(), now };
}

export type ReportRow = Record<string, unknown>;

/** The legal entity of an invoice: its project's, as the access rules scope it. */
export function invoiceLegalEntity(figures: ExpectedFigures, invoice: InvoiceFigures): string {
  return invoice.projectId !== null ? figures.projects[invoice.projectId]!.legalEntityId : figures.customers[invoice.customerId]!.legalEntityId;
}

const money = (amount: string | null, currency: string) => (amount === null ? null : { amount, currency });
const upper = (text: string) => text.toUpperCase();
const instant = (time: string | null) => (time === null ? null : new Date(time).toISOString());

/** Hours from `raisedAt` to `now`, 2 decimals, half up. */
function ageHours(raisedAt: string, now: Date): number {
  return Number(new Big(now.getTime() - Date.parse(raisedAt)).div(3_600_000).round(2, Big.roundHalfUp).toString());
}

/**
 * The rows of report `name` for the query-string `parameters`, as a reader of
 * `legalEntity` alone (or of every legal entity) is served them. Connection
 * reports are in id order here; the API orders invoices by when they were drafted.
 */
export function expectedReport(oracle: ReportOracle, name: string, parameters: Readonly<Record<string, string>> = {}, legalEntity?: string): ReportRow[] {
  const { figures, facts } = oracle;
  const sees = (le: string) => legalEntity === undefined || le === legalEntity;
  const customerRef = (id: string) => ({ id, name: figures.customers[id]!.name });
  const projectRef = (id: string) => ({ id, name: figures.projects[id]!.name });
  const projects = Object.values(figures.projects).filter((p) => sees(p.legalEntityId));
  const invoices = Object.values(figures.invoices).filter((i) => sees(invoiceLegalEntity(figures, i)));
  const monthRow = (m: overTime.MonthFigures, currency: string) => ({
    month: m.month, approvedHours: m.approvedHours, laborCost: money(m.laborCost, currency), expenseCost: money(m.expenseCost, currency),
    billedAmount: money(m.billedAmount, currency), recognizedRevenue: money(m.recognizedRevenue, currency), margin: money(m.margin, currency),
  });
  // An aggregate asked for one legal entity names it; asked for all, it is currency-wide (a limited reader's, its own legal entity's sums).
  const scopeOf = (asked: string | undefined) => ({ sums: asked ?? legalEntity, named: asked ?? null, visible: asked === undefined || sees(asked) });
  const aging = (rows: overTime.AgingFigures[], named: string | null, withCurrent: boolean) => rows.map((a) => ({
    currency: a.currency, legalEntityId: named, asOf: a.asOf,
    ...(withCurrent ? { current: money(a.current, a.currency) } : {}),
    days1to30: money(a.days1to30, a.currency), days31to60: money(a.days31to60, a.currency), days61to90: money(a.days61to90, a.currency),
    over90: money(a.over90, a.currency), total: money(a.total, a.currency),
  }));

  switch (name) {
    case 'projects':
      return projects
        .filter((p) => (parameters.status === undefined || upper(p.status) === parameters.status)
          && (parameters.customerId === undefined || p.customerId === parameters.customerId))
        .map((p) => ({
          id: p.projectId, name: p.name, status: upper(p.status), billingModel: upper(p.billingModel), currency: p.currency,
          legalEntityId: p.legalEntityId, customer: customerRef(p.customerId),
          approvedHours: p.approvedHours, billableApprovedHours: p.billableApprovedHours, unbilledApprovedHours: p.unbilledApprovedHours,
          laborCost: money(p.laborCost, p.currency), expenseCost: money(p.expenseCost, p.currency),
          billedAmount: money(p.billedAmount, p.currency), unbilledApprovedAmount: money(p.unbilledApprovedAmount, p.currency),
          recognizedRevenue: money(p.recognizedRevenue, p.currency), margin: money(p.margin, p.currency), marginPercent: p.marginPercent,
          revenueBacklog: money(p.revenueBacklog, p.currency),
        }));
    case 'invoices':
      return invoices
        .filter((i) => (parameters.status === undefined || upper(i.status) === parameters.status)
          && (parameters.paymentState === undefined || upper(i.paymentState) === parameters.paymentState))
        .map((i) => ({
          id: i.invoiceId, number: i.number, status: upper(i.status), taxStatus: upper(i.taxStatus), paymentState: upper(i.paymentState),
          customer: customerRef(i.customerId), project: projectRef(i.projectId),
          netTotal: money(i.netTotal, i.currency), taxTotal: money(i.taxTotal, i.currency), grossTotal: money(i.grossTotal, i.currency),
          amountPaid: money(i.amountPaid, i.currency), amountDue: money(i.amountDue, i.currency),
          draftedAt: instant(i.draftedAt), postedAt: instant(i.postedAt), sentAt: instant(i.sentAt), dueDate: i.dueDate,
        }));
    case 'customers':
      return Object.values(figures.customers)
        .filter((c) => c.status !== 'merged' && sees(c.legalEntityId))
        .map((c) => ({
          id: c.customerId, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
          outstandingBalance: c.outstandingBalance.map((m) => ({ amount: m.amount, currency: m.currency })),
        }));
    case 'portfolio': {
      const scope = scopeOf(parameters.legalEntityId);
      const rows = !scope.visible ? [] : scope.sums === undefined ? figures.portfolio
        : figures.portfolioByLegalEntity.filter((p) => p.legalEntityId === scope.sums);
      return rows.map((p) => ({
        currency: p.currency, legalEntityId: scope.named, projectCount: p.projectCount, approvedHours: p.approvedHours,
        laborCost: money(p.laborCost, p.currency), expenseCost: money(p.expenseCost, p.currency), billedAmount: money(p.billedAmount, p.currency),
        unbilledApprovedAmount: money(p.unbilledApprovedAmount, p.currency), recognizedRevenue: money(p.recognizedRevenue, p.currency),
        margin: money(p.margin, p.currency), marginPercent: p.marginPercent, outstandingBalance: money(p.outstandingBalance, p.currency),
        openInvoiceExceptions: p.openInvoiceExceptions,
      }));
    }
    case 'exceptions': {
      const now = oracle.now;
      if (!now) throw new Error('the exceptions report selects ageHours: give the oracle the subgraphs\' clock');
      const open = new Map<string, InvoiceExceptionFigures[]>();
      for (const e of oracle.openInvoiceExceptions) open.set(e.invoiceId, [...(open.get(e.invoiceId) ?? []), e]);
      return invoices.filter((i) => open.has(i.invoiceId)).map((i) => ({
        id: i.invoiceId, number: i.number, status: upper(i.status), customer: customerRef(i.customerId), project: projectRef(i.projectId),
        grossTotal: money(i.grossTotal, i.currency),
        openExceptions: open.get(i.invoiceId)!.map((e) => ({
          id: e.exceptionId, stage: e.stage, code: e.code, message: e.message, raisedAt: instant(e.raisedAt), ageHours: ageHours(e.raisedAt, now),
        })),
      }));
    }
    case 'project-months':
      return projects
        .filter((p) => parameters.status === undefined || upper(p.status) === parameters.status)
        .map((p) => ({
          id: p.projectId, name: p.name, currency: p.currency, legalEntityId: p.legalEntityId, customer: customerRef(p.customerId),
          months: overTime.projectMonths(facts, p.projectId, parameters.from, parameters.to).map((m) => monthRow(m, p.currency)),
        }));
    case 'portfolio-months': {
      const scope = scopeOf(parameters.legalEntityId);
      if (!scope.visible) return [];
      return overTime.portfolioMonths(facts, parameters.from, parameters.to, scope.sums).map((m) => ({
        ...monthRow(m, m.currency), currency: m.currency, legalEntityId: scope.named, projectCount: m.projectCount,
      }));
    }
    case 'receivables-aging':
    case 'unbilled-aging': {
      const scope = scopeOf(parameters.legalEntityId);
      if (!scope.visible) return [];
      const asOf = parameters.asOf;
      if (asOf === undefined) throw new Error(`${name}: give asOf, the oracle has no "today"`);
      return name === 'receivables-aging'
        ? aging(overTime.receivablesAging(facts, asOf, scope.sums), scope.named, true)
        : aging(overTime.unbilledAging(facts, asOf, scope.sums), scope.named, false);
    }
    case 'unbilled-facts':
      return overTime.unbilledFacts(facts, Number(parameters.olderThanDays), parameters.asOf!)
        .filter((f) => sees(figures.projects[f.projectId]!.legalEntityId))
        .map((f) => ({
          id: f.id, kind: f.kind, factDate: f.factDate, ageDays: f.ageDays, amount: money(f.amount, f.currency),
          project: { ...projectRef(f.projectId), legalEntityId: figures.projects[f.projectId]!.legalEntityId }, customer: customerRef(f.customerId),
        }));
    default:
      throw new Error(`no expected rows for report ${name}: add them here`);
  }
}

/** Rows of a connection report in id order, for comparing regardless of the API's order. */
export function byId(rows: readonly ReportRow[]): ReportRow[] {
  return [...rows].sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
}

/** Served rows equal the expected ones, row by row, every field of the oracle's: a field missing, added or off by a character fails. */
export function assertSameRows(served: readonly unknown[], expected: readonly ReportRow[], what: string): void {
  assert.equal(served.length, expected.length, `${what}: ${served.length} rows served, the oracle has ${expected.length}`);
  expected.forEach((row, i) => assert.deepEqual(served[i], row, `${what}: row ${i} (${JSON.stringify(row).slice(0, 80)}…)`));
}

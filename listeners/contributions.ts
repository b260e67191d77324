/**
 * How each fact row counts in the figures of docs/api.md#figures.
 *
 * Figures are running totals: when a fact changes, the runtime subtracts the
 * old row's contribution and adds the new one's. Every rule of docs/api.md#figures lives
 * here, once, so that rule and increment can never disagree.
 */
import Big from 'big.js';
import { dec, decimalText } from '../events/decimal';
import type { InvoiceRow, ProjectTotals, RowByTable, TableName } from './rows';

/**
 * Decimal texts added to the project's totals (a field absent adds nothing).
 * Texts, not big.js values: the rows already hold them as text, and the
 * running totals add them exactly without a decimal object per fact.
 */
export type Totals = Partial<Record<keyof ProjectTotals, string>>;

/**
 * What a fact adds to its project, and the day it counts on (docs/api.md,
 * "Figures over time"): a time entry's `workDate`, an expense's
 * `expenseDate`, a milestone's approval (UTC date of the event's `time`), an
 * invoice's `invoiceDate`, a revenue event's `period` (its first day). The
 * month figures and the unbilled aging take the same totals by that day, so
 * months always sum to the all-time figures.
 */
export interface ProjectContribution { projectId: string; totals: Totals; day: string }
/**
 * What a posted invoice adds to receivables: its account's outstanding
 * balance, and the same amount due by its `dueDate`, its gross total by its
 * `invoiceDate` (for DSO), under its project's legal entity.
 */
export interface BalanceContribution {
  accountId: string; currency: string; outstanding: string; postedInvoices: number;
  projectId: string; dueDate: string; invoiceDate: string; grossTotal: string;
}

/** The UTC calendar day of an RFC 3339 timestamp (any offset, any fraction digits). */
export function utcDayOf(timestamp: string): string {
  // Already UTC (as Postgres gives it back, or a sender wrote it): no Date needed.
  if (timestamp.endsWith('Z')) return timestamp.slice(0, 10);
  return new Date(timestamp).toISOString().slice(0, 10);
}

/** A posted, not voided invoice's gross total (posted value, else net + tax). */
export function grossTotalOf(invoice: InvoiceRow): Big {
  return invoice.postedGrossTotal !== null
    ? dec(invoice.postedGrossTotal)
    : dec(invoice.netTotal).plus(invoice.taxTotal ?? '0');
}

/** What one row adds to its project's running totals (undefined: nothing). */
export function projectContribution<T extends TableName>(table: T, row: RowByTable[T]): ProjectContribution | undefined {
  switch (table) {
    case 'time_entry': {
      const entry = row as RowByTable['time_entry'];
      if (entry.status !== 'approved') return undefined; // approved or billed count
      const hours = entry.hours;
      const bill = entry.billAmount ?? '0';
      const unbilled = entry.billable && entry.billedByInvoiceIds.length === 0;
      return {
        projectId: entry.projectId,
        day: entry.workDate,
        totals: {
          approvedHours: hours,
          billableApprovedHours: entry.billable ? hours : undefined,
          laborCost: entry.costAmount ?? '0',
          billableWorkAmount: entry.billable ? bill : undefined,
          unbilledApprovedAmount: unbilled ? bill : undefined,
          unbilledApprovedHours: unbilled ? hours : undefined,
        },
      };
    }
    case 'expense': {
      const expense = row as RowByTable['expense'];
      const bill = expense.billable ? expense.billAmount : undefined;
      return {
        projectId: expense.projectId,
        day: expense.expenseDate,
        totals: {
          expenseCost: expense.amount,
          billableWorkAmount: bill,
          unbilledApprovedAmount: expense.billedByInvoiceIds.length === 0 ? bill : undefined,
        },
      };
    }
    case 'milestone': {
      const milestone = row as RowByTable['milestone'];
      const amount = milestone.amount;
      return {
        projectId: milestone.projectId,
        day: utcDayOf(milestone.approvedAt),
        totals: {
          approvedMilestoneAmount: amount,
          unbilledApprovedAmount: milestone.billedByInvoiceIds.length === 0 ? amount : undefined,
        },
      };
    }
    case 'invoice': {
      const invoice = row as RowByTable['invoice'];
      if (invoice.status !== 'posted') return undefined;
      return { projectId: invoice.projectId, day: invoice.invoiceDate!, totals: { billedAmount: invoice.netTotal } };
    }
    case 'revenue_event': {
      const revenue = row as RowByTable['revenue_event'];
      if (revenue.reversed) return undefined;
      return { projectId: revenue.projectId, day: `${revenue.period}-01`, totals: { recognizedRevenue: revenue.amount } };
    }
    default:
      return undefined;
  }
}

/** What an invoice adds to its account's outstanding balance (amountDue of posted, not voided). */
export function balanceContribution<T extends TableName>(table: T, row: RowByTable[T]): BalanceContribution | undefined {
  if (table !== 'invoice') return undefined;
  const invoice = row as RowByTable['invoice'];
  if (invoice.status !== 'posted') return undefined;
  const gross = grossTotalOf(invoice);
  return {
    accountId: invoice.accountId,
    currency: invoice.currency,
    outstanding: decimalText(gross.minus(invoice.amountPaid)),
    postedInvoices: 1,
    projectId: invoice.projectId,
    // A posted invoice always has both (the posting carries them).
    dueDate: invoice.dueDate!,
    invoiceDate: invoice.invoiceDate!,
    grossTotal: decimalText(gross),
  };
}

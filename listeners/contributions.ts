/**
 * How each fact row counts in the figures of CONTRACT.md section 4.
 *
 * Figures are running totals: when a fact changes, the runtime subtracts the
 * old row's contribution and adds the new one's. Every rule of section 4 lives
 * here, once, so that rule and increment can never disagree.
 */
import Big from 'big.js';
import { dec, ZERO } from '../events/decimal';
import type { InvoiceRow, ProjectTotals, RowByTable, TableName } from './rows';

export type Totals = Partial<Record<keyof ProjectTotals, Big>>;

export interface ProjectContribution { projectId: string; totals: Totals }
export interface BalanceContribution { accountId: string; currency: string; outstanding: Big; postedInvoices: number }

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
      const hours = dec(entry.hours);
      const bill = dec(entry.billAmount ?? '0');
      const unbilled = entry.billable && entry.billedByInvoiceIds.length === 0;
      return {
        projectId: entry.projectId,
        totals: {
          approvedHours: hours,
          billableApprovedHours: entry.billable ? hours : ZERO,
          laborCost: dec(entry.costAmount ?? '0'),
          billableWorkAmount: entry.billable ? bill : ZERO,
          unbilledApprovedAmount: unbilled ? bill : ZERO,
          unbilledApprovedHours: unbilled ? hours : ZERO,
        },
      };
    }
    case 'expense': {
      const expense = row as RowByTable['expense'];
      const bill = expense.billable ? dec(expense.billAmount) : ZERO;
      return {
        projectId: expense.projectId,
        totals: {
          expenseCost: dec(expense.amount),
          billableWorkAmount: bill,
          unbilledApprovedAmount: expense.billedByInvoiceIds.length === 0 ? bill : ZERO,
        },
      };
    }
    case 'milestone': {
      const milestone = row as RowByTable['milestone'];
      const amount = dec(milestone.amount);
      return {
        projectId: milestone.projectId,
        totals: {
          approvedMilestoneAmount: amount,
          unbilledApprovedAmount: milestone.billedByInvoiceIds.length === 0 ? amount : ZERO,
        },
      };
    }
    case 'invoice': {
      const invoice = row as RowByTable['invoice'];
      if (invoice.status !== 'posted') return undefined;
      return { projectId: invoice.projectId, totals: { billedAmount: dec(invoice.netTotal) } };
    }
    case 'revenue_event': {
      const revenue = row as RowByTable['revenue_event'];
      if (revenue.reversed) return undefined;
      return { projectId: revenue.projectId, totals: { recognizedRevenue: dec(revenue.amount) } };
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
  return {
    accountId: invoice.accountId,
    currency: invoice.currency,
    outstanding: grossTotalOf(invoice).minus(invoice.amountPaid),
    postedInvoices: 1,
  };
}

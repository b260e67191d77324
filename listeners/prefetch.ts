/**
 * The rows an event will read, known from its data alone, so a whole batch
 * loads them in a few queries instead of one round trip per event. Only an
 * optimization: a row missed here is loaded when the listener asks for it.
 */
import type { BusinessEvent } from '../events/types';
import { keyOf, type Key } from './keys';
import { invoiceLinesKey } from './unitOfWork';

const LINE_FACT_TABLE = { time: 'time_entry', expense: 'expense', milestone: 'milestone' } as const;

export function prefetchKeys(event: BusinessEvent): Key[] {
  const keys: Key[] = [];
  if (event.sequence !== undefined) keys.push(keyOf('stream_position', event.source, event.subject));
  switch (event.type) {
    case 'ps.customer.account.upserted':
      keys.push(keyOf('account', event.data.accountId));
      break;
    case 'ps.customer.account.merged':
      keys.push(keyOf('account', event.data.survivorAccountId), keyOf('account', event.data.mergedAccountId));
      break;
    case 'ps.project.project.created':
      keys.push(keyOf('project', event.data.projectId), keyOf('account', event.data.accountId));
      break;
    case 'ps.project.project.status_changed':
      keys.push(keyOf('project', event.data.projectId));
      break;
    case 'ps.project.time_entry.submitted':
      keys.push(keyOf('time_entry', event.data.timeEntryId), keyOf('project', event.data.projectId));
      break;
    case 'ps.project.time_entry.approved':
    case 'ps.project.time_entry.rejected':
      keys.push(keyOf('time_entry', event.data.timeEntryId));
      break;
    case 'ps.project.expense.approved':
      keys.push(keyOf('expense', event.data.expenseId), keyOf('project', event.data.projectId));
      break;
    case 'ps.project.milestone.approved':
      keys.push(keyOf('milestone', event.data.milestoneId), keyOf('project', event.data.projectId));
      break;
    case 'ps.billing.invoice.drafted':
      keys.push(keyOf('invoice', event.data.invoiceId), keyOf('project', event.data.projectId), keyOf('account', event.data.accountId));
      for (const line of event.data.lines) {
        if (line.kind !== 'fee') for (const id of line.sourceIds) keys.push(keyOf(LINE_FACT_TABLE[line.kind], id));
      }
      break;
    case 'ps.billing.invoice.exception_raised':
    case 'ps.billing.invoice.exception_resolved':
      keys.push(keyOf('invoice', event.data.invoiceId), keyOf('invoice_exception', event.data.invoiceId, event.data.exceptionId));
      break;
    case 'ps.billing.invoice.posted':
    case 'ps.billing.invoice.voided':
      keys.push(keyOf('invoice', event.data.invoiceId), invoiceLinesKey(event.data.invoiceId));
      break;
    case 'ps.billing.invoice.tax_calculated':
    case 'ps.billing.invoice.sent':
      keys.push(keyOf('invoice', event.data.invoiceId));
      break;
    case 'ps.billing.payment.received':
      keys.push(keyOf('payment', event.data.paymentId), ...event.data.allocations.map((a) => keyOf('invoice', a.invoiceId)));
      break;
    case 'ps.revenue.revenue_event.recognized':
      keys.push(keyOf('revenue_event', event.data.revenueEventId), keyOf('project', event.data.projectId));
      break;
    case 'ps.revenue.revenue_event.reversed':
      keys.push(keyOf('revenue_event', event.data.revenueEventId));
      break;
    default: {
      const unhandled: never = event;
      throw new Error(`no prefetch for ${(unhandled as { type: string }).type}`);
    }
  }
  return keys;
}

/** Routes each event to the listener of its domain. */
import type { BusinessEvent } from '../events/types';
import { evolveBilling } from './billing';
import { evolveCustomer } from './customer';
import type { Decision } from './decision';
import { evolveProject } from './project';
import { evolveRevenue } from './revenue';
import type { ReadView } from './view';

/**
 * Decides what one event does to the read model, given the read model so far.
 * Pure: the same view and event give the same decision.
 */
export function evolve(view: ReadView, event: BusinessEvent): Decision {
  switch (event.type) {
    case 'ps.customer.account.upserted':
    case 'ps.customer.account.merged':
      return evolveCustomer(view, event);
    case 'ps.project.project.created':
    case 'ps.project.project.status_changed':
    case 'ps.project.time_entry.submitted':
    case 'ps.project.time_entry.approved':
    case 'ps.project.time_entry.rejected':
    case 'ps.project.expense.approved':
    case 'ps.project.milestone.approved':
      return evolveProject(view, event);
    case 'ps.billing.invoice.drafted':
    case 'ps.billing.invoice.tax_calculated':
    case 'ps.billing.invoice.exception_raised':
    case 'ps.billing.invoice.exception_resolved':
    case 'ps.billing.invoice.posted':
    case 'ps.billing.invoice.sent':
    case 'ps.billing.invoice.voided':
    case 'ps.billing.payment.received':
      return evolveBilling(view, event);
    case 'ps.revenue.revenue_event.recognized':
    case 'ps.revenue.revenue_event.reversed':
      return evolveRevenue(view, event);
    default: {
      const unhandled: never = event;
      throw new Error(`no listener for ${(unhandled as { type: string }).type}`);
    }
  }
}

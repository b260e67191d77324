/**
 * The optional `illegal` appendix: a few events after the whole firm that
 * break a lifecycle rule of docs/events.md#lifecycles, so that tests can check
 * that the hub turns each into an ILLEGAL_TRANSITION exception and changes
 * nothing. Each continues its stream's sequence, so it is applied (not
 * parked) once its predecessors are.
 */
import type { BusinessEvent } from '../events/types';
import { MINUTE } from './calendar';
import { centsText } from './cents';
import type { Sim } from './sim';

export function appendIllegal(sim: Sim): BusinessEvent[] {
  let at = Math.max(sim.horizonEnd, sim.emitter.clock) + 60 * MINUTE;
  const next = () => (at += 7 * MINUTE);
  const [first, second] = sim.approved;
  if (first) {
    // approving a time entry that is approved (or billed), not submitted
    sim.emitter.emit('psa', 'ps.project.time_entry.approved', {
      timeEntryId: first.id,
      approvedBy: first.project.manager.id,
      billRate: { amount: centsText(first.project.billRates.get(first.consultant.role)!), currency: first.project.currency },
      costRate: { amount: centsText(first.project.costRates.get(first.consultant.id)!), currency: first.project.currency },
    }, next(), first.stream);
  }
  if (second) {
    // rejecting a time entry that is no longer submitted
    sim.emitter.emit('psa', 'ps.project.time_entry.rejected', { timeEntryId: second.id, rejectedBy: second.project.manager.id, reason: 'Late second thoughts' }, next(), second.stream);
  }
  if (sim.paidInvoice) {
    // voiding an invoice with payments allocated to it
    sim.emitter.emit('erp', 'ps.billing.invoice.voided', { invoiceId: sim.paidInvoice.id, reason: 'Voided after payment' }, next(), sim.paidInvoice.erpStream);
  }
  if (sim.endedProject) {
    // moving a closed or cancelled project
    sim.emitter.emit('psa', 'ps.project.project.status_changed', { projectId: sim.endedProject.id, status: 'active' }, next(), sim.endedProject.stream);
  }
  return sim.out.splice(0);
}

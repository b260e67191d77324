/** Billing listener: invoices, tax, exceptions, posting, voiding, payments (docs/events.md#billing-domain-system-of-record-billing-platform-posting-by-the-erp, docs/events.md#lifecycles). */
import { dec, decimalText, ZERO } from '../events/decimal';
import type { EventOf, InvoiceLineKind } from '../events/types';
import { apply, currencyMismatch, illegal, park, write, type Decision, type Write } from './decision';
import { keyOf, type Key } from './keys';
import type { InvoiceLineRow, InvoiceRow, TableName } from './rows';
import type { ReadView } from './view';

export type BillingEvent =
  | EventOf<'ps.billing.invoice.drafted'>
  | EventOf<'ps.billing.invoice.tax_calculated'>
  | EventOf<'ps.billing.invoice.exception_raised'>
  | EventOf<'ps.billing.invoice.exception_resolved'>
  | EventOf<'ps.billing.invoice.posted'>
  | EventOf<'ps.billing.invoice.sent'>
  | EventOf<'ps.billing.invoice.voided'>
  | EventOf<'ps.billing.payment.received'>;

/** The table of the facts a line of each kind bills (fee lines bill no recorded fact). */
const FACT_TABLE: Readonly<Record<InvoiceLineKind, 'time_entry' | 'expense' | 'milestone' | undefined>> = {
  time: 'time_entry', expense: 'expense', milestone: 'milestone', fee: undefined,
};

interface FactRef { table: 'time_entry' | 'expense' | 'milestone'; id: string }

function factsOf(lines: readonly Pick<InvoiceLineRow, 'kind' | 'sourceIds'>[]): FactRef[] {
  const refs: FactRef[] = [];
  for (const line of lines) {
    const table = FACT_TABLE[line.kind];
    if (table) for (const id of line.sourceIds) refs.push({ table, id });
  }
  return refs;
}

function withInvoice(view: ReadView, invoiceId: string, then: (invoice: InvoiceRow) => Decision): Decision {
  const invoice = view.get('invoice', invoiceId);
  if (!invoice) return park(keyOf('invoice', invoiceId), `invoice ${invoiceId} has not been drafted yet`);
  return then(invoice);
}

/**
 * Adds the invoice to (posting) or removes it from (voiding) the set of
 * invoices billing each fact its lines name. A set, not one id: postings and
 * voids of different invoices naming the same fact commute.
 */
function markFacts(view: ReadView, invoiceId: string, billed: boolean): Write[] {
  const refs = factsOf(view.invoiceLines(invoiceId));
  view.prefetch(refs.map((ref) => keyOf(ref.table, ref.id)));
  const writes: Write[] = [];
  for (const ref of refs) {
    const fact = view.get(ref.table, ref.id);
    if (!fact) continue;
    const others = fact.billedByInvoiceIds.filter((id) => id !== invoiceId);
    const next = billed ? [...others, invoiceId].sort() : others;
    if (next.length === fact.billedByInvoiceIds.length && next.every((id, i) => id === fact.billedByInvoiceIds[i])) continue;
    writes.push({ table: ref.table, row: { ...fact, billedByInvoiceIds: next } } as Write);
  }
  return writes;
}

function laterOf(a: string | null, b: string): string {
  return a !== null && Date.parse(a) >= Date.parse(b) ? a : b;
}

export function evolveBilling(view: ReadView, event: BillingEvent): Decision {
  switch (event.type) {
    case 'ps.billing.invoice.drafted': {
      const d = event.data;
      const facts = factsOf(d.lines);
      const needed: { table: TableName; id: string; what: string }[] = [
        { table: 'project', id: d.projectId, what: `project ${d.projectId}` },
        { table: 'account', id: d.accountId, what: `account ${d.accountId}` },
        ...facts.map((f) => ({ table: f.table, id: f.id, what: `${f.table.replace('_', ' ')} ${f.id} named by a line` })),
      ];
      view.prefetch([keyOf('invoice', d.invoiceId), ...needed.map((n): Key => keyOf(n.table, n.id))]);
      if (view.get('invoice', d.invoiceId)) return illegal(`invoice ${d.invoiceId} is already drafted`);
      for (const n of needed) {
        if (!view.get(n.table, n.id)) return park(keyOf(n.table, n.id), `${n.what} of invoice ${d.invoiceId} has not arrived`);
      }
      const project = view.get('project', d.projectId)!;
      if (d.currency !== project.currency) {
        return currencyMismatch(`invoice ${d.invoiceId} is in ${d.currency} but project ${project.id} is in ${project.currency}`);
      }
      const foreignLine = d.lines.findIndex((line) => line.amount.currency !== d.currency);
      if (foreignLine >= 0) {
        return currencyMismatch(`data.lines[${foreignLine}].amount is in ${d.lines[foreignLine]!.amount.currency} but invoice ${d.invoiceId} is in ${d.currency}`);
      }
      const net = d.lines.reduce((sum, line) => sum.plus(line.amount.amount), ZERO);
      return apply(
        write('invoice', {
          id: d.invoiceId, accountId: d.accountId, projectId: d.projectId, currency: d.currency,
          status: 'draft', taxStatus: 'pending', netTotal: decimalText(net), taxTotal: null,
          postedGrossTotal: null, amountPaid: '0', invoiceNumber: null, invoiceDate: null, dueDate: null,
          draftedAt: event.time, postedAt: null, sentAt: null, voidedAt: null,
        }),
        ...d.lines.map((line) => write('invoice_line', {
          invoiceId: d.invoiceId, lineId: line.lineId, kind: line.kind, sourceIds: line.sourceIds,
          amount: line.amount.amount, description: line.description ?? null,
        })),
      );
    }
    case 'ps.billing.invoice.tax_calculated': {
      const d = event.data;
      return withInvoice(view, d.invoiceId, (invoice) => {
        if (invoice.taxStatus === 'succeeded') return illegal(`tax of invoice ${invoice.id} already succeeded`);
        if (d.taxTotal && d.taxTotal.currency !== invoice.currency) {
          return currencyMismatch(`data.taxTotal is in ${d.taxTotal.currency} but invoice ${invoice.id} is in ${invoice.currency}`);
        }
        return apply(write('invoice', {
          ...invoice, taxStatus: d.taxStatus,
          taxTotal: d.taxStatus === 'succeeded' && d.taxTotal ? d.taxTotal.amount : invoice.taxTotal,
        }));
      });
    }
    case 'ps.billing.invoice.exception_raised': {
      const d = event.data;
      view.prefetch([keyOf('invoice', d.invoiceId), keyOf('invoice_exception', d.invoiceId, d.exceptionId)]);
      return withInvoice(view, d.invoiceId, (invoice) => {
        if (view.get('invoice_exception', d.invoiceId, d.exceptionId)) {
          return illegal(`exception ${d.exceptionId} of invoice ${d.invoiceId} was already raised`);
        }
        return apply(write('invoice_exception', {
          invoiceId: invoice.id, exceptionId: d.exceptionId, stage: d.stage, code: d.code, message: d.message ?? null,
          raisedAt: event.time, resolvedAt: null, resolution: null,
        }));
      });
    }
    case 'ps.billing.invoice.exception_resolved': {
      const d = event.data;
      const raised = view.get('invoice_exception', d.invoiceId, d.exceptionId);
      if (!raised) {
        return park(keyOf('invoice_exception', d.invoiceId, d.exceptionId),
          `exception ${d.exceptionId} of invoice ${d.invoiceId} has not been raised yet`);
      }
      if (raised.resolvedAt !== null) return illegal(`exception ${d.exceptionId} of invoice ${d.invoiceId} is already resolved`);
      return apply(write('invoice_exception', { ...raised, resolvedAt: event.time, resolution: d.resolution ?? null }));
    }
    case 'ps.billing.invoice.posted': {
      const d = event.data;
      return withInvoice(view, d.invoiceId, (invoice) => {
        if (invoice.status !== 'draft') return illegal(`invoice ${invoice.id} is ${invoice.status}; only a draft may be posted`);
        if (d.grossTotal.currency !== invoice.currency) {
          return currencyMismatch(`data.grossTotal is in ${d.grossTotal.currency} but invoice ${invoice.id} is in ${invoice.currency}`);
        }
        return apply(write('invoice', {
          ...invoice, status: 'posted', invoiceNumber: d.invoiceNumber, invoiceDate: d.invoiceDate,
          dueDate: d.dueDate, postedGrossTotal: d.grossTotal.amount, postedAt: event.time,
        }), ...markFacts(view, invoice.id, true));
      });
    }
    case 'ps.billing.invoice.sent': {
      return withInvoice(view, event.data.invoiceId, (invoice) =>
        apply(write('invoice', { ...invoice, sentAt: laterOf(invoice.sentAt, event.time) })));
    }
    case 'ps.billing.invoice.voided': {
      return withInvoice(view, event.data.invoiceId, (invoice) => {
        // A draft may be cancelled too (it billed nothing); voiding twice is illegal.
        if (invoice.status === 'voided') return illegal(`invoice ${invoice.id} is already voided`);
        if (dec(invoice.amountPaid).gt(0)) {
          return illegal(`invoice ${invoice.id} has ${invoice.amountPaid} ${invoice.currency} of payments allocated and cannot be voided`);
        }
        const unbilled = invoice.status === 'posted' ? markFacts(view, invoice.id, false) : [];
        return apply(write('invoice', { ...invoice, status: 'voided', voidedAt: event.time }), ...unbilled);
      });
    }
    case 'ps.billing.payment.received': {
      const d = event.data;
      const invoiceIds = [...new Set(d.allocations.map((a) => a.invoiceId))];
      view.prefetch([keyOf('payment', d.paymentId), ...invoiceIds.map((id) => keyOf('invoice', id))]);
      if (view.get('payment', d.paymentId)) return illegal(`payment ${d.paymentId} was already received`);
      const paidByInvoice = new Map<string, ReturnType<typeof dec>>();
      for (const [index, allocation] of d.allocations.entries()) {
        const invoice = view.get('invoice', allocation.invoiceId);
        if (!invoice) {
          return park(keyOf('invoice', allocation.invoiceId), `invoice ${allocation.invoiceId} of payment ${d.paymentId} has not been drafted yet`);
        }
        if (allocation.amount.currency !== invoice.currency) {
          return currencyMismatch(`data.allocations[${index}].amount is in ${allocation.amount.currency} but invoice ${invoice.id} is in ${invoice.currency}`);
        }
        paidByInvoice.set(invoice.id, (paidByInvoice.get(invoice.id) ?? ZERO).plus(allocation.amount.amount));
      }
      const writes: Write[] = [write('payment', {
        id: d.paymentId, accountId: d.accountId, amount: d.amount.amount, currency: d.amount.currency,
        receivedDate: d.receivedDate,
      })];
      for (const [invoiceId, paid] of paidByInvoice) {
        const invoice = view.get('invoice', invoiceId)!;
        writes.push(
          write('payment_allocation', { paymentId: d.paymentId, invoiceId, amount: decimalText(paid) }),
          write('invoice', { ...invoice, amountPaid: decimalText(dec(invoice.amountPaid).plus(paid)) }),
        );
      }
      return apply(...writes);
    }
    default: {
      const unhandled: never = event;
      throw new Error(`billing listener got ${(unhandled as { type: string }).type}`);
    }
  }
}

/**
 * The test oracle: the figures of docs/api.md#figures computed directly
 * from a set of events, by the contract's own definitions (docs/events.md, docs/api.md#figures)
 * and the readings written down in docs/figures.md. It shares no code with
 * the listeners on purpose: when the hub and the oracle agree, two
 * independent readings of the contract agree.
 *
 * The oracle applies events in business order (the order the simulator
 * produces them), ignores repeated (source, id) pairs, and turns an event that
 * breaks a lifecycle (docs/events.md#lifecycles) (or mixes currencies) into an entry of
 * `exceptions` that changes nothing, as the hub does. It assumes otherwise consistent input: an event
 * naming an aggregate it has not seen is an {@link OracleError}.
 */
import Big from 'big.js';
import { dec, decimalText, moneyText, roundMoney, ZERO } from '../events/decimal';
import type {
  BillingModel, BusinessEvent, InvoiceLineKind, Money, ProjectStatus,
} from '../events/types';

// ── output ───────────────────────────────────────────────────────────────────

/** Money amounts are strings with 2 fraction digits ("12.50"), hours plain decimals ("7.5"). */
export interface ProjectFigures {
  readonly projectId: string;
  readonly name: string;
  /** The account the project names, and the customer it counts under (the survivor after a merge). */
  readonly accountId: string;
  readonly customerId: string;
  readonly billingModel: BillingModel;
  readonly status: ProjectStatus;
  readonly currency: string;
  readonly legalEntityId: string;
  readonly approvedHours: string;
  readonly billableApprovedHours: string;
  readonly laborCost: string;
  readonly expenseCost: string;
  readonly billedAmount: string;
  readonly unbilledApprovedAmount: string;
  readonly unbilledApprovedHours: string;
  readonly recognizedRevenue: string;
  readonly margin: string;
  readonly marginPercent: string | null;
  readonly revenueBacklog: string | null;
}

export type InvoiceStatus = 'draft' | 'posted' | 'voided';
export type TaxStatus = 'pending' | 'succeeded' | 'failed';
export type PaymentState = 'not_paid' | 'partial' | 'paid';

export interface InvoiceFigures {
  readonly invoiceId: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly taxStatus: TaxStatus;
  readonly paymentState: PaymentState;
  readonly netTotal: string;
  /** null until a tax calculation succeeded. */
  readonly taxTotal: string | null;
  readonly grossTotal: string;
  readonly amountPaid: string;
  /** null until posted; "0.00" once voided. */
  readonly amountDue: string | null;
  readonly number: string | null;
  readonly dueDate: string | null;
  readonly draftedAt: string;
  readonly postedAt: string | null;
  readonly sentAt: string | null;
  /** Ids of raised, not resolved exceptions, in the order raised. */
  readonly openExceptions: readonly string[];
}

/** An exception raised on an invoice and not resolved, as `Invoice.openExceptions` lists it. */
export interface InvoiceExceptionFigures {
  readonly invoiceId: string;
  readonly exceptionId: string;
  readonly stage: string;
  readonly code: string;
  readonly message: string | null;
  /** The time of the event that raised it. */
  readonly raisedAt: string;
}

export type CustomerStatus = 'active' | 'inactive' | 'merged';

export interface CustomerFigures {
  readonly customerId: string;
  readonly name: string;
  readonly legalEntityId: string;
  readonly billingCurrency: string;
  readonly status: CustomerStatus;
  /** The survivor it now counts under (following chains of merges), or null. */
  readonly mergedInto: string | null;
  /** Projects and invoices naming it or an account merged into it. */
  readonly projectIds: readonly string[];
  readonly invoiceIds: readonly string[];
  /** One Money per currency with a posted, not voided invoice, sorted by currency; [] for merged accounts. */
  readonly outstandingBalance: readonly Money[];
}

export interface PortfolioFigures {
  readonly currency: string;
  /** null: all legal entities. */
  readonly legalEntityId: string | null;
  readonly projectCount: number;
  readonly approvedHours: string;
  readonly laborCost: string;
  readonly expenseCost: string;
  readonly billedAmount: string;
  readonly unbilledApprovedAmount: string;
  readonly recognizedRevenue: string;
  readonly margin: string;
  readonly marginPercent: string | null;
  readonly outstandingBalance: string;
  readonly openInvoiceExceptions: number;
}

/**
 * An event that changes nothing and becomes an exception for operators:
 * `ILLEGAL_TRANSITION` (a lifecycle of docs/events.md#lifecycles broken) or `CURRENCY_MISMATCH`
 * (an amount in a currency other than its project's or invoice's).
 */
export interface HubException {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly code: 'ILLEGAL_TRANSITION' | 'CURRENCY_MISMATCH';
  readonly reason: string;
}

export interface ExpectedFigures {
  /** By id, sorted by id. */
  readonly projects: Readonly<Record<string, ProjectFigures>>;
  readonly invoices: Readonly<Record<string, InvoiceFigures>>;
  readonly customers: Readonly<Record<string, CustomerFigures>>;
  /** One row per currency, sorted by currency. */
  readonly portfolio: readonly PortfolioFigures[];
  /** One row per (legal entity, currency), sorted by legal entity then currency. */
  readonly portfolioByLegalEntity: readonly PortfolioFigures[];
  /** Events that became exceptions, in the order applied. */
  readonly exceptions: readonly HubException[];
  /** Events applied (exceptions included) and repeated (source, id) pairs skipped. */
  readonly events: { readonly applied: number; readonly duplicates: number };
}

/** A project as the figures over time group it. */
export interface DatedProject { readonly projectId: string; readonly currency: string; readonly legalEntityId: string; readonly customerId: string }

/** The counting facts with their dates (see {@link Oracle.datedFacts}). */
export interface DatedFacts {
  readonly projects: ReadonlyMap<string, DatedProject>;
  /** Approved (or billed) time entries; billAmount only when billable. */
  readonly time: readonly { id: string; projectId: string; workDate: string; hours: string; cost: Big; billAmount?: Big; billed: boolean }[];
  /** Approved expenses; billAmount only when billable. */
  readonly expenses: readonly { id: string; projectId: string; expenseDate: string; cost: Big; billAmount?: Big; billed: boolean }[];
  readonly milestones: readonly { id: string; projectId: string; approvedAt: string; amount: Big; billed: boolean }[];
  /** Posted, not voided invoices. */
  readonly invoices: readonly { id: string; projectId: string; currency: string; invoiceDate: string; dueDate: string; net: Big; gross: Big; due: Big }[];
  /** Revenue events not reversed. */
  readonly revenue: readonly { id: string; projectId: string; period: string; amount: Big }[];
}

export class OracleError extends Error {
  constructor(readonly event: BusinessEvent, message: string) {
    super(`${event.type} ${event.source} ${event.id}: ${message}`);
    this.name = 'OracleError';
  }
}

// ── state ────────────────────────────────────────────────────────────────────

interface AccountState {
  name: string;
  legalEntityId: string;
  billingCurrency: string;
  status: 'active' | 'inactive';
  mergedInto?: string;
}

interface ProjectState {
  accountId: string;
  name: string;
  billingModel: BillingModel;
  currency: string;
  legalEntityId: string;
  status: ProjectStatus;
}

type TimeState = 'submitted' | 'approved' | 'rejected';

interface TimeEntryState {
  projectId: string;
  workDate: string;
  hours: string;
  billable: boolean;
  state: TimeState;
  billRate?: string;
  costRate?: string;
}

interface ExpenseState {
  projectId: string;
  expenseDate: string;
  amount: string;
  billable: boolean;
  billAmount?: string;
}

interface MilestoneState {
  projectId: string;
  amount: string;
  /** The time of its (last) approval. */
  approvedAt: string;
}

interface InvoiceState {
  accountId: string;
  projectId: string;
  currency: string;
  net: Big;
  /** `kind:id` of the facts named by time, expense and milestone lines. */
  facts: string[];
  status: InvoiceStatus;
  everPosted: boolean;
  taxStatus: TaxStatus;
  taxTotal?: string;
  postedGross?: string;
  number?: string;
  invoiceDate?: string;
  dueDate?: string;
  paid: Big;
  allocations: number;
  draftedAt: string;
  postedAt?: string;
  sentAt?: string;
  /** By exception id, in the order raised: open until resolved. */
  exceptions: Map<string, { open: boolean; raised: InvoiceExceptionFigures }>;
}

interface RevenueState {
  projectId: string;
  period: string;
  amount: string;
  reversed: boolean;
}

const FACT_KINDS: ReadonlySet<InvoiceLineKind> = new Set(['time', 'expense', 'milestone']);

/**
 * Applies events one by one and answers the expected figures at any moment.
 * Use {@link expectedFigures} for a whole set at once.
 */
export class Oracle {
  private readonly seen = new Set<string>();
  private readonly accounts = new Map<string, AccountState>();
  private readonly projects = new Map<string, ProjectState>();
  private readonly timeEntries = new Map<string, TimeEntryState>();
  private readonly expenses = new Map<string, ExpenseState>();
  private readonly milestones = new Map<string, MilestoneState>();
  private readonly invoices = new Map<string, InvoiceState>();
  private readonly revenue = new Map<string, RevenueState>();
  private readonly payments = new Set<string>();
  private readonly hubExceptions: HubException[] = [];
  private applied = 0;
  private duplicates = 0;

  /**
   * @param options.unique the caller guarantees (source, id) pairs are unique:
   *   skip the duplicate check and its memory on million-event runs.
   */
  constructor(private readonly options: { unique?: boolean } = {}) {}

  apply(event: BusinessEvent): void {
    if (!this.options.unique) {
      const key = `${event.source}\u0000${event.id}`;
      if (this.seen.has(key)) {
        this.duplicates += 1;
        return;
      }
      this.seen.add(key);
    }
    this.applied += 1;
    this.evolve(event);
  }

  private illegal(event: BusinessEvent, reason: string): void {
    this.hubExceptions.push({ source: event.source, id: event.id, type: event.type, subject: event.subject, code: 'ILLEGAL_TRANSITION', reason });
  }

  /** True (and the event becomes a CURRENCY_MISMATCH exception) when a Money is not in `currency`. */
  private mismatch(event: BusinessEvent, currency: string, ...amounts: (Money | undefined)[]): boolean {
    const wrong = amounts.find((m) => m !== undefined && m.currency !== currency);
    if (!wrong) return false;
    this.hubExceptions.push({
      source: event.source, id: event.id, type: event.type, subject: event.subject, code: 'CURRENCY_MISMATCH',
      reason: `expected amounts in ${currency}, but got ${wrong.amount} ${wrong.currency}`,
    });
    return true;
  }

  private need<T>(map: Map<string, T>, id: string, event: BusinessEvent, what: string): T {
    const found = map.get(id);
    if (!found) throw new OracleError(event, `names ${what} "${id}" that no earlier event created (the oracle expects business order)`);
    return found;
  }

  private evolve(event: BusinessEvent): void {
    switch (event.type) {
      case 'ps.customer.account.upserted': {
        const d = event.data;
        const previous = this.accounts.get(d.accountId);
        this.accounts.set(d.accountId, {
          name: d.name,
          legalEntityId: d.legalEntityId,
          billingCurrency: d.billingCurrency,
          status: d.status ?? 'active',
          mergedInto: previous?.mergedInto, // a merge is never undone by an upsert
        });
        return;
      }
      case 'ps.customer.account.merged': {
        const d = event.data;
        if (d.survivorAccountId === d.mergedAccountId) return this.illegal(event, 'an account cannot be merged into itself');
        const merged = this.need(this.accounts, d.mergedAccountId, event, 'account');
        this.need(this.accounts, d.survivorAccountId, event, 'account');
        if (merged.mergedInto) return this.illegal(event, `account ${d.mergedAccountId} is already merged into ${merged.mergedInto}`);
        if (this.survivorOf(d.survivorAccountId) === d.mergedAccountId) {
          return this.illegal(event, 'the survivor is itself merged into the account to merge');
        }
        merged.mergedInto = d.survivorAccountId;
        return;
      }
      case 'ps.project.project.created': {
        const d = event.data;
        if (this.projects.has(d.projectId)) return this.illegal(event, `project ${d.projectId} exists already`);
        this.projects.set(d.projectId, {
          accountId: d.accountId, name: d.name, billingModel: d.billingModel, currency: d.currency,
          legalEntityId: d.legalEntityId, status: 'setup',
        });
        return;
      }
      case 'ps.project.project.status_changed': {
        const project = this.need(this.projects, event.data.projectId, event, 'project');
        if ((project.status === 'closed' || project.status === 'cancelled') && event.data.status !== project.status) {
          return this.illegal(event, `a ${project.status} project cannot move to ${event.data.status}`);
        }
        project.status = event.data.status;
        return;
      }
      case 'ps.project.time_entry.submitted': {
        const d = event.data;
        const entry = this.timeEntries.get(d.timeEntryId);
        if (entry && entry.state !== 'rejected') {
          return this.illegal(event, `a ${this.timeStateOf(d.timeEntryId, entry)} time entry cannot be submitted again (only a rejected one)`);
        }
        this.need(this.projects, d.projectId, event, 'project');
        this.timeEntries.set(d.timeEntryId, { projectId: d.projectId, workDate: d.workDate, hours: d.hours, billable: d.billable, state: 'submitted' });
        return;
      }
      case 'ps.project.time_entry.approved': {
        const d = event.data;
        const entry = this.need(this.timeEntries, d.timeEntryId, event, 'time entry');
        if (entry.state !== 'submitted') return this.illegal(event, `only a submitted time entry can be approved, this one is ${this.timeStateOf(d.timeEntryId, entry)}`);
        if (this.mismatch(event, this.projects.get(entry.projectId)!.currency, d.billRate, d.costRate)) return;
        entry.state = 'approved';
        entry.billRate = d.billRate.amount;
        entry.costRate = d.costRate.amount;
        return;
      }
      case 'ps.project.time_entry.rejected': {
        const entry = this.need(this.timeEntries, event.data.timeEntryId, event, 'time entry');
        if (entry.state !== 'submitted') return this.illegal(event, `only a submitted time entry can be rejected, this one is ${this.timeStateOf(event.data.timeEntryId, entry)}`);
        entry.state = 'rejected';
        return;
      }
      case 'ps.project.expense.approved': {
        const d = event.data;
        const project = this.need(this.projects, d.projectId, event, 'project');
        if (this.mismatch(event, project.currency, d.amount, d.billAmount)) return;
        this.expenses.set(d.expenseId, { projectId: d.projectId, expenseDate: d.expenseDate, amount: d.amount.amount, billable: d.billable, billAmount: d.billAmount?.amount });
        return;
      }
      case 'ps.project.milestone.approved': {
        const d = event.data;
        const project = this.need(this.projects, d.projectId, event, 'project');
        if (this.mismatch(event, project.currency, d.amount)) return;
        this.milestones.set(d.milestoneId, { projectId: d.projectId, amount: d.amount.amount, approvedAt: event.time });
        return;
      }
      case 'ps.billing.invoice.drafted': {
        const d = event.data;
        const project = this.need(this.projects, d.projectId, event, 'project');
        if (this.invoices.has(d.invoiceId)) return this.illegal(event, `invoice ${d.invoiceId} exists already`);
        if (this.mismatch(event, project.currency, { amount: '0', currency: d.currency }, ...d.lines.map((l) => l.amount))) return;
        let net = ZERO;
        const facts: string[] = [];
        for (const line of d.lines) {
          net = net.plus(dec(line.amount.amount));
          if (FACT_KINDS.has(line.kind)) for (const id of line.sourceIds) facts.push(`${line.kind}:${id}`);
        }
        this.invoices.set(d.invoiceId, {
          accountId: d.accountId, projectId: d.projectId, currency: d.currency, net, facts,
          status: 'draft', everPosted: false, taxStatus: 'pending', paid: ZERO, allocations: 0,
          draftedAt: event.time, exceptions: new Map(),
        });
        return;
      }
      case 'ps.billing.invoice.tax_calculated': {
        const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
        if (invoice.taxStatus === 'succeeded') return this.illegal(event, 'tax of this invoice was already calculated successfully (only a failed one may be calculated again)');
        if (this.mismatch(event, invoice.currency, event.data.taxTotal)) return;
        invoice.taxStatus = event.data.taxStatus;
        invoice.taxTotal = event.data.taxStatus === 'succeeded' ? event.data.taxTotal?.amount : undefined;
        return;
      }
      case 'ps.billing.invoice.exception_raised': {
        const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
        if (invoice.exceptions.has(event.data.exceptionId)) return this.illegal(event, `exception ${event.data.exceptionId} was raised already`);
        const { invoiceId, exceptionId, stage, code, message } = event.data;
        invoice.exceptions.set(exceptionId, { open: true, raised: { invoiceId, exceptionId, stage, code, message: message ?? null, raisedAt: event.time } });
        return;
      }
      case 'ps.billing.invoice.exception_resolved': {
        const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
        const exception = invoice.exceptions.get(event.data.exceptionId);
        if (exception?.open === false) return this.illegal(event, `exception ${event.data.exceptionId} is already resolved`);
        if (exception) exception.open = false; // never raised: the hub parks it; nothing changes
        return;
      }
      case 'ps.billing.invoice.posted': {
        const d = event.data;
        const invoice = this.need(this.invoices, d.invoiceId, event, 'invoice');
        if (invoice.status !== 'draft') return this.illegal(event, `only a draft invoice can be posted, this one is ${invoice.status}`);
        if (this.mismatch(event, invoice.currency, d.grossTotal)) return;
        invoice.status = 'posted';
        invoice.everPosted = true;
        invoice.number = d.invoiceNumber;
        invoice.invoiceDate = d.invoiceDate;
        invoice.dueDate = d.dueDate;
        invoice.postedGross = d.grossTotal.amount;
        invoice.postedAt = event.time;
        return;
      }
      case 'ps.billing.invoice.sent': {
        const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
        invoice.sentAt = event.time;
        return;
      }
      case 'ps.billing.invoice.voided': {
        const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
        if (invoice.status === 'voided') return this.illegal(event, 'the invoice is already voided');
        if (invoice.allocations > 0) return this.illegal(event, 'an invoice with payments allocated to it cannot be voided');
        invoice.status = 'voided';
        return;
      }
      case 'ps.billing.payment.received': {
        if (this.payments.has(event.data.paymentId)) return this.illegal(event, `payment ${event.data.paymentId} was received already`);
        const invoices = event.data.allocations.map((a) => this.need(this.invoices, a.invoiceId, event, 'invoice'));
        for (let i = 0; i < invoices.length; i++) {
          if (this.mismatch(event, invoices[i].currency, event.data.allocations[i].amount)) return;
        }
        this.payments.add(event.data.paymentId);
        for (const allocation of event.data.allocations) {
          const invoice = this.invoices.get(allocation.invoiceId)!;
          invoice.paid = invoice.paid.plus(dec(allocation.amount.amount));
          invoice.allocations += 1;
        }
        return;
      }
      case 'ps.revenue.revenue_event.recognized': {
        const d = event.data;
        const project = this.need(this.projects, d.projectId, event, 'project');
        if (this.revenue.has(d.revenueEventId)) return this.illegal(event, `revenue event ${d.revenueEventId} was recognized already`);
        if (this.mismatch(event, project.currency, d.amount)) return;
        this.revenue.set(d.revenueEventId, { projectId: d.projectId, period: d.period, amount: d.amount.amount, reversed: false });
        return;
      }
      case 'ps.revenue.revenue_event.reversed': {
        const revenue = this.need(this.revenue, event.data.revenueEventId, event, 'revenue event');
        if (revenue.reversed) return this.illegal(event, `revenue event ${event.data.revenueEventId} is already reversed`);
        revenue.reversed = true;
        return;
      }
      default: {
        const unknown: never = event;
        throw new Error(`oracle: unhandled event type ${(unknown as BusinessEvent).type}`);
      }
    }
  }

  /** A time entry's lifecycle state in the words of docs/events.md#lifecycles (approved becomes billed when on a posted invoice). */
  private timeStateOf(id: string, entry: TimeEntryState): string {
    if (entry.state !== 'approved') return entry.state;
    for (const invoice of this.invoices.values()) {
      if (invoice.status === 'posted' && invoice.facts.includes(`time:${id}`)) return 'billed';
    }
    return 'approved';
  }

  /** The account an id counts under: itself, or the end of its chain of merges. */
  private survivorOf(accountId: string): string {
    let id = accountId;
    for (let hops = 0; hops <= this.accounts.size; hops++) {
      const next = this.accounts.get(id)?.mergedInto;
      if (!next) return id;
      id = next;
    }
    return id; // a cycle cannot arise: merging into one's own merged account is illegal
  }

  // ── figures ────────────────────────────────────────────────────────────────

  /**
   * The facts as they stand, each with its date and amounts, for the figures
   * over time (simulator/oracleOverTime.ts): only what counts (approved time,
   * approved expenses and milestones, posted invoices, revenue not reversed).
   */
  datedFacts(): DatedFacts {
    const billed = new Set<string>();
    for (const invoice of this.invoices.values()) {
      if (invoice.status === 'posted') for (const fact of invoice.facts) billed.add(fact);
    }
    const projects = new Map<string, DatedProject>();
    for (const [id, p] of this.projects) {
      projects.set(id, { projectId: id, currency: p.currency, legalEntityId: p.legalEntityId, customerId: this.survivorOf(p.accountId) });
    }
    const time: Mutable<DatedFacts['time']> = [];
    for (const [id, entry] of this.timeEntries) {
      if (entry.state !== 'approved') continue;
      const hours = dec(entry.hours);
      time.push({
        id, projectId: entry.projectId, workDate: entry.workDate, hours: entry.hours,
        cost: roundMoney(hours.times(dec(entry.costRate!))),
        billAmount: entry.billable ? roundMoney(hours.times(dec(entry.billRate!))) : undefined,
        billed: billed.has(`time:${id}`),
      });
    }
    const expenses: Mutable<DatedFacts['expenses']> = [];
    for (const [id, expense] of this.expenses) {
      expenses.push({
        id, projectId: expense.projectId, expenseDate: expense.expenseDate, cost: dec(expense.amount),
        billAmount: expense.billable ? dec(expense.billAmount ?? expense.amount) : undefined,
        billed: billed.has(`expense:${id}`),
      });
    }
    const milestones: Mutable<DatedFacts['milestones']> = [];
    for (const [id, milestone] of this.milestones) {
      milestones.push({ id, projectId: milestone.projectId, approvedAt: milestone.approvedAt, amount: dec(milestone.amount), billed: billed.has(`milestone:${id}`) });
    }
    const invoices: Mutable<DatedFacts['invoices']> = [];
    for (const [id, inv] of this.invoices) {
      if (inv.status !== 'posted') continue;
      const tax = inv.taxStatus === 'succeeded' && inv.taxTotal !== undefined ? dec(inv.taxTotal) : ZERO;
      const gross = inv.postedGross !== undefined ? dec(inv.postedGross) : inv.net.plus(tax);
      invoices.push({
        id, projectId: inv.projectId, currency: inv.currency, invoiceDate: inv.invoiceDate!, dueDate: inv.dueDate!,
        net: inv.net, gross, due: gross.minus(inv.paid),
      });
    }
    const revenue: Mutable<DatedFacts['revenue']> = [];
    for (const [id, r] of this.revenue) {
      if (!r.reversed) revenue.push({ id, projectId: r.projectId, period: r.period, amount: dec(r.amount) });
    }
    return { projects, time, expenses, milestones, invoices, revenue };
  }

  /** The invoices' open exceptions: by invoice id, each invoice's in the order raised. */
  openInvoiceExceptions(): InvoiceExceptionFigures[] {
    return sortedKeys(this.invoices).flatMap((id) => [...this.invoices.get(id)!.exceptions.values()].filter((e) => e.open).map((e) => e.raised));
  }

  figures(): ExpectedFigures {
    const billed = new Set<string>();
    for (const invoice of this.invoices.values()) {
      if (invoice.status === 'posted') for (const fact of invoice.facts) billed.add(fact);
    }

    const acc = new Map<string, ProjectTotals>();
    for (const id of this.projects.keys()) acc.set(id, newTotals());
    const totalsOf = (projectId: string) => acc.get(projectId)!;

    for (const [id, entry] of this.timeEntries) {
      if (entry.state !== 'approved') continue;
      const t = totalsOf(entry.projectId);
      const hours = dec(entry.hours);
      t.approvedHours = t.approvedHours.plus(hours);
      t.laborCost = t.laborCost.plus(roundMoney(hours.times(dec(entry.costRate!))));
      if (!entry.billable) continue;
      const billAmount = roundMoney(hours.times(dec(entry.billRate!)));
      t.billableApprovedHours = t.billableApprovedHours.plus(hours);
      t.billableWork = t.billableWork.plus(billAmount);
      if (!billed.has(`time:${id}`)) {
        t.unbilledAmount = t.unbilledAmount.plus(billAmount);
        t.unbilledHours = t.unbilledHours.plus(hours);
      }
    }
    for (const [id, expense] of this.expenses) {
      const t = totalsOf(expense.projectId);
      t.expenseCost = t.expenseCost.plus(dec(expense.amount));
      if (!expense.billable) continue;
      const billAmount = dec(expense.billAmount ?? expense.amount);
      t.billableWork = t.billableWork.plus(billAmount);
      if (!billed.has(`expense:${id}`)) t.unbilledAmount = t.unbilledAmount.plus(billAmount);
    }
    for (const [id, milestone] of this.milestones) {
      const t = totalsOf(milestone.projectId);
      const amount = dec(milestone.amount);
      t.milestones = t.milestones.plus(amount);
      if (!billed.has(`milestone:${id}`)) t.unbilledAmount = t.unbilledAmount.plus(amount);
    }
    for (const invoice of this.invoices.values()) {
      if (invoice.status === 'posted') {
        const t = totalsOf(invoice.projectId);
        t.billedAmount = t.billedAmount.plus(invoice.net);
      }
    }
    for (const revenue of this.revenue.values()) {
      if (!revenue.reversed) {
        const t = totalsOf(revenue.projectId);
        t.recognizedRevenue = t.recognizedRevenue.plus(dec(revenue.amount));
      }
    }

    const projects: Record<string, ProjectFigures> = {};
    for (const id of sortedKeys(this.projects)) {
      const p = this.projects.get(id)!;
      const t = totalsOf(id);
      const margin = t.recognizedRevenue.minus(t.laborCost).minus(t.expenseCost);
      let backlog: string | null = null;
      if (p.billingModel === 'time_and_materials') backlog = moneyText(maxZero(t.billableWork.minus(t.recognizedRevenue)));
      if (p.billingModel === 'milestone') backlog = moneyText(maxZero(t.milestones.minus(t.recognizedRevenue)));
      projects[id] = {
        projectId: id,
        name: p.name,
        accountId: p.accountId,
        customerId: this.survivorOf(p.accountId),
        billingModel: p.billingModel,
        status: p.status,
        currency: p.currency,
        legalEntityId: p.legalEntityId,
        approvedHours: decimalText(t.approvedHours),
        billableApprovedHours: decimalText(t.billableApprovedHours),
        laborCost: moneyText(t.laborCost),
        expenseCost: moneyText(t.expenseCost),
        billedAmount: moneyText(t.billedAmount),
        unbilledApprovedAmount: moneyText(t.unbilledAmount),
        unbilledApprovedHours: decimalText(t.unbilledHours),
        recognizedRevenue: moneyText(t.recognizedRevenue),
        margin: moneyText(margin),
        marginPercent: percent(margin, t.recognizedRevenue),
        revenueBacklog: backlog,
      };
    }

    const invoices: Record<string, InvoiceFigures> = {};
    const due = new Map<string, Big>(); // invoice id → amount due of posted, not voided invoices
    for (const id of sortedKeys(this.invoices)) {
      const inv = this.invoices.get(id)!;
      const tax = inv.taxStatus === 'succeeded' && inv.taxTotal !== undefined ? dec(inv.taxTotal) : undefined;
      const gross = inv.postedGross !== undefined ? dec(inv.postedGross) : inv.net.plus(tax ?? ZERO);
      let amountDue: string | null = null;
      if (inv.status === 'posted') {
        const owed = gross.minus(inv.paid);
        due.set(id, owed);
        amountDue = moneyText(owed);
      } else if (inv.status === 'voided' && inv.everPosted) {
        amountDue = moneyText(ZERO);
      }
      invoices[id] = {
        invoiceId: id,
        projectId: inv.projectId,
        accountId: inv.accountId,
        customerId: this.survivorOf(inv.accountId),
        currency: inv.currency,
        status: inv.status,
        taxStatus: inv.taxStatus,
        paymentState: inv.paid.lte(ZERO) ? 'not_paid' : inv.paid.gte(gross) ? 'paid' : 'partial',
        netTotal: moneyText(inv.net),
        taxTotal: tax ? moneyText(tax) : null,
        grossTotal: moneyText(gross),
        amountPaid: moneyText(inv.paid),
        amountDue,
        number: inv.number ?? null,
        dueDate: inv.dueDate ?? null,
        draftedAt: inv.draftedAt,
        postedAt: inv.postedAt ?? null,
        sentAt: inv.sentAt ?? null,
        openExceptions: [...inv.exceptions.values()].filter((e) => e.open).map((e) => e.raised.exceptionId),
      };
    }

    const customers: Record<string, CustomerFigures> = {};
    const byCustomer = new Map<string, { projects: string[]; invoices: string[]; balance: Map<string, Big> }>();
    const bucket = (accountId: string) => {
      const survivor = this.survivorOf(accountId);
      let b = byCustomer.get(survivor);
      if (!b) byCustomer.set(survivor, (b = { projects: [], invoices: [], balance: new Map() }));
      return b;
    };
    for (const id of sortedKeys(this.projects)) bucket(this.projects.get(id)!.accountId).projects.push(id);
    for (const id of sortedKeys(this.invoices)) {
      const inv = this.invoices.get(id)!;
      const b = bucket(inv.accountId);
      b.invoices.push(id);
      const owed = due.get(id);
      if (owed) b.balance.set(inv.currency, (b.balance.get(inv.currency) ?? ZERO).plus(owed));
    }
    for (const id of sortedKeys(this.accounts)) {
      const a = this.accounts.get(id)!;
      const survivor = this.survivorOf(id);
      const merged = survivor !== id;
      const b = merged ? undefined : byCustomer.get(id);
      customers[id] = {
        customerId: id,
        name: a.name,
        legalEntityId: a.legalEntityId,
        billingCurrency: a.billingCurrency,
        status: merged ? 'merged' : a.status,
        mergedInto: merged ? survivor : null,
        projectIds: b?.projects ?? [],
        invoiceIds: b?.invoices ?? [],
        outstandingBalance: b
          ? [...b.balance.keys()].sort().map((currency) => ({ amount: moneyText(b.balance.get(currency)!), currency }))
          : [],
      };
    }

    const portfolio = this.portfolio(projects, invoices, due, false);
    const portfolioByLegalEntity = this.portfolio(projects, invoices, due, true);
    return {
      projects, invoices, customers, portfolio, portfolioByLegalEntity,
      exceptions: this.hubExceptions.slice(),
      events: { applied: this.applied, duplicates: this.duplicates },
    };
  }

  private portfolio(
    projects: Record<string, ProjectFigures>, invoices: Record<string, InvoiceFigures>, due: Map<string, Big>, byEntity: boolean,
  ): PortfolioFigures[] {
    interface Row {
      currency: string; legalEntityId: string | null; projectCount: number;
      approvedHours: Big; laborCost: Big; expenseCost: Big; billedAmount: Big; unbilled: Big; revenue: Big;
      outstanding: Big; openExceptions: number;
    }
    const rows = new Map<string, Row>();
    const rowOf = (currency: string, legalEntityId: string): Row => {
      const entity = byEntity ? legalEntityId : null;
      const key = `${entity ?? ''}\u0000${currency}`;
      let row = rows.get(key);
      if (!row) {
        rows.set(key, (row = {
          currency, legalEntityId: entity, projectCount: 0, approvedHours: ZERO, laborCost: ZERO, expenseCost: ZERO,
          billedAmount: ZERO, unbilled: ZERO, revenue: ZERO, outstanding: ZERO, openExceptions: 0,
        }));
      }
      return row;
    };
    for (const p of Object.values(projects)) {
      const row = rowOf(p.currency, p.legalEntityId);
      row.projectCount += 1;
      row.approvedHours = row.approvedHours.plus(dec(p.approvedHours));
      row.laborCost = row.laborCost.plus(dec(p.laborCost));
      row.expenseCost = row.expenseCost.plus(dec(p.expenseCost));
      row.billedAmount = row.billedAmount.plus(dec(p.billedAmount));
      row.unbilled = row.unbilled.plus(dec(p.unbilledApprovedAmount));
      row.revenue = row.revenue.plus(dec(p.recognizedRevenue));
    }
    for (const inv of Object.values(invoices)) {
      const row = rowOf(inv.currency, this.projects.get(inv.projectId)!.legalEntityId);
      const owed = due.get(inv.invoiceId);
      if (owed) row.outstanding = row.outstanding.plus(owed);
      row.openExceptions += inv.openExceptions.length;
    }
    return [...rows.values()]
      .sort((a, b) => (a.legalEntityId ?? '').localeCompare(b.legalEntityId ?? '') || a.currency.localeCompare(b.currency))
      .map((r) => {
        const margin = r.revenue.minus(r.laborCost).minus(r.expenseCost);
        return {
          currency: r.currency,
          legalEntityId: r.legalEntityId,
          projectCount: r.projectCount,
          approvedHours: decimalText(r.approvedHours),
          laborCost: moneyText(r.laborCost),
          expenseCost: moneyText(r.expenseCost),
          billedAmount: moneyText(r.billedAmount),
          unbilledApprovedAmount: moneyText(r.unbilled),
          recognizedRevenue: moneyText(r.revenue),
          margin: moneyText(margin),
          marginPercent: percent(margin, r.revenue),
          outstandingBalance: moneyText(r.outstanding),
          openInvoiceExceptions: r.openExceptions,
        };
      });
  }
}

interface ProjectTotals {
  approvedHours: Big;
  billableApprovedHours: Big;
  laborCost: Big;
  expenseCost: Big;
  billedAmount: Big;
  unbilledAmount: Big;
  unbilledHours: Big;
  recognizedRevenue: Big;
  /** Σ billAmount of approved billable time and billable expenses (T&M backlog). */
  billableWork: Big;
  /** Σ approved milestone amounts (milestone backlog). */
  milestones: Big;
}

function newTotals(): ProjectTotals {
  return {
    approvedHours: ZERO, billableApprovedHours: ZERO, laborCost: ZERO, expenseCost: ZERO, billedAmount: ZERO,
    unbilledAmount: ZERO, unbilledHours: ZERO, recognizedRevenue: ZERO, billableWork: ZERO, milestones: ZERO,
  };
}

function maxZero(value: Big): Big {
  return value.lt(ZERO) ? ZERO : value;
}

/**
 * margin ÷ revenue × 100 with 2 decimals, rounded half away from zero, exactly
 * (integer arithmetic on the cents, no intermediate rounding); null on zero revenue.
 */
function percent(margin: Big, revenue: Big): string | null {
  if (revenue.eq(ZERO)) return null;
  const m = BigInt(margin.times(100).toFixed(0));
  const r = BigInt(revenue.times(100).toFixed(0));
  // margin/revenue × 100 × 100 (hundredths of a per cent) = m × 10000 / r
  const num = m * 10_000n;
  const negative = (num < 0n) !== (r < 0n);
  const an = num < 0n ? -num : num;
  const ar = r < 0n ? -r : r;
  let q = an / ar;
  if (2n * (an - q * ar) >= ar) q += 1n;
  return moneyText(dec(q.toString()).div(100).times(negative && q !== 0n ? -1 : 1));
}

function sortedKeys(map: Map<string, unknown>): string[] {
  return [...map.keys()].sort();
}

/** The expected figures of a set of events given in business order. */
export function expectedFigures(events: Iterable<BusinessEvent>, options: { unique?: boolean } = {}): ExpectedFigures {
  const oracle = new Oracle(options);
  for (const event of events) oracle.apply(event);
  return oracle.figures();
}

type Mutable<T> = T extends readonly (infer E)[] ? E[] : T;

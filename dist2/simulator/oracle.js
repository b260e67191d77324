"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Oracle = exports.OracleError = void 0;
exports.expectedFigures = expectedFigures;
const decimal_1 = require("../events/decimal");
class OracleError extends Error {
    constructor(event, message) {
        super(`${event.type} ${event.source} ${event.id}: ${message}`);
        this.event = event;
        this.name = 'OracleError';
    }
}
exports.OracleError = OracleError;
const FACT_KINDS = new Set(['time', 'expense', 'milestone']);
/**
 * Applies events one by one and answers the expected figures at any moment.
 * Use {@link expectedFigures} for a whole set at once.
 */
class Oracle {
    /**
     * @param options.unique the caller guarantees (source, id) pairs are unique:
     *   skip the duplicate check and its memory on million-event runs.
     */
    constructor(options = {}) {
        this.options = options;
        this.seen = new Set();
        this.accounts = new Map();
        this.projects = new Map();
        this.timeEntries = new Map();
        this.expenses = new Map();
        this.milestones = new Map();
        this.invoices = new Map();
        this.revenue = new Map();
        this.payments = new Set();
        this.hubExceptions = [];
        this.applied = 0;
        this.duplicates = 0;
    }
    apply(event) {
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
    illegal(event, reason) {
        this.hubExceptions.push({ source: event.source, id: event.id, type: event.type, subject: event.subject, code: 'ILLEGAL_TRANSITION', reason });
    }
    /** True (and the event becomes a CURRENCY_MISMATCH exception) when a Money is not in `currency`. */
    mismatch(event, currency, ...amounts) {
        const wrong = amounts.find((m) => m !== undefined && m.currency !== currency);
        if (!wrong)
            return false;
        this.hubExceptions.push({
            source: event.source, id: event.id, type: event.type, subject: event.subject, code: 'CURRENCY_MISMATCH',
            reason: `expected amounts in ${currency}, but got ${wrong.amount} ${wrong.currency}`,
        });
        return true;
    }
    need(map, id, event, what) {
        const found = map.get(id);
        if (!found)
            throw new OracleError(event, `names ${what} "${id}" that no earlier event created (the oracle expects business order)`);
        return found;
    }
    evolve(event) {
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
                if (d.survivorAccountId === d.mergedAccountId)
                    return this.illegal(event, 'an account cannot be merged into itself');
                const merged = this.need(this.accounts, d.mergedAccountId, event, 'account');
                this.need(this.accounts, d.survivorAccountId, event, 'account');
                if (merged.mergedInto)
                    return this.illegal(event, `account ${d.mergedAccountId} is already merged into ${merged.mergedInto}`);
                if (this.survivorOf(d.survivorAccountId) === d.mergedAccountId) {
                    return this.illegal(event, 'the survivor is itself merged into the account to merge');
                }
                merged.mergedInto = d.survivorAccountId;
                return;
            }
            case 'ps.project.project.created': {
                const d = event.data;
                if (this.projects.has(d.projectId))
                    return this.illegal(event, `project ${d.projectId} exists already`);
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
                if (entry.state !== 'submitted')
                    return this.illegal(event, `only a submitted time entry can be approved, this one is ${this.timeStateOf(d.timeEntryId, entry)}`);
                if (this.mismatch(event, this.projects.get(entry.projectId).currency, d.billRate, d.costRate))
                    return;
                entry.state = 'approved';
                entry.billRate = d.billRate.amount;
                entry.costRate = d.costRate.amount;
                return;
            }
            case 'ps.project.time_entry.rejected': {
                const entry = this.need(this.timeEntries, event.data.timeEntryId, event, 'time entry');
                if (entry.state !== 'submitted')
                    return this.illegal(event, `only a submitted time entry can be rejected, this one is ${this.timeStateOf(event.data.timeEntryId, entry)}`);
                entry.state = 'rejected';
                return;
            }
            case 'ps.project.expense.approved': {
                const d = event.data;
                const project = this.need(this.projects, d.projectId, event, 'project');
                if (this.mismatch(event, project.currency, d.amount, d.billAmount))
                    return;
                this.expenses.set(d.expenseId, { projectId: d.projectId, expenseDate: d.expenseDate, amount: d.amount.amount, billable: d.billable, billAmount: d.billAmount?.amount });
                return;
            }
            case 'ps.project.milestone.approved': {
                const d = event.data;
                const project = this.need(this.projects, d.projectId, event, 'project');
                if (this.mismatch(event, project.currency, d.amount))
                    return;
                this.milestones.set(d.milestoneId, { projectId: d.projectId, amount: d.amount.amount, approvedAt: event.time });
                return;
            }
            case 'ps.billing.invoice.drafted': {
                const d = event.data;
                const project = this.need(this.projects, d.projectId, event, 'project');
                if (this.invoices.has(d.invoiceId))
                    return this.illegal(event, `invoice ${d.invoiceId} exists already`);
                if (this.mismatch(event, project.currency, { amount: '0', currency: d.currency }, ...d.lines.map((l) => l.amount)))
                    return;
                let net = decimal_1.ZERO;
                const facts = [];
                for (const line of d.lines) {
                    net = net.plus((0, decimal_1.dec)(line.amount.amount));
                    if (FACT_KINDS.has(line.kind))
                        for (const id of line.sourceIds)
                            facts.push(`${line.kind}:${id}`);
                }
                this.invoices.set(d.invoiceId, {
                    accountId: d.accountId, projectId: d.projectId, currency: d.currency, net, facts,
                    status: 'draft', everPosted: false, taxStatus: 'pending', paid: decimal_1.ZERO, allocations: 0,
                    draftedAt: event.time, exceptions: new Map(),
                });
                return;
            }
            case 'ps.billing.invoice.tax_calculated': {
                const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
                if (invoice.taxStatus === 'succeeded')
                    return this.illegal(event, 'tax of this invoice was already calculated successfully (only a failed one may be calculated again)');
                if (this.mismatch(event, invoice.currency, event.data.taxTotal))
                    return;
                invoice.taxStatus = event.data.taxStatus;
                invoice.taxTotal = event.data.taxStatus === 'succeeded' ? event.data.taxTotal?.amount : undefined;
                return;
            }
            case 'ps.billing.invoice.exception_raised': {
                const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
                if (invoice.exceptions.has(event.data.exceptionId))
                    return this.illegal(event, `exception ${event.data.exceptionId} was raised already`);
                invoice.exceptions.set(event.data.exceptionId, true);
                return;
            }
            case 'ps.billing.invoice.exception_resolved': {
                const invoice = this.need(this.invoices, event.data.invoiceId, event, 'invoice');
                const open = invoice.exceptions.get(event.data.exceptionId);
                if (open === false)
                    return this.illegal(event, `exception ${event.data.exceptionId} is already resolved`);
                if (open)
                    invoice.exceptions.set(event.data.exceptionId, false); // never raised: the hub parks it; nothing changes
                return;
            }
            case 'ps.billing.invoice.posted': {
                const d = event.data;
                const invoice = this.need(this.invoices, d.invoiceId, event, 'invoice');
                if (invoice.status !== 'draft')
                    return this.illegal(event, `only a draft invoice can be posted, this one is ${invoice.status}`);
                if (this.mismatch(event, invoice.currency, d.grossTotal))
                    return;
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
                if (invoice.status === 'voided')
                    return this.illegal(event, 'the invoice is already voided');
                if (invoice.allocations > 0)
                    return this.illegal(event, 'an invoice with payments allocated to it cannot be voided');
                invoice.status = 'voided';
                return;
            }
            case 'ps.billing.payment.received': {
                if (this.payments.has(event.data.paymentId))
                    return this.illegal(event, `payment ${event.data.paymentId} was received already`);
                const invoices = event.data.allocations.map((a) => this.need(this.invoices, a.invoiceId, event, 'invoice'));
                for (let i = 0; i < invoices.length; i++) {
                    if (this.mismatch(event, invoices[i].currency, event.data.allocations[i].amount))
                        return;
                }
                this.payments.add(event.data.paymentId);
                for (const allocation of event.data.allocations) {
                    const invoice = this.invoices.get(allocation.invoiceId);
                    invoice.paid = invoice.paid.plus((0, decimal_1.dec)(allocation.amount.amount));
                    invoice.allocations += 1;
                }
                return;
            }
            case 'ps.revenue.revenue_event.recognized': {
                const d = event.data;
                const project = this.need(this.projects, d.projectId, event, 'project');
                if (this.revenue.has(d.revenueEventId))
                    return this.illegal(event, `revenue event ${d.revenueEventId} was recognized already`);
                if (this.mismatch(event, project.currency, d.amount))
                    return;
                this.revenue.set(d.revenueEventId, { projectId: d.projectId, period: d.period, amount: d.amount.amount, reversed: false });
                return;
            }
            case 'ps.revenue.revenue_event.reversed': {
                const revenue = this.need(this.revenue, event.data.revenueEventId, event, 'revenue event');
                if (revenue.reversed)
                    return this.illegal(event, `revenue event ${event.data.revenueEventId} is already reversed`);
                revenue.reversed = true;
                return;
            }
            default: {
                const unknown = event;
                throw new Error(`oracle: unhandled event type ${unknown.type}`);
            }
        }
    }
    /** A time entry's lifecycle state in the words of docs/events.md#lifecycles (approved becomes billed when on a posted invoice). */
    timeStateOf(id, entry) {
        if (entry.state !== 'approved')
            return entry.state;
        for (const invoice of this.invoices.values()) {
            if (invoice.status === 'posted' && invoice.facts.includes(`time:${id}`))
                return 'billed';
        }
        return 'approved';
    }
    /** The account an id counts under: itself, or the end of its chain of merges. */
    survivorOf(accountId) {
        let id = accountId;
        for (let hops = 0; hops <= this.accounts.size; hops++) {
            const next = this.accounts.get(id)?.mergedInto;
            if (!next)
                return id;
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
    datedFacts() {
        const billed = new Set();
        for (const invoice of this.invoices.values()) {
            if (invoice.status === 'posted')
                for (const fact of invoice.facts)
                    billed.add(fact);
        }
        const projects = new Map();
        for (const [id, p] of this.projects) {
            projects.set(id, { projectId: id, currency: p.currency, legalEntityId: p.legalEntityId, customerId: this.survivorOf(p.accountId) });
        }
        const time = [];
        for (const [id, entry] of this.timeEntries) {
            if (entry.state !== 'approved')
                continue;
            const hours = (0, decimal_1.dec)(entry.hours);
            time.push({
                id, projectId: entry.projectId, workDate: entry.workDate, hours: entry.hours,
                cost: (0, decimal_1.roundMoney)(hours.times((0, decimal_1.dec)(entry.costRate))),
                billAmount: entry.billable ? (0, decimal_1.roundMoney)(hours.times((0, decimal_1.dec)(entry.billRate))) : undefined,
                billed: billed.has(`time:${id}`),
            });
        }
        const expenses = [];
        for (const [id, expense] of this.expenses) {
            expenses.push({
                id, projectId: expense.projectId, expenseDate: expense.expenseDate, cost: (0, decimal_1.dec)(expense.amount),
                billAmount: expense.billable ? (0, decimal_1.dec)(expense.billAmount ?? expense.amount) : undefined,
                billed: billed.has(`expense:${id}`),
            });
        }
        const milestones = [];
        for (const [id, milestone] of this.milestones) {
            milestones.push({ id, projectId: milestone.projectId, approvedAt: milestone.approvedAt, amount: (0, decimal_1.dec)(milestone.amount), billed: billed.has(`milestone:${id}`) });
        }
        const invoices = [];
        for (const [id, inv] of this.invoices) {
            if (inv.status !== 'posted')
                continue;
            const tax = inv.taxStatus === 'succeeded' && inv.taxTotal !== undefined ? (0, decimal_1.dec)(inv.taxTotal) : decimal_1.ZERO;
            const gross = inv.postedGross !== undefined ? (0, decimal_1.dec)(inv.postedGross) : inv.net.plus(tax);
            invoices.push({
                id, projectId: inv.projectId, currency: inv.currency, invoiceDate: inv.invoiceDate, dueDate: inv.dueDate,
                net: inv.net, gross, due: gross.minus(inv.paid),
            });
        }
        const revenue = [];
        for (const [id, r] of this.revenue) {
            if (!r.reversed)
                revenue.push({ id, projectId: r.projectId, period: r.period, amount: (0, decimal_1.dec)(r.amount) });
        }
        return { projects, time, expenses, milestones, invoices, revenue };
    }
    figures() {
        const billed = new Set();
        for (const invoice of this.invoices.values()) {
            if (invoice.status === 'posted')
                for (const fact of invoice.facts)
                    billed.add(fact);
        }
        const acc = new Map();
        for (const id of this.projects.keys())
            acc.set(id, newTotals());
        const totalsOf = (projectId) => acc.get(projectId);
        for (const [id, entry] of this.timeEntries) {
            if (entry.state !== 'approved')
                continue;
            const t = totalsOf(entry.projectId);
            const hours = (0, decimal_1.dec)(entry.hours);
            t.approvedHours = t.approvedHours.plus(hours);
            t.laborCost = t.laborCost.plus((0, decimal_1.roundMoney)(hours.times((0, decimal_1.dec)(entry.costRate))));
            if (!entry.billable)
                continue;
            const billAmount = (0, decimal_1.roundMoney)(hours.times((0, decimal_1.dec)(entry.billRate)));
            t.billableApprovedHours = t.billableApprovedHours.plus(hours);
            t.billableWork = t.billableWork.plus(billAmount);
            if (!billed.has(`time:${id}`)) {
                t.unbilledAmount = t.unbilledAmount.plus(billAmount);
                t.unbilledHours = t.unbilledHours.plus(hours);
            }
        }
        for (const [id, expense] of this.expenses) {
            const t = totalsOf(expense.projectId);
            t.expenseCost = t.expenseCost.plus((0, decimal_1.dec)(expense.amount));
            if (!expense.billable)
                continue;
            const billAmount = (0, decimal_1.dec)(expense.billAmount ?? expense.amount);
            t.billableWork = t.billableWork.plus(billAmount);
            if (!billed.has(`expense:${id}`))
                t.unbilledAmount = t.unbilledAmount.plus(billAmount);
        }
        for (const [id, milestone] of this.milestones) {
            const t = totalsOf(milestone.projectId);
            const amount = (0, decimal_1.dec)(milestone.amount);
            t.milestones = t.milestones.plus(amount);
            if (!billed.has(`milestone:${id}`))
                t.unbilledAmount = t.unbilledAmount.plus(amount);
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
                t.recognizedRevenue = t.recognizedRevenue.plus((0, decimal_1.dec)(revenue.amount));
            }
        }
        const projects = {};
        for (const id of sortedKeys(this.projects)) {
            const p = this.projects.get(id);
            const t = totalsOf(id);
            const margin = t.recognizedRevenue.minus(t.laborCost).minus(t.expenseCost);
            let backlog = null;
            if (p.billingModel === 'time_and_materials')
                backlog = (0, decimal_1.moneyText)(maxZero(t.billableWork.minus(t.recognizedRevenue)));
            if (p.billingModel === 'milestone')
                backlog = (0, decimal_1.moneyText)(maxZero(t.milestones.minus(t.recognizedRevenue)));
            projects[id] = {
                projectId: id,
                name: p.name,
                accountId: p.accountId,
                customerId: this.survivorOf(p.accountId),
                billingModel: p.billingModel,
                status: p.status,
                currency: p.currency,
                legalEntityId: p.legalEntityId,
                approvedHours: (0, decimal_1.decimalText)(t.approvedHours),
                billableApprovedHours: (0, decimal_1.decimalText)(t.billableApprovedHours),
                laborCost: (0, decimal_1.moneyText)(t.laborCost),
                expenseCost: (0, decimal_1.moneyText)(t.expenseCost),
                billedAmount: (0, decimal_1.moneyText)(t.billedAmount),
                unbilledApprovedAmount: (0, decimal_1.moneyText)(t.unbilledAmount),
                unbilledApprovedHours: (0, decimal_1.decimalText)(t.unbilledHours),
                recognizedRevenue: (0, decimal_1.moneyText)(t.recognizedRevenue),
                margin: (0, decimal_1.moneyText)(margin),
                marginPercent: percent(margin, t.recognizedRevenue),
                revenueBacklog: backlog,
            };
        }
        const invoices = {};
        const due = new Map(); // invoice id → amount due of posted, not voided invoices
        for (const id of sortedKeys(this.invoices)) {
            const inv = this.invoices.get(id);
            const tax = inv.taxStatus === 'succeeded' && inv.taxTotal !== undefined ? (0, decimal_1.dec)(inv.taxTotal) : undefined;
            const gross = inv.postedGross !== undefined ? (0, decimal_1.dec)(inv.postedGross) : inv.net.plus(tax ?? decimal_1.ZERO);
            let amountDue = null;
            if (inv.status === 'posted') {
                const owed = gross.minus(inv.paid);
                due.set(id, owed);
                amountDue = (0, decimal_1.moneyText)(owed);
            }
            else if (inv.status === 'voided' && inv.everPosted) {
                amountDue = (0, decimal_1.moneyText)(decimal_1.ZERO);
            }
            invoices[id] = {
                invoiceId: id,
                projectId: inv.projectId,
                accountId: inv.accountId,
                customerId: this.survivorOf(inv.accountId),
                currency: inv.currency,
                status: inv.status,
                taxStatus: inv.taxStatus,
                paymentState: inv.paid.lte(decimal_1.ZERO) ? 'not_paid' : inv.paid.gte(gross) ? 'paid' : 'partial',
                netTotal: (0, decimal_1.moneyText)(inv.net),
                taxTotal: tax ? (0, decimal_1.moneyText)(tax) : null,
                grossTotal: (0, decimal_1.moneyText)(gross),
                amountPaid: (0, decimal_1.moneyText)(inv.paid),
                amountDue,
                number: inv.number ?? null,
                dueDate: inv.dueDate ?? null,
                draftedAt: inv.draftedAt,
                postedAt: inv.postedAt ?? null,
                sentAt: inv.sentAt ?? null,
                openExceptions: [...inv.exceptions].filter(([, open]) => open).map(([exceptionId]) => exceptionId),
            };
        }
        const customers = {};
        const byCustomer = new Map();
        const bucket = (accountId) => {
            const survivor = this.survivorOf(accountId);
            let b = byCustomer.get(survivor);
            if (!b)
                byCustomer.set(survivor, (b = { projects: [], invoices: [], balance: new Map() }));
            return b;
        };
        for (const id of sortedKeys(this.projects))
            bucket(this.projects.get(id).accountId).projects.push(id);
        for (const id of sortedKeys(this.invoices)) {
            const inv = this.invoices.get(id);
            const b = bucket(inv.accountId);
            b.invoices.push(id);
            const owed = due.get(id);
            if (owed)
                b.balance.set(inv.currency, (b.balance.get(inv.currency) ?? decimal_1.ZERO).plus(owed));
        }
        for (const id of sortedKeys(this.accounts)) {
            const a = this.accounts.get(id);
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
                    ? [...b.balance.keys()].sort().map((currency) => ({ amount: (0, decimal_1.moneyText)(b.balance.get(currency)), currency }))
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
    portfolio(projects, invoices, due, byEntity) {
        const rows = new Map();
        const rowOf = (currency, legalEntityId) => {
            const entity = byEntity ? legalEntityId : null;
            const key = `${entity ?? ''}\u0000${currency}`;
            let row = rows.get(key);
            if (!row) {
                rows.set(key, (row = {
                    currency, legalEntityId: entity, projectCount: 0, approvedHours: decimal_1.ZERO, laborCost: decimal_1.ZERO, expenseCost: decimal_1.ZERO,
                    billedAmount: decimal_1.ZERO, unbilled: decimal_1.ZERO, revenue: decimal_1.ZERO, outstanding: decimal_1.ZERO, openExceptions: 0,
                }));
            }
            return row;
        };
        for (const p of Object.values(projects)) {
            const row = rowOf(p.currency, p.legalEntityId);
            row.projectCount += 1;
            row.approvedHours = row.approvedHours.plus((0, decimal_1.dec)(p.approvedHours));
            row.laborCost = row.laborCost.plus((0, decimal_1.dec)(p.laborCost));
            row.expenseCost = row.expenseCost.plus((0, decimal_1.dec)(p.expenseCost));
            row.billedAmount = row.billedAmount.plus((0, decimal_1.dec)(p.billedAmount));
            row.unbilled = row.unbilled.plus((0, decimal_1.dec)(p.unbilledApprovedAmount));
            row.revenue = row.revenue.plus((0, decimal_1.dec)(p.recognizedRevenue));
        }
        for (const inv of Object.values(invoices)) {
            const row = rowOf(inv.currency, this.projects.get(inv.projectId).legalEntityId);
            const owed = due.get(inv.invoiceId);
            if (owed)
                row.outstanding = row.outstanding.plus(owed);
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
                approvedHours: (0, decimal_1.decimalText)(r.approvedHours),
                laborCost: (0, decimal_1.moneyText)(r.laborCost),
                expenseCost: (0, decimal_1.moneyText)(r.expenseCost),
                billedAmount: (0, decimal_1.moneyText)(r.billedAmount),
                unbilledApprovedAmount: (0, decimal_1.moneyText)(r.unbilled),
                recognizedRevenue: (0, decimal_1.moneyText)(r.revenue),
                margin: (0, decimal_1.moneyText)(margin),
                marginPercent: percent(margin, r.revenue),
                outstandingBalance: (0, decimal_1.moneyText)(r.outstanding),
                openInvoiceExceptions: r.openExceptions,
            };
        });
    }
}
exports.Oracle = Oracle;
function newTotals() {
    return {
        approvedHours: decimal_1.ZERO, billableApprovedHours: decimal_1.ZERO, laborCost: decimal_1.ZERO, expenseCost: decimal_1.ZERO, billedAmount: decimal_1.ZERO,
        unbilledAmount: decimal_1.ZERO, unbilledHours: decimal_1.ZERO, recognizedRevenue: decimal_1.ZERO, billableWork: decimal_1.ZERO, milestones: decimal_1.ZERO,
    };
}
function maxZero(value) {
    return value.lt(decimal_1.ZERO) ? decimal_1.ZERO : value;
}
/**
 * margin ÷ revenue × 100 with 2 decimals, rounded half away from zero, exactly
 * (integer arithmetic on the cents, no intermediate rounding); null on zero revenue.
 */
function percent(margin, revenue) {
    if (revenue.eq(decimal_1.ZERO))
        return null;
    const m = BigInt(margin.times(100).toFixed(0));
    const r = BigInt(revenue.times(100).toFixed(0));
    // margin/revenue × 100 × 100 (hundredths of a per cent) = m × 10000 / r
    const num = m * 10000n;
    const negative = (num < 0n) !== (r < 0n);
    const an = num < 0n ? -num : num;
    const ar = r < 0n ? -r : r;
    let q = an / ar;
    if (2n * (an - q * ar) >= ar)
        q += 1n;
    return (0, decimal_1.moneyText)((0, decimal_1.dec)(q.toString()).div(100).times(negative && q !== 0n ? -1 : 1));
}
function sortedKeys(map) {
    return [...map.keys()].sort();
}
/** The expected figures of a set of events given in business order. */
function expectedFigures(events, options = {}) {
    const oracle = new Oracle(options);
    for (const event of events)
        oracle.apply(event);
    return oracle.figures();
}
//# sourceMappingURL=oracle.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The simulated firm: deterministic, well-formed, consistent, and showing
 * every feature the hub must handle; and its delivery modes.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const big_js_1 = __importDefault(require("big.js"));
const types_1 = require("../../events/types");
const validate_1 = require("../../events/validate");
const delivery_1 = require("../../simulator/delivery");
const emitter_1 = require("../../simulator/emitter");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const random_1 = require("../../simulator/random");
const started = Date.now();
const { events } = (0, firm_1.simulateFirm)({ seed: 42 });
const generationMs = Date.now() - started;
const key = (e) => `${e.source} ${e.id}`;
const ofType = (type) => events.filter((e) => e.type === type);
const money = /^-?\d+\.\d{2}$/;
(0, node_test_1.describe)('random', () => {
    (0, node_test_1.it)('repeats its sequence for a seed and differs between seeds', () => {
        const draw = (seed) => {
            const r = new random_1.Random(seed);
            return Array.from({ length: 8 }, () => r.nextUint32());
        };
        strict_1.default.deepEqual(draw(7), draw(7));
        strict_1.default.notDeepEqual(draw(7), draw(8));
        strict_1.default.notDeepEqual(draw('7'), draw(7));
    });
    (0, node_test_1.it)('stays within the bounds asked for', () => {
        const r = new random_1.Random(1);
        for (let i = 0; i < 10_000; i++) {
            const x = r.int(-3, 3);
            strict_1.default.ok(Number.isInteger(x) && x >= -3 && x <= 3);
            const f = r.next();
            strict_1.default.ok(f >= 0 && f < 1);
        }
    });
});
(0, node_test_1.describe)('simulated firm', () => {
    (0, node_test_1.it)('is deterministic for a seed and differs between seeds', () => {
        strict_1.default.deepEqual((0, firm_1.simulateFirm)({ seed: 42 }).events, events);
        const other = (0, firm_1.simulateFirm)({ seed: 43 }).events;
        strict_1.default.notDeepEqual(other.map((e) => e.data), events.map((e) => e.data));
    });
    (0, node_test_1.it)('has a few thousand events at the default scale, generated well under a second', () => {
        strict_1.default.ok(events.length >= 1500 && events.length <= 5000, `${events.length} events`);
        strict_1.default.ok(generationMs < 1000, `${generationMs} ms`);
    });
    (0, node_test_1.it)('gives well-formed envelopes: ids unique per source, the catalogue subject, RFC 3339 times that increase', () => {
        const sources = new Set(Object.values(emitter_1.SOURCES));
        const ids = new Set();
        let previous = '';
        for (const e of events) {
            strict_1.default.equal(e.specversion, '1.0');
            strict_1.default.ok(sources.has(e.source), e.source);
            strict_1.default.ok(types_1.EVENT_TYPES.includes(e.type), e.type);
            strict_1.default.ok(typeof e.id === 'string' && e.id.length > 0);
            strict_1.default.ok(!ids.has(key(e)), `duplicate id ${key(e)}`);
            ids.add(key(e));
            strict_1.default.equal(e.subject, e.data[types_1.SUBJECT_FIELD[e.type]], `${e.type} subject`);
            strict_1.default.match(e.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
            strict_1.default.ok(e.time > previous, `time goes back at ${key(e)}`);
            previous = e.time;
        }
        const days = (Date.parse(events[events.length - 1].time) - Date.parse(events[0].time)) / 86_400_000;
        strict_1.default.ok(days > 31, `spans ${days} days`);
    });
    (0, node_test_1.it)('numbers each (source, subject) stream 1, 2, 3 … in business order', () => {
        const last = new Map();
        for (const e of events) {
            const stream = `${e.source} ${e.subject}`;
            const expected = (last.get(stream) ?? 0) + 1;
            strict_1.default.equal(e.sequence, String(expected), `${stream} at ${e.id}`);
            last.set(stream, expected);
        }
        // an invoice is two streams: the billing platform's and the ERP's
        const invoiceId = ofType('ps.billing.invoice.posted')[0].data.invoiceId;
        const streams = new Set(events.filter((e) => e.subject === invoiceId).map((e) => e.source));
        strict_1.default.deepEqual([...streams].sort(), [emitter_1.SOURCES.billing, emitter_1.SOURCES.erp].sort());
    });
    (0, node_test_1.it)('passes the hub validator unchanged, with money in at most 2 decimals', () => {
        for (const e of events) {
            const result = (0, validate_1.validateEvent)(JSON.parse(JSON.stringify(e)));
            strict_1.default.ok(result.ok, `${key(e)}: ${JSON.stringify(!result.ok && result.errors)}`);
            strict_1.default.deepEqual(result.event.data, e.data);
            JSON.stringify(e.data, (k, v) => {
                if (k === 'amount' && typeof v === 'string')
                    strict_1.default.match(v, money, `${key(e)} ${v}`);
                return v;
            });
        }
    });
    (0, node_test_1.it)('is consistent: the oracle applies it in order without an exception', () => {
        const figures = (0, oracle_1.expectedFigures)(events);
        strict_1.default.deepEqual(figures.exceptions, []);
        strict_1.default.equal(figures.events.applied, events.length);
    });
    (0, node_test_1.it)('has every billing model, two currencies or more and several legal entities', () => {
        const created = ofType('ps.project.project.created');
        strict_1.default.deepEqual(new Set(created.map((e) => e.data.billingModel)), new Set(['time_and_materials', 'fixed_fee', 'milestone', 'retainer']));
        strict_1.default.ok(new Set(created.map((e) => e.data.currency)).size >= 2);
        strict_1.default.ok(new Set(created.map((e) => e.data.legalEntityId)).size >= 2);
        const statuses = new Set(ofType('ps.project.project.status_changed').map((e) => e.data.status));
        for (const s of ['active', 'on_hold', 'completed', 'closed', 'cancelled'])
            strict_1.default.ok(statuses.has(s), s);
    });
    (0, node_test_1.it)('merges a duplicate account with projects, invoices and payments on it before and after the merge', () => {
        const [merge] = ofType('ps.customer.account.merged');
        strict_1.default.ok(merge);
        const dup = merge.data.mergedAccountId;
        const before = (e) => e.time < merge.time;
        const projects = ofType('ps.project.project.created').filter((e) => e.data.accountId === dup);
        const invoices = ofType('ps.billing.invoice.drafted').filter((e) => e.data.accountId === dup);
        const payments = ofType('ps.billing.payment.received').filter((e) => e.data.accountId === dup);
        for (const [what, list] of [['projects', projects], ['invoices', invoices], ['payments', payments]]) {
            strict_1.default.ok(list.some(before), `${what} before the merge`);
            strict_1.default.ok(list.some((e) => !before(e)), `${what} after the merge`);
        }
        const upserts = ofType('ps.customer.account.upserted');
        strict_1.default.ok(upserts.some((e) => e.data.accountId === dup && e.source === emitter_1.SOURCES.erp));
        strict_1.default.ok(upserts.some((e) => e.data.accountId === merge.data.survivorAccountId && e.source === emitter_1.SOURCES.crm));
    });
    (0, node_test_1.it)('rejects time and takes it resubmitted with other hours; logs billable and non-billable time', () => {
        const rejected = ofType('ps.project.time_entry.rejected');
        strict_1.default.ok(rejected.length > 0);
        const submissions = new Map();
        for (const e of ofType('ps.project.time_entry.submitted')) {
            submissions.set(e.data.timeEntryId, [...(submissions.get(e.data.timeEntryId) ?? []), e.data.hours]);
        }
        strict_1.default.ok([...submissions.values()].some((h) => h.length === 2 && h[0] !== h[1]), 'a resubmission with changed hours');
        const billable = new Set(ofType('ps.project.time_entry.submitted').map((e) => e.data.billable));
        strict_1.default.deepEqual(billable, new Set([true, false]));
    });
    (0, node_test_1.it)('has hours whose product with the rate needs rounding, some of them exact halves', () => {
        const hours = new Map(ofType('ps.project.time_entry.submitted').map((e) => [e.data.timeEntryId, e.data.hours]));
        let inexact = 0;
        let halves = 0;
        for (const e of ofType('ps.project.time_entry.approved')) {
            const product = new big_js_1.default(hours.get(e.data.timeEntryId)).times(e.data.billRate.amount);
            if (!product.eq(product.round(2, 0)))
                inexact++;
            if (product.times(1000).mod(10).eq(5) && product.times(1000).eq(product.times(1000).round(0, 0)))
                halves++;
        }
        strict_1.default.ok(inexact > 10, `${inexact} inexact products`);
        strict_1.default.ok(halves > 0, 'an exact half cent');
    });
    (0, node_test_1.it)('approves expenses billable with and without billAmount and non-billable, and milestones', () => {
        const expenses = ofType('ps.project.expense.approved');
        strict_1.default.ok(expenses.some((e) => e.data.billable && e.data.billAmount));
        strict_1.default.ok(expenses.some((e) => e.data.billable && !e.data.billAmount));
        strict_1.default.ok(expenses.some((e) => !e.data.billable));
        strict_1.default.ok(ofType('ps.project.milestone.approved').length > 0);
    });
    (0, node_test_1.it)('drafts invoice lines whose amounts are the billAmounts of the facts they name', () => {
        const hours = new Map();
        const billable = new Map();
        for (const e of ofType('ps.project.time_entry.submitted')) {
            hours.set(e.data.timeEntryId, e.data.hours);
            billable.set(e.data.timeEntryId, e.data.billable);
        }
        const timeBill = new Map();
        for (const e of ofType('ps.project.time_entry.approved')) {
            timeBill.set(e.data.timeEntryId, new big_js_1.default(hours.get(e.data.timeEntryId)).times(e.data.billRate.amount).round(2, 1));
        }
        const expenseBill = new Map(ofType('ps.project.expense.approved').filter((e) => e.data.billable).map((e) => [e.data.expenseId, new big_js_1.default((e.data.billAmount ?? e.data.amount).amount)]));
        const milestone = new Map(ofType('ps.project.milestone.approved').map((e) => [e.data.milestoneId, new big_js_1.default(e.data.amount.amount)]));
        const kinds = new Set();
        for (const invoice of ofType('ps.billing.invoice.drafted')) {
            for (const line of invoice.data.lines) {
                kinds.add(line.kind);
                strict_1.default.equal(line.amount.currency, invoice.data.currency);
                if (line.kind === 'fee')
                    continue;
                const facts = line.kind === 'time' ? timeBill : line.kind === 'expense' ? expenseBill : milestone;
                let sum = new big_js_1.default(0);
                for (const id of line.sourceIds) {
                    strict_1.default.ok(facts.has(id), `${invoice.data.invoiceId} ${line.lineId} names unknown ${line.kind} ${id}`);
                    if (line.kind === 'time')
                        strict_1.default.equal(billable.get(id), true);
                    sum = sum.plus(facts.get(id));
                }
                strict_1.default.equal(line.amount.amount, sum.toFixed(2), `${invoice.data.invoiceId} ${line.lineId}`);
            }
        }
        strict_1.default.deepEqual(kinds, new Set(['time', 'expense', 'milestone', 'fee']));
    });
    (0, node_test_1.it)('fails tax first on some invoices, then calculates it; posts gross = net + tax', () => {
        const byInvoice = new Map();
        const tax = new Map();
        const net = new Map();
        for (const e of ofType('ps.billing.invoice.drafted'))
            net.set(e.data.invoiceId, e.data.lines.reduce((s, l) => s.plus(l.amount.amount), new big_js_1.default(0)));
        for (const e of ofType('ps.billing.invoice.tax_calculated')) {
            byInvoice.set(e.data.invoiceId, [...(byInvoice.get(e.data.invoiceId) ?? []), e.data.taxStatus]);
            if (e.data.taxTotal)
                tax.set(e.data.invoiceId, new big_js_1.default(e.data.taxTotal.amount));
        }
        strict_1.default.ok([...byInvoice.values()].some((s) => s.join() === 'failed,succeeded'));
        for (const e of ofType('ps.billing.invoice.posted')) {
            strict_1.default.equal(e.data.grossTotal.amount, net.get(e.data.invoiceId).plus(tax.get(e.data.invoiceId)).toFixed(2));
        }
        const raised = ofType('ps.billing.invoice.exception_raised').map((e) => e.data.exceptionId);
        const resolved = new Set(ofType('ps.billing.invoice.exception_resolved').map((e) => e.data.exceptionId));
        strict_1.default.ok(raised.some((id) => resolved.has(id)), 'an exception resolved');
        strict_1.default.ok(raised.some((id) => !resolved.has(id)), 'an exception left open');
    });
    (0, node_test_1.it)('voids only unpaid invoices and bills their facts again later', () => {
        const voided = ofType('ps.billing.invoice.voided');
        strict_1.default.ok(voided.length > 0);
        const paidBefore = (invoiceId, time) => ofType('ps.billing.payment.received').some((p) => p.time < time && p.data.allocations.some((a) => a.invoiceId === invoiceId));
        for (const v of voided)
            strict_1.default.ok(!paidBefore(v.data.invoiceId, v.time), `${v.data.invoiceId} was paid`);
        const facts = (invoiceId) => ofType('ps.billing.invoice.drafted').find((d) => d.data.invoiceId === invoiceId)
            .data.lines.filter((l) => l.kind !== 'fee').flatMap((l) => l.sourceIds);
        const rebilled = voided.some((v) => {
            const ids = new Set(facts(v.data.invoiceId));
            return ofType('ps.billing.invoice.drafted').some((d) => d.time > v.time && d.data.lines.some((l) => l.sourceIds.some((id) => ids.has(id))));
        });
        strict_1.default.ok(rebilled, 'a fact of a voided invoice on a later invoice');
    });
    (0, node_test_1.it)('is paid in part and in full, once with one payment for two invoices', () => {
        const payments = ofType('ps.billing.payment.received');
        strict_1.default.ok(payments.some((p) => p.data.allocations.length >= 2));
        for (const p of payments) {
            const sum = p.data.allocations.reduce((s, a) => s.plus(a.amount.amount), new big_js_1.default(0));
            strict_1.default.equal(p.data.amount.amount, sum.toFixed(2));
        }
        const states = new Set(Object.values((0, oracle_1.expectedFigures)(events).invoices).map((i) => i.paymentState));
        strict_1.default.deepEqual(states, new Set(['not_paid', 'partial', 'paid']));
    });
    (0, node_test_1.it)('recognizes revenue per project and month, and reverses some', () => {
        const recognized = ofType('ps.revenue.revenue_event.recognized');
        const periods = new Set(recognized.map((e) => e.data.period));
        strict_1.default.ok(periods.size >= 2);
        const perProjectMonth = new Set(recognized.map((e) => `${e.data.projectId} ${e.data.period}`));
        strict_1.default.ok(perProjectMonth.size >= recognized.length - ofType('ps.revenue.revenue_event.reversed').length);
        strict_1.default.ok(ofType('ps.revenue.revenue_event.reversed').length > 0);
        strict_1.default.deepEqual(new Set(recognized.map((e) => e.data.method)), new Set(['time_and_materials', 'cost_to_cost', 'milestone', 'ratable']));
    });
    (0, node_test_1.it)('appends only illegal events with `illegal`, each an exception of the oracle', () => {
        const withIllegal = (0, firm_1.simulateFirm)({ seed: 42, illegal: true }).events;
        strict_1.default.deepEqual(withIllegal.slice(0, events.length), events);
        const extra = withIllegal.slice(events.length);
        strict_1.default.ok(extra.length >= 3);
        const figures = (0, oracle_1.expectedFigures)(withIllegal);
        strict_1.default.deepEqual(figures.exceptions.map((x) => [x.id, x.code]), extra.map((e) => [e.id, 'ILLEGAL_TRANSITION']));
        const types = new Set(extra.map((e) => e.type));
        strict_1.default.ok(types.has('ps.project.time_entry.approved'));
        strict_1.default.ok(types.has('ps.billing.invoice.voided'));
        const plain = (0, oracle_1.expectedFigures)(events);
        strict_1.default.deepEqual(figures.projects, plain.projects);
        strict_1.default.deepEqual(figures.invoices, plain.invoices);
        strict_1.default.deepEqual(figures.customers, plain.customers);
    });
    (0, node_test_1.it)('sizes the firm for a target number of events', () => {
        let n = 0;
        for (const _ of (0, firm_1.firmEvents)({ seed: 5, scale: (0, firm_1.scaleForEvents)(20_000) }))
            n++;
        strict_1.default.ok(n > 16_000 && n < 24_000, `${n} events for a target of 20000`);
    });
});
(0, node_test_1.describe)('delivery', () => {
    const sorted = (list) => list.map(key).sort();
    (0, node_test_1.it)('is seeded: the same seed gives the same delivery', () => {
        for (const mode of delivery_1.DELIVERY_MODES) {
            strict_1.default.deepEqual([...(0, delivery_1.deliver)(events, { mode, seed: 3 })].map(key), [...(0, delivery_1.deliver)(events, { mode, seed: 3 })].map(key), mode);
        }
    });
    (0, node_test_1.it)('in-order keeps the business order', () => {
        strict_1.default.deepEqual([...(0, delivery_1.deliver)(events, { mode: 'in-order' })], events);
    });
    (0, node_test_1.it)('shuffled is a permutation in another order', () => {
        const out = [...(0, delivery_1.deliver)(events, { mode: 'shuffled', seed: 1 })];
        strict_1.default.deepEqual(sorted(out), sorted(events));
        strict_1.default.notDeepEqual(out.map(key), events.map(key));
        const windowed = [...(0, delivery_1.deliver)(events, { mode: 'shuffled', seed: 1, window: 50 })];
        strict_1.default.deepEqual(sorted(windowed), sorted(events));
    });
    (0, node_test_1.it)('duplicates delivers every event 2 or 3 times, with identical content, near and far', () => {
        const out = [...(0, delivery_1.deliver)(events, { mode: 'duplicates', seed: 1 })];
        const positions = new Map();
        out.forEach((e, i) => positions.set(key(e), [...(positions.get(key(e)) ?? []), i]));
        strict_1.default.equal(positions.size, events.length);
        const byKey = new Map(events.map((e) => [key(e), JSON.stringify(e)]));
        for (const e of out)
            strict_1.default.equal(JSON.stringify(e), byKey.get(key(e)));
        let near = 0;
        let far = 0;
        for (const p of positions.values()) {
            strict_1.default.ok(p.length === 2 || p.length === 3, `${p.length} copies`);
            for (let i = 1; i < p.length; i++) {
                if (p[i] - p[0] <= 10)
                    near++;
                if (p[i] - p[0] >= 500)
                    far++;
            }
        }
        strict_1.default.ok(near > 100 && far > 100, `near ${near}, far ${far}`);
    });
    (0, node_test_1.it)('interleaved keeps each source in order, and may let the ERP and payments overtake billing', () => {
        const out = [...(0, delivery_1.deliver)(events, { mode: 'interleaved', seed: 1 })];
        strict_1.default.deepEqual(sorted(out), sorted(events));
        for (const source of Object.values(emitter_1.SOURCES)) {
            strict_1.default.deepEqual(out.filter((e) => e.source === source).map(key), events.filter((e) => e.source === source).map(key), source);
        }
        // whether billing runs behind the ERP is up to the seed; some of a few seeds show both overtakes
        const overtakes = (seed) => {
            const at = new Map([...(0, delivery_1.deliver)(events, { mode: 'interleaved', seed })].map((e, i) => [key(e), i]));
            const drafted = new Map(ofType('ps.billing.invoice.drafted').map((e) => [e.data.invoiceId, at.get(key(e))]));
            return ofType('ps.billing.invoice.posted').some((e) => at.get(key(e)) < drafted.get(e.data.invoiceId)) &&
                ofType('ps.billing.payment.received').some((e) => e.data.allocations.some((a) => at.get(key(e)) < drafted.get(a.invoiceId)));
        };
        strict_1.default.ok([1, 2, 3, 4, 5, 6].some(overtakes), 'a posting and a payment before their draft');
    });
    (0, node_test_1.it)('batches into arrays of at most N, in order', () => {
        const list = [...(0, delivery_1.batches)(events, 500)];
        strict_1.default.ok(list.every((b) => b.length > 0 && b.length <= 500));
        strict_1.default.deepEqual(list.flat(), events);
        strict_1.default.throws(() => [...(0, delivery_1.batches)(events, 0)], /positive integer/);
    });
});
//# sourceMappingURL=simulator.unit.test.js.map
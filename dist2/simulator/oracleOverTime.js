"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectMonths = projectMonths;
exports.portfolioMonths = portfolioMonths;
exports.receivablesAging = receivablesAging;
exports.unbilledAging = unbilledAging;
exports.dso = dso;
exports.unbilledFacts = unbilledFacts;
/**
 * The oracle's figures over time (docs/api.md, "Figures over time"), computed
 * straight from the facts the oracle holds ({@link Oracle.datedFacts}) by the
 * contract's definitions: every month, bucket and ratio recomputed from the
 * facts each time, sharing nothing with the listeners' running totals.
 */
const big_js_1 = __importDefault(require("big.js"));
const decimal_1 = require("../events/decimal");
const DAY_MS = 86_400_000;
/** big.js with 40 fraction digits in division: the rounding to 1 decimal then sees the quotient as it is. */
const Precise = (0, big_js_1.default)();
Precise.DP = 40;
/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from, to) {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
function utcDay(timestamp) {
    return new Date(Date.parse(timestamp)).toISOString().slice(0, 10);
}
/** The months from `from` to `to`, both `YYYY-MM`, inclusive. */
function monthsFrom(from, to) {
    const months = [];
    let year = Number(from.slice(0, 4));
    let month = Number(from.slice(5, 7));
    for (;;) {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
        if (text > to)
            return months;
        months.push(text);
        month += 1;
        if (month > 12) {
            month = 1;
            year += 1;
        }
    }
}
function emptySums() {
    return { hours: decimal_1.ZERO, labor: decimal_1.ZERO, expense: decimal_1.ZERO, billed: decimal_1.ZERO, revenue: decimal_1.ZERO };
}
/** Σ per project and month, each fact by its date basis; only months with a fact appear. */
function monthSums(facts) {
    const byProject = new Map();
    const at = (projectId, month) => {
        let months = byProject.get(projectId);
        if (!months)
            byProject.set(projectId, (months = new Map()));
        let sums = months.get(month);
        if (!sums)
            months.set(month, (sums = emptySums()));
        return sums;
    };
    for (const t of facts.time) {
        const sums = at(t.projectId, t.workDate.slice(0, 7));
        sums.hours = sums.hours.plus(t.hours);
        sums.labor = sums.labor.plus(t.cost);
    }
    for (const e of facts.expenses) {
        const sums = at(e.projectId, e.expenseDate.slice(0, 7));
        sums.expense = sums.expense.plus(e.cost);
    }
    for (const i of facts.invoices) {
        const sums = at(i.projectId, i.invoiceDate.slice(0, 7));
        sums.billed = sums.billed.plus(i.net);
    }
    for (const r of facts.revenue) {
        const sums = at(r.projectId, r.period);
        sums.revenue = sums.revenue.plus(r.amount);
    }
    return byProject;
}
function monthFigures(month, sums) {
    return {
        month,
        approvedHours: (0, decimal_1.decimalText)(sums.hours),
        laborCost: (0, decimal_1.moneyText)(sums.labor),
        expenseCost: (0, decimal_1.moneyText)(sums.expense),
        billedAmount: (0, decimal_1.moneyText)(sums.billed),
        recognizedRevenue: (0, decimal_1.moneyText)(sums.revenue),
        margin: (0, decimal_1.moneyText)(sums.revenue.minus(sums.labor).minus(sums.expense)),
    };
}
/** The range asked, each bound defaulting to the first or last month with a fact; null when there is none. */
function rangeOf(months, from, to) {
    const known = [...months].sort();
    const first = from ?? known[0];
    const last = to ?? known[known.length - 1];
    if (first === undefined || last === undefined || first > last)
        return null;
    return [first, last];
}
/** `Project.months(from, to)`: every month of the range, zeros where nothing counted. */
function projectMonths(facts, projectId, from, to) {
    const months = monthSums(facts).get(projectId) ?? new Map();
    const range = rangeOf(months.keys(), from, to);
    if (!range)
        return [];
    return monthsFrom(...range).map((month) => monthFigures(month, months.get(month) ?? emptySums()));
}
/** `portfolioMonths(from, to, legalEntityId)`: per month and currency, sums over the projects (of one legal entity). */
function portfolioMonths(facts, from, to, legalEntityId) {
    const byProject = monthSums(facts);
    const cells = new Map();
    const allMonths = new Set();
    for (const [projectId, months] of byProject) {
        const project = facts.projects.get(projectId);
        if (legalEntityId !== undefined && project.legalEntityId !== legalEntityId)
            continue;
        for (const [month, sums] of months) {
            allMonths.add(month);
            const key = `${month}|${project.currency}`;
            const cell = cells.get(key) ?? { sums: emptySums(), projects: 0 };
            cell.projects += 1;
            cell.sums = {
                hours: cell.sums.hours.plus(sums.hours), labor: cell.sums.labor.plus(sums.labor), expense: cell.sums.expense.plus(sums.expense),
                billed: cell.sums.billed.plus(sums.billed), revenue: cell.sums.revenue.plus(sums.revenue),
            };
            cells.set(key, cell);
        }
    }
    const range = rangeOf(allMonths, from, to);
    if (!range)
        return [];
    const [first, last] = range;
    const currencies = new Set();
    for (const key of cells.keys()) {
        const [month, currency] = key.split('|');
        if (month >= first && month <= last)
            currencies.add(currency);
    }
    const rows = [];
    for (const month of monthsFrom(first, last)) {
        for (const currency of [...currencies].sort()) {
            const cell = cells.get(`${month}|${currency}`);
            rows.push({ ...monthFigures(month, cell?.sums ?? emptySums()), currency, legalEntityId: legalEntityId ?? null, projectCount: cell?.projects ?? 0 });
        }
    }
    return rows;
}
/** The bucket of an age in days (days past due, or days since the fact). */
function bucketOf(days) {
    if (days <= 0)
        return 'current';
    if (days <= 30)
        return 'days1to30';
    if (days <= 60)
        return 'days31to60';
    if (days <= 90)
        return 'days61to90';
    return 'over90';
}
function aging(items, asOf, legalEntityId, withCurrent) {
    const byCurrency = new Map();
    for (const item of items) {
        let buckets = byCurrency.get(item.currency);
        if (!buckets)
            byCurrency.set(item.currency, (buckets = { current: decimal_1.ZERO, days1to30: decimal_1.ZERO, days31to60: decimal_1.ZERO, days61to90: decimal_1.ZERO, over90: decimal_1.ZERO }));
        // The unbilled aging has no `current`: a fact of today (or later) is in its first bucket.
        const bucket = withCurrent ? bucketOf(item.days) : bucketOf(Math.max(item.days, 1));
        buckets[bucket] = buckets[bucket].plus(item.amount);
    }
    return [...byCurrency.keys()].sort().map((currency) => {
        const b = byCurrency.get(currency);
        const total = b.current.plus(b.days1to30).plus(b.days31to60).plus(b.days61to90).plus(b.over90);
        return {
            currency, legalEntityId: legalEntityId ?? null, asOf,
            current: withCurrent ? (0, decimal_1.moneyText)(b.current) : null,
            days1to30: (0, decimal_1.moneyText)(b.days1to30), days31to60: (0, decimal_1.moneyText)(b.days31to60), days61to90: (0, decimal_1.moneyText)(b.days61to90),
            over90: (0, decimal_1.moneyText)(b.over90), total: (0, decimal_1.moneyText)(total),
        };
    });
}
function inScope(project, legalEntityId) {
    return legalEntityId === undefined || project?.legalEntityId === legalEntityId;
}
/** `receivablesAging(asOf, legalEntityId)`: amount due of posted invoices by days past due. */
function receivablesAging(facts, asOf, legalEntityId) {
    const items = facts.invoices
        .filter((i) => inScope(facts.projects.get(i.projectId), legalEntityId))
        .map((i) => ({ currency: i.currency, days: daysBetween(i.dueDate, asOf), amount: i.due }));
    return aging(items, asOf, legalEntityId, true);
}
/** Every approved billable fact on no posted invoice, with its project, date and bill amount. */
function unbilled(facts) {
    const list = [];
    for (const t of facts.time) {
        if (t.billAmount && !t.billed)
            list.push({ id: t.id, kind: 'time', project: facts.projects.get(t.projectId), date: t.workDate, amount: t.billAmount });
    }
    for (const e of facts.expenses) {
        if (e.billAmount && !e.billed)
            list.push({ id: e.id, kind: 'expense', project: facts.projects.get(e.projectId), date: e.expenseDate, amount: e.billAmount });
    }
    for (const m of facts.milestones) {
        if (!m.billed)
            list.push({ id: m.id, kind: 'milestone', project: facts.projects.get(m.projectId), date: utcDay(m.approvedAt), amount: m.amount });
    }
    return list;
}
/** `unbilledAging(asOf, legalEntityId)`: the unbilled approved amount by the age of each fact. */
function unbilledAging(facts, asOf, legalEntityId) {
    const items = unbilled(facts)
        .filter((f) => inScope(f.project, legalEntityId))
        .map((f) => ({ currency: f.project.currency, days: daysBetween(f.date, asOf), amount: f.amount }));
    return aging(items, asOf, legalEntityId, false);
}
/** `dso(legalEntityId)` as of `asOf`: Σ amount due ÷ Σ gross posted with an invoiceDate in the 90 days up to asOf × 90. */
function dso(facts, asOf, legalEntityId) {
    const byCurrency = new Map();
    for (const i of facts.invoices) {
        if (!inScope(facts.projects.get(i.projectId), legalEntityId))
            continue;
        const row = byCurrency.get(i.currency) ?? { due: decimal_1.ZERO, gross: decimal_1.ZERO, posted: 0 };
        row.due = row.due.plus(i.due);
        const age = daysBetween(i.invoiceDate, asOf);
        if (age >= 0 && age < 90) {
            row.gross = row.gross.plus(i.gross);
            row.posted += 1;
        }
        byCurrency.set(i.currency, row);
    }
    return [...byCurrency.keys()].sort().map((currency) => {
        const row = byCurrency.get(currency);
        if (row.posted === 0 || row.gross.eq(0))
            return { currency, legalEntityId: legalEntityId ?? null, days: null };
        const days = new Precise(row.due.toString()).times(90).div(row.gross.toString());
        return { currency, legalEntityId: legalEntityId ?? null, days: days.round(1, big_js_1.default.roundHalfUp).toFixed(1) };
    });
}
/** `unbilledFacts(olderThanDays)` as of `asOf`: oldest first (date, kind, id). */
function unbilledFacts(facts, olderThanDays, asOf) {
    return unbilled(facts)
        .map((f) => ({
        id: f.id, kind: f.kind, projectId: f.project.projectId, customerId: f.project.customerId,
        amount: (0, decimal_1.moneyText)(f.amount), currency: f.project.currency, factDate: f.date, ageDays: daysBetween(f.date, asOf),
    }))
        .filter((f) => f.ageDays > olderThanDays)
        .sort((a, b) => (a.factDate < b.factDate ? -1 : a.factDate > b.factDate ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
//# sourceMappingURL=oracleOverTime.js.map
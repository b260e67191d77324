"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newProject = newProject;
exports.evolveProject = evolveProject;
exports.lifecycleOf = lifecycleOf;
/** Project listener: projects, time, expenses and milestones (docs/events.md#project-domain-system-of-record-psa, docs/events.md#lifecycles). */
const decimal_1 = require("../events/decimal");
const decision_1 = require("./decision");
const keys_1 = require("./keys");
const FINAL_PROJECT_STATUSES = new Set(['closed', 'cancelled']);
/** A project row with every running total at zero. */
function newProject(fields) {
    return {
        ...fields,
        approvedHours: '0', billableApprovedHours: '0', laborCost: '0', expenseCost: '0', billedAmount: '0',
        unbilledApprovedAmount: '0', unbilledApprovedHours: '0', recognizedRevenue: '0', billableWorkAmount: '0',
        approvedMilestoneAmount: '0',
    };
}
/** Parks on the project when it has not arrived yet. */
function withProject(view, projectId, what, then) {
    const project = view.get('project', projectId);
    if (!project)
        return (0, decision_1.park)((0, keys_1.keyOf)('project', projectId), `project ${projectId} of ${what} has not arrived`);
    return then(project);
}
/** Figures are kept in the project's currency; a fact in another one would corrupt them. */
function currencyCheck(project, money, field) {
    if (money.currency === project.currency)
        return undefined;
    return (0, decision_1.currencyMismatch)(`${field} is in ${money.currency} but project ${project.id} is in ${project.currency}`);
}
function evolveProject(view, event) {
    switch (event.type) {
        case 'ps.project.project.created': {
            const d = event.data;
            view.prefetch([(0, keys_1.keyOf)('project', d.projectId), (0, keys_1.keyOf)('account', d.accountId)]);
            if (view.get('project', d.projectId))
                return (0, decision_1.illegal)(`project ${d.projectId} already exists`);
            if (!view.get('account', d.accountId)) {
                return (0, decision_1.park)((0, keys_1.keyOf)('account', d.accountId), `account ${d.accountId} of project ${d.projectId} has not arrived`);
            }
            return (0, decision_1.apply)((0, decision_1.write)('project', newProject({
                id: d.projectId, accountId: d.accountId, name: d.name, billingModel: d.billingModel, status: 'setup',
                currency: d.currency, legalEntityId: d.legalEntityId, contractValue: d.contractValue?.amount ?? null,
                budgetHours: d.budgetHours ?? null, plannedStart: d.plannedStart ?? null, plannedEnd: d.plannedEnd ?? null,
                createdAt: event.time,
            })));
        }
        case 'ps.project.project.status_changed': {
            const d = event.data;
            return withProject(view, d.projectId, 'a status change', (project) => {
                if (FINAL_PROJECT_STATUSES.has(project.status) && d.status !== project.status) {
                    return (0, decision_1.illegal)(`project ${project.id} is ${project.status} and cannot move to ${d.status}`);
                }
                return (0, decision_1.apply)((0, decision_1.write)('project', { ...project, status: d.status }));
            });
        }
        case 'ps.project.time_entry.submitted': {
            const d = event.data;
            view.prefetch([(0, keys_1.keyOf)('time_entry', d.timeEntryId), (0, keys_1.keyOf)('project', d.projectId)]);
            return withProject(view, d.projectId, `time entry ${d.timeEntryId}`, () => {
                const existing = view.get('time_entry', d.timeEntryId);
                if (existing && existing.status !== 'rejected') {
                    return (0, decision_1.illegal)(`time entry ${d.timeEntryId} is ${lifecycleOf(existing)}; only a rejected entry may be resubmitted`);
                }
                return (0, decision_1.apply)((0, decision_1.write)('time_entry', {
                    id: d.timeEntryId, projectId: d.projectId, resourceId: d.resourceId, role: d.role ?? null,
                    workDate: d.workDate, hours: d.hours, billable: d.billable, status: 'submitted',
                    approvedBy: null, billRate: null, costRate: null, billAmount: null, costAmount: null,
                    // An invoice posted before the approval arrived still names this entry.
                    billedByInvoiceIds: existing?.billedByInvoiceIds ?? [],
                    updatedAt: event.time,
                }));
            });
        }
        case 'ps.project.time_entry.approved': {
            const d = event.data;
            const entry = view.get('time_entry', d.timeEntryId);
            if (!entry)
                return (0, decision_1.park)((0, keys_1.keyOf)('time_entry', d.timeEntryId), `time entry ${d.timeEntryId} has not arrived`);
            if (entry.status !== 'submitted') {
                return (0, decision_1.illegal)(`time entry ${d.timeEntryId} is ${lifecycleOf(entry)}; only a submitted entry may be approved`);
            }
            return withProject(view, entry.projectId, `time entry ${d.timeEntryId}`, (project) => {
                const mismatch = currencyCheck(project, d.billRate, 'data.billRate') ?? currencyCheck(project, d.costRate, 'data.costRate');
                if (mismatch)
                    return mismatch;
                const hours = (0, decimal_1.dec)(entry.hours);
                return (0, decision_1.apply)((0, decision_1.write)('time_entry', {
                    ...entry, status: 'approved', approvedBy: d.approvedBy,
                    billRate: d.billRate.amount, costRate: d.costRate.amount,
                    billAmount: entry.billable ? (0, decimal_1.decimalText)((0, decimal_1.roundMoney)(hours.times(d.billRate.amount))) : '0',
                    costAmount: (0, decimal_1.decimalText)((0, decimal_1.roundMoney)(hours.times(d.costRate.amount))),
                    updatedAt: event.time,
                }));
            });
        }
        case 'ps.project.time_entry.rejected': {
            const d = event.data;
            const entry = view.get('time_entry', d.timeEntryId);
            if (!entry)
                return (0, decision_1.park)((0, keys_1.keyOf)('time_entry', d.timeEntryId), `time entry ${d.timeEntryId} has not arrived`);
            if (entry.status !== 'submitted') {
                return (0, decision_1.illegal)(`time entry ${d.timeEntryId} is ${lifecycleOf(entry)}; only a submitted entry may be rejected`);
            }
            return (0, decision_1.apply)((0, decision_1.write)('time_entry', { ...entry, status: 'rejected', updatedAt: event.time }));
        }
        case 'ps.project.expense.approved': {
            const d = event.data;
            view.prefetch([(0, keys_1.keyOf)('expense', d.expenseId), (0, keys_1.keyOf)('project', d.projectId)]);
            return withProject(view, d.projectId, `expense ${d.expenseId}`, (project) => {
                const billAmount = d.billable ? (d.billAmount ?? d.amount) : undefined;
                const mismatch = currencyCheck(project, d.amount, 'data.amount') ??
                    (billAmount && currencyCheck(project, billAmount, 'data.billAmount'));
                if (mismatch)
                    return mismatch;
                return (0, decision_1.apply)((0, decision_1.write)('expense', {
                    id: d.expenseId, projectId: d.projectId, expenseDate: d.expenseDate, amount: d.amount.amount,
                    currency: d.amount.currency, billable: d.billable, billAmount: billAmount?.amount ?? '0',
                    // A second approval corrects the first; an invoice that billed it still does.
                    billedByInvoiceIds: view.get('expense', d.expenseId)?.billedByInvoiceIds ?? [], approvedAt: event.time,
                }));
            });
        }
        case 'ps.project.milestone.approved': {
            const d = event.data;
            view.prefetch([(0, keys_1.keyOf)('milestone', d.milestoneId), (0, keys_1.keyOf)('project', d.projectId)]);
            return withProject(view, d.projectId, `milestone ${d.milestoneId}`, (project) => {
                const mismatch = currencyCheck(project, d.amount, 'data.amount');
                if (mismatch)
                    return mismatch;
                return (0, decision_1.apply)((0, decision_1.write)('milestone', {
                    id: d.milestoneId, projectId: d.projectId, name: d.name, amount: d.amount.amount,
                    currency: d.amount.currency, billedByInvoiceIds: view.get('milestone', d.milestoneId)?.billedByInvoiceIds ?? [],
                    approvedAt: event.time,
                }));
            });
        }
        default: {
            const unhandled = event;
            throw new Error(`project listener got ${unhandled.type}`);
        }
    }
}
/** The contract's lifecycle word for a time entry (`billed` is approved + on a posted invoice). */
function lifecycleOf(entry) {
    return entry.status === 'approved' && entry.billedByInvoiceIds.length > 0 ? 'billed' : entry.status;
}
//# sourceMappingURL=project.js.map
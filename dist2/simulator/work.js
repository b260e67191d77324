"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scheduleWork = scheduleWork;
const calendar_1 = require("./calendar");
const cents_1 = require("./cents");
const emitter_1 = require("./emitter");
const world_1 = require("./world");
const REJECTION_REASONS = [
    'Hours exceed the agreed daily cap',
    'Wrong project: please rebook',
    'Missing task description',
    'Work date falls on a public holiday',
];
/** Schedules the first working day; each day schedules the next. */
function scheduleWork(sim) {
    let day = sim.horizonStart;
    while (!(0, calendar_1.isBusinessDay)(day))
        day += calendar_1.DAY;
    sim.at(day + 6 * calendar_1.HOUR, () => workDay(sim, day));
}
function workDay(sim, day) {
    for (const consultant of sim.consultants)
        logTime(sim, consultant, day);
    for (const project of sim.live) {
        if (project.status === 'active' && project.start <= day && day <= project.end && sim.work.chance(0.07)) {
            spend(sim, project, day);
        }
    }
    const next = (0, calendar_1.addBusinessDays)(day, 1);
    sim.at(next + 6 * calendar_1.HOUR, () => workDay(sim, next));
}
function logTime(sim, consultant, day) {
    const r = sim.work;
    if (consultant.assignments.length === 0)
        return;
    consultant.assignments = consultant.assignments.filter((p) => p.status !== 'completed' && p.status !== 'closed' && p.status !== 'cancelled');
    if (r.chance(0.06))
        return; // away: holiday, sick, training
    const open = consultant.assignments.filter((p) => p.status === 'active' && p.start <= day && day <= p.end);
    if (open.length === 0)
        return;
    const chosen = open.length >= 2 && r.chance(0.45) ? r.sample(open, 2) : [r.pick(open)];
    const step = consultant.precise ? 5 : 15;
    const total = step * r.int(Math.ceil(420 / step), Math.floor(570 / step));
    const minutes = chosen.length === 1 ? [total] : split(r.int(Math.ceil((total * 0.3) / step), Math.floor((total * 0.7) / step)) * step, total);
    chosen.forEach((project, i) => {
        const entry = {
            id: sim.nextId('TE', 7),
            project,
            consultant,
            workDay: day,
            hours: Math.round((minutes[i] * 100) / 60),
            billable: project.model === 'time_and_materials' && r.chance(0.9),
            stream: (0, emitter_1.newStream)(),
            billCents: 0,
            costCents: 0,
        };
        const at = day + 16 * calendar_1.HOUR + r.int(0, 210) * calendar_1.MINUTE + r.int(0, 59) * 1000;
        sim.at(at, () => submit(sim, entry, at, false));
    });
}
function split(first, total) {
    return [first, total - first];
}
function approverOf(entry) {
    return entry.project.manager === entry.consultant ? 'RES-0000' : entry.project.manager.id;
}
function submit(sim, entry, at, resubmission) {
    const r = sim.work;
    sim.emitter.emit('psa', 'ps.project.time_entry.submitted', {
        timeEntryId: entry.id,
        projectId: entry.project.id,
        resourceId: entry.consultant.id,
        role: entry.consultant.role,
        workDate: (0, calendar_1.dateText)(entry.workDay),
        hours: (0, cents_1.hoursText)(entry.hours),
        billable: entry.billable,
    }, at, entry.stream);
    const reject = !resubmission && (!sim.firsts.rejection || r.chance(0.035));
    const days = resubmission ? r.int(1, 2) : r.weighted([[1, 0.5], [2, 0.3], [3, 0.12], [6, 0.08]]);
    const decideAt = (0, calendar_1.addBusinessDays)(at, days) + 9 * calendar_1.HOUR + r.int(0, 180) * calendar_1.MINUTE + r.int(0, 59) * 1000;
    if (reject) {
        sim.firsts.rejection = true;
        sim.at(decideAt, () => rejectEntry(sim, entry, decideAt));
    }
    else {
        sim.at(decideAt, () => approve(sim, entry, decideAt));
    }
}
function rejectEntry(sim, entry, at) {
    const r = sim.work;
    sim.emitter.emit('psa', 'ps.project.time_entry.rejected', {
        timeEntryId: entry.id, rejectedBy: approverOf(entry), reason: r.pick(REJECTION_REASONS),
    }, at, entry.stream);
    if (!sim.firsts.hoursChanged || r.chance(0.6)) {
        sim.firsts.hoursChanged = true;
        const delta = Math.round((r.int(1, 4) * 15 * 100) / 60) * (r.chance(0.7) ? -1 : 1);
        entry.hours = Math.min(2400, Math.max(25, entry.hours + delta));
    }
    const again = (0, calendar_1.addBusinessDays)(at, 1) + 10 * calendar_1.HOUR + r.int(0, 420) * calendar_1.MINUTE;
    sim.at(again, () => submit(sim, entry, again, true));
}
function approve(sim, entry, at) {
    const project = entry.project;
    const billRate = project.billRates.get(entry.consultant.role);
    const costRate = project.costRates.get(entry.consultant.id);
    sim.emitter.emit('psa', 'ps.project.time_entry.approved', {
        timeEntryId: entry.id,
        approvedBy: approverOf(entry),
        billRate: { amount: (0, cents_1.centsText)(billRate), currency: project.currency },
        costRate: { amount: (0, cents_1.centsText)(costRate), currency: project.currency },
    }, at, entry.stream);
    entry.billCents = entry.billable ? (0, cents_1.hoursTimesRate)(entry.hours, billRate) : 0;
    entry.costCents = (0, cents_1.hoursTimesRate)(entry.hours, costRate);
    project.costToDateCents += entry.costCents;
    if (entry.billable) {
        project.unbilledTime.push(entry);
        if (project.model === 'time_and_materials')
            project.pendingRevenueCents += entry.billCents;
        sim.live.add(project);
    }
    if (sim.approved.length < 2)
        sim.approved.push(entry);
}
/** One expense of a project on `day`; the first three cover billable with and without billAmount and non-billable. */
function spend(sim, project, day) {
    const r = sim.work;
    const n = sim.expenseCount++;
    const kind = r.pick(world_1.EXPENSE_KINDS);
    const amountCents = r.int(kind.minCents, kind.maxCents);
    const billable = n < 3 ? n < 2 : r.chance(kind.billableShare);
    const explicit = billable && (n < 3 ? n === 1 : r.chance(0.4));
    const billCents = !billable ? 0 : !explicit ? amountCents : r.chance(0.5) ? (0, cents_1.percentOf)(amountCents, 11_000) : amountCents - (0, cents_1.percentOf)(amountCents, 1_500);
    const expense = { id: sim.nextId('EXP', 6), project, kind: kind.name, amountCents, billCents };
    const at = (0, calendar_1.addBusinessDays)(day, r.int(2, 6)) + 11 * calendar_1.HOUR + r.int(0, 300) * calendar_1.MINUTE;
    sim.at(at, () => {
        const data = {
            expenseId: expense.id,
            projectId: project.id,
            expenseDate: (0, calendar_1.dateText)(day),
            amount: { amount: (0, cents_1.centsText)(amountCents), currency: project.currency },
            billable,
        };
        if (explicit)
            data.billAmount = { amount: (0, cents_1.centsText)(billCents), currency: project.currency };
        sim.emitter.emit('psa', 'ps.project.expense.approved', data, at, (0, emitter_1.newStream)());
        if (billable) {
            project.unbilledExpenses.push(expense);
            if (project.model === 'time_and_materials')
                project.pendingRevenueCents += billCents;
            sim.live.add(project);
        }
    });
}
//# sourceMappingURL=work.js.map
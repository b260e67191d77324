"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scheduleRevenue = scheduleRevenue;
const calendar_1 = require("./calendar");
const cents_1 = require("./cents");
const emitter_1 = require("./emitter");
/** The close of month m runs on the third business day of month m+1. */
function scheduleRevenue(sim) {
    for (let m = 0; m < sim.settings.months + 1; m++) {
        const monthStart = (0, calendar_1.addMonths)(sim.horizonStart, m);
        const closeAt = (0, calendar_1.nthBusinessDay)((0, calendar_1.addMonths)(monthStart, 1), 3) + 15 * calendar_1.HOUR;
        sim.at(closeAt, () => closeMonth(sim, monthStart, closeAt));
    }
}
const METHOD = {
    time_and_materials: 'time_and_materials',
    fixed_fee: 'cost_to_cost',
    milestone: 'milestone',
    retainer: 'ratable',
};
function dueThisClose(project, monthStart) {
    switch (project.model) {
        case 'time_and_materials':
        case 'milestone':
            return project.pendingRevenueCents;
        case 'fixed_fee': {
            const contract = project.contractCents;
            const target = project.finished && project.status !== 'cancelled'
                ? contract
                : Math.min(contract, (0, cents_1.scaleCents)(contract, project.costToDateCents, project.estimatedCostCents));
            return Math.max(0, target - project.recognizedCents);
        }
        case 'retainer': {
            const monthEnd = (0, calendar_1.addMonths)(monthStart, 1) - calendar_1.DAY;
            const last = project.cancelAt ?? project.end;
            const touches = project.start <= monthEnd && last >= monthStart;
            return touches && project.retainerMonthsRecognized < project.feeCount ? project.feeCents : 0;
        }
    }
}
function closeMonth(sim, monthStart, closeAt) {
    const period = (0, calendar_1.periodText)(monthStart);
    let i = 0;
    for (const project of sim.projects) {
        if (project.status === 'planned')
            continue;
        const amount = dueThisClose(project, monthStart);
        if (amount <= 0)
            continue;
        const at = closeAt + (i++) * 2_000;
        recognize(sim, project, period, amount, at);
        if (project.model === 'time_and_materials' || project.model === 'milestone')
            project.pendingRevenueCents = 0;
        if (project.model === 'retainer')
            project.retainerMonthsRecognized += 1;
    }
}
function recognize(sim, project, period, amount, at, correction = false) {
    const r = sim.revenue;
    const revenueEventId = sim.nextId('REV', 6);
    const stream = (0, emitter_1.newStream)();
    sim.emitter.emit('erp', 'ps.revenue.revenue_event.recognized', {
        revenueEventId, projectId: project.id, period, amount: { amount: (0, cents_1.centsText)(amount), currency: project.currency }, method: METHOD[project.model],
    }, at, stream);
    project.recognizedCents += amount;
    if (correction || !(!sim.firsts.reversal || r.chance(0.05)))
        return;
    sim.firsts.reversal = true;
    const reverseAt = (0, calendar_1.addBusinessDays)(at, r.int(1, 4)) + r.int(10 * 60, 15 * 60) * calendar_1.MINUTE;
    const rerecognize = r.chance(0.7);
    const corrected = Math.max(1, Math.round(amount * r.float(0.95, 1)));
    sim.at(reverseAt, () => {
        sim.emitter.emit('erp', 'ps.revenue.revenue_event.reversed', { revenueEventId, reason: 'Posted with the wrong amount' }, reverseAt, stream);
        project.recognizedCents -= amount;
        if (project.model === 'time_and_materials' || project.model === 'milestone') {
            // what is not recognized again is recognized at the next close
            if (!rerecognize)
                project.pendingRevenueCents += amount;
            else
                project.pendingRevenueCents += amount - corrected;
        }
        if (project.model === 'retainer' && !rerecognize)
            project.retainerMonthsRecognized -= 1;
        if (rerecognize)
            recognize(sim, project, period, corrected, reverseAt + calendar_1.MINUTE, true);
    });
}
//# sourceMappingURL=revenue.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evolveRevenue = evolveRevenue;
const decision_1 = require("./decision");
const keys_1 = require("./keys");
function evolveRevenue(view, event) {
    switch (event.type) {
        case 'ps.revenue.revenue_event.recognized': {
            const d = event.data;
            view.prefetch([(0, keys_1.keyOf)('revenue_event', d.revenueEventId), (0, keys_1.keyOf)('project', d.projectId)]);
            if (view.get('revenue_event', d.revenueEventId))
                return (0, decision_1.illegal)(`revenue event ${d.revenueEventId} was already recognized`);
            const project = view.get('project', d.projectId);
            if (!project)
                return (0, decision_1.park)((0, keys_1.keyOf)('project', d.projectId), `project ${d.projectId} of revenue event ${d.revenueEventId} has not arrived`);
            if (d.amount.currency !== project.currency) {
                return (0, decision_1.currencyMismatch)(`data.amount is in ${d.amount.currency} but project ${project.id} is in ${project.currency}`);
            }
            return (0, decision_1.apply)((0, decision_1.write)('revenue_event', {
                id: d.revenueEventId, projectId: d.projectId, period: d.period, amount: d.amount.amount,
                currency: d.amount.currency, method: d.method, reversed: false, recognizedAt: event.time, reversedAt: null,
            }));
        }
        case 'ps.revenue.revenue_event.reversed': {
            const d = event.data;
            const recognized = view.get('revenue_event', d.revenueEventId);
            if (!recognized)
                return (0, decision_1.park)((0, keys_1.keyOf)('revenue_event', d.revenueEventId), `revenue event ${d.revenueEventId} has not been recognized yet`);
            if (recognized.reversed)
                return (0, decision_1.illegal)(`revenue event ${d.revenueEventId} is already reversed`);
            return (0, decision_1.apply)((0, decision_1.write)('revenue_event', { ...recognized, reversed: true, reversedAt: event.time }));
        }
        default: {
            const unhandled = event;
            throw new Error(`revenue listener got ${unhandled.type}`);
        }
    }
}
//# sourceMappingURL=revenue.js.map
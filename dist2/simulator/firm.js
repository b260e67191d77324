"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVENTS_PER_SCALE = void 0;
exports.firmSize = firmSize;
exports.scaleForEvents = scaleForEvents;
exports.firmEvents = firmEvents;
exports.simulateFirm = simulateFirm;
const calendar_1 = require("./calendar");
const illegal_1 = require("./illegal");
const billing_1 = require("./billing");
const revenue_1 = require("./revenue");
const sim_1 = require("./sim");
const staffing_1 = require("./staffing");
const work_1 = require("./work");
/** Roughly how many events one unit of scale yields (measured; see the unit tests). */
exports.EVENTS_PER_SCALE = 2_600;
function firmSize(options = {}) {
    const scale = options.scale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale))
        throw new Error(`scale expects a positive number, but got ${String(options.scale)}`);
    const months = Math.max(2, Math.round(options.months ?? (scale <= 1 ? 2 : Math.min(12, 2 + 1.5 * Math.log2(scale)))));
    // A consultant yields about 42 events a month (time, approvals, and their share of
    // expenses, invoices, payments and revenue); work goes on through the 20-day tail.
    const consultants = Math.max(4, Math.round(exports.EVENTS_PER_SCALE * scale / (42 * (months + 0.66))));
    return { scale, months, consultants };
}
/** The scale whose firm has about `events` events (within a few per cent above a few thousand). */
function scaleForEvents(events) {
    if (!(events > 0))
        throw new Error(`events expects a positive number, but got ${String(events)}`);
    return events / exports.EVENTS_PER_SCALE;
}
function settingsOf(options) {
    const size = firmSize(options);
    return {
        seed: options.seed ?? 1,
        scale: size.scale,
        months: size.months,
        consultants: size.consultants,
        start: (0, calendar_1.parseStart)(options.start ?? '2025-01'),
        illegal: options.illegal ?? false,
    };
}
/**
 * The firm's events one at a time, in business order; holds only what is in
 * flight, so a million-event firm streams in bounded memory.
 */
function* firmEvents(options = {}) {
    const sim = new sim_1.Sim(settingsOf(options));
    (0, staffing_1.planFirm)(sim);
    (0, work_1.scheduleWork)(sim);
    (0, billing_1.scheduleBilling)(sim);
    (0, revenue_1.scheduleRevenue)(sim);
    for (;;) {
        const task = sim.scheduler.pop();
        if (!task)
            break;
        task.run();
        if (sim.out.length > 0) {
            const out = sim.out.splice(0);
            yield* out;
        }
    }
    if (sim.settings.illegal)
        yield* (0, illegal_1.appendIllegal)(sim);
}
/** The whole firm as an array (for tests and small runs; use {@link firmEvents} for large ones). */
function simulateFirm(options = {}) {
    return { events: [...firmEvents(options)] };
}
//# sourceMappingURL=firm.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sim = void 0;
const calendar_1 = require("./calendar");
const emitter_1 = require("./emitter");
const random_1 = require("./random");
const scheduler_1 = require("./scheduler");
class Sim {
    constructor(settings) {
        this.settings = settings;
        this.scheduler = new scheduler_1.Scheduler();
        /** Events emitted by the running task, handed out by the generator after it. */
        this.out = [];
        /** Billing runs: first business day of each month after the first. */
        this.billingRuns = [];
        this.customers = [];
        this.consultants = [];
        this.projects = [];
        /** Projects created and possibly still to bill, in the order they (re)entered billing. */
        this.live = new Set();
        /** Customer names in use, so that no two accounts share one by accident. */
        this.usedNames = new Set();
        this.firsts = {
            rejection: false, hoursChanged: false, taxFailure: false, void: false, split: false, partial: false,
            reversal: false, openException: false, hold: false, dispute: false,
        };
        /** Expenses so far: the first three are one of each kind (billable, billable with billAmount, not billable). */
        this.expenseCount = 0;
        this.mergeAt = 0;
        // candidates for the `illegal` appendix
        this.approved = [];
        this.counters = new Map();
        const root = new random_1.Random(settings.seed, 'firm');
        this.plan = root.fork('plan');
        this.work = root.fork('work');
        this.billing = root.fork('billing');
        this.pay = root.fork('payments');
        this.disputes = root.fork('disputes');
        this.revenue = root.fork('revenue');
        const tag = (0, random_1.tagOf)(`${String(settings.seed)}|${settings.scale}|${settings.months}|${settings.start}`);
        this.emitter = new emitter_1.Emitter(tag, (event) => this.out.push(event));
        this.horizonStart = settings.start;
        const workEnd = (0, calendar_1.addMonths)(settings.start, settings.months);
        this.horizonEnd = workEnd + 20 * calendar_1.DAY;
        for (let m = 1; m <= settings.months; m++) {
            this.billingRuns.push((0, calendar_1.nthBusinessDay)((0, calendar_1.addMonths)(settings.start, m), 1));
        }
    }
    /** Next id of a kind: `nextId('PRJ', 4)` → `PRJ-0001`. */
    nextId(prefix, width) {
        const n = (this.counters.get(prefix) ?? 0) + 1;
        this.counters.set(prefix, n);
        return `${prefix}-${String(n).padStart(width, '0')}`;
    }
    /** Schedules an action unless it falls after the horizon. */
    at(time, run) {
        if (time <= this.horizonEnd)
            this.scheduler.at(time, run);
    }
}
exports.Sim = Sim;
//# sourceMappingURL=sim.js.map
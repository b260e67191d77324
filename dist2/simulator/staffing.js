"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.planFirm = planFirm;
exports.monthsTouched = monthsTouched;
const calendar_1 = require("./calendar");
const cents_1 = require("./cents");
const emitter_1 = require("./emitter");
const world_1 = require("./world");
const BILLING_MODELS = [
    ['time_and_materials', 0.45],
    ['fixed_fee', 0.2],
    ['milestone', 0.2],
    ['retainer', 0.15],
];
/** Plans consultants, customers and projects, and schedules their CRM and PSA events. */
function planFirm(sim) {
    const slots = planConsultants(sim);
    planProjects(sim, slots);
    for (const customer of sim.customers)
        scheduleCustomer(sim, customer);
    for (const project of sim.projects)
        scheduleProject(sim, project);
    scheduleMerge(sim);
}
// ── consultants ──────────────────────────────────────────────────────────────
/** Consultants grouped in delivery teams ("slots"); each team runs one project after another. */
function planConsultants(sim) {
    const r = sim.plan;
    const count = sim.settings.consultants;
    const slotCount = Math.max(4, Math.round(count / 2.5));
    const slots = Array.from({ length: slotCount }, () => []);
    for (let i = 0; i < count; i++) {
        const role = i < slotCount ? r.pick(world_1.MANAGER_ROLES) : r.weighted(world_1.ROLES);
        const consultant = {
            id: sim.nextId('RES', 4),
            role,
            legalEntity: r.weighted(world_1.LEGAL_ENTITIES.map((le) => [le, le.weight])),
            costEurCents: Math.round(world_1.COST_BASE_EUR[role] * r.float(0.88, 1.12)),
            precise: r.chance(0.35),
            assignments: [],
        };
        sim.consultants.push(consultant);
        slots[i % slotCount].push(consultant);
    }
    return slots;
}
// ── customers ────────────────────────────────────────────────────────────────
function companyName(sim, country, stem) {
    const r = sim.plan;
    const names = sim.usedNames;
    for (let attempt = 0;; attempt++) {
        const base = `${stem ?? r.pick(world_1.COMPANY_STEMS)} ${r.pick(world_1.COMPANY_FIELDS)}`;
        const name = attempt < 20 ? base : `${base} ${attempt}`;
        if (!names.has(name)) {
            names.add(name);
            return `${name} ${r.pick(world_1.LEGAL_FORMS[country] ?? ['Ltd'])}`;
        }
    }
}
/** Collected by the ERP the day the invoice is posted or the next. */
const DIRECT_DEBIT = { minDays: 0, maxDays: 1, partialShare: 0, batches: false, termsDays: 7 };
function paymentHabit(sim) {
    const r = sim.plan;
    const kind = r.weighted([['direct debit', 0.1], ['prompt', 0.2], ['normal', 0.45], ['slow', 0.25]]);
    const batches = r.chance(0.35);
    const partialShare = r.float(0.05, 0.3);
    if (kind === 'direct debit')
        return DIRECT_DEBIT;
    if (kind === 'prompt')
        return { minDays: 3, maxDays: 12, partialShare, batches, termsDays: 14 };
    if (kind === 'normal')
        return { minDays: 12, maxDays: 32, partialShare, batches, termsDays: 30 };
    return { minDays: 28, maxDays: 60, partialShare, batches, termsDays: r.pick([30, 45, 60]) };
}
function newCustomer(sim, options = {}) {
    const r = sim.plan;
    const le = options.legalEntity ?? r.weighted(world_1.LEGAL_ENTITIES.map((e) => [e, e.weight]));
    let country = le.country;
    if (le.country === 'NL' && r.chance(0.3))
        country = r.pick(['BE', 'FR']);
    const taxBp = country === 'US' ? r.pick(world_1.US_TAX_BP) : country === le.country ? world_1.TAX_BP_BY_COUNTRY[country] ?? 0 : 0; // cross-border EU: reverse charge
    const source = options.source ?? 'crm';
    const id = source === 'crm' ? sim.nextId('ACC', 4) : `C-${20000 + sim.customers.length * 7 + r.int(0, 6)}`;
    const customer = {
        id,
        name: options.name ?? companyName(sim, country),
        legalEntity: le,
        country,
        currency: le.currency,
        source,
        stream: (0, emitter_1.newStream)(),
        taxBp,
        habit: options.habit ?? paymentHabit(sim),
        externalIds: source === 'crm' ? { erp: `C-${10000 + sim.customers.length}` } : { erp: id },
        createAt: Number.POSITIVE_INFINITY,
        openProjects: 0,
        receivables: [],
        smooth: false,
    };
    sim.customers.push(customer);
    return customer;
}
function upsert(sim, customer, at, status) {
    const data = {
        accountId: customer.id,
        name: customer.name,
        legalEntityId: customer.legalEntity.id,
        billingCurrency: customer.currency,
        country: customer.country,
        externalIds: { ...customer.externalIds },
    };
    if (status)
        data.status = status;
    sim.emitter.emit(customer.source, 'ps.customer.account.upserted', data, at, customer.stream);
}
function scheduleCustomer(sim, customer) {
    if (!Number.isFinite(customer.createAt))
        return;
    sim.at(customer.createAt, () => upsert(sim, customer, customer.createAt));
}
/** Called when one of the customer's projects is closed or cancelled: the last one makes it inactive. */
function projectEnded(sim, customer, at) {
    customer.openProjects -= 1;
    if (customer.openProjects > 0 || customer.mergedInto || customer === sim.survivor)
        return;
    const when = at + sim.plan.int(1, 5) * calendar_1.DAY + sim.plan.int(0, 300) * calendar_1.MINUTE;
    sim.at(when, () => upsert(sim, customer, when, 'inactive'));
}
/**
 * The merge story: the ERP keeps a duplicate of the survivor (same company,
 * another spelling), with a project, invoices and a payment before the merge;
 * after the merge the PSA and the ERP still name the duplicate's id.
 */
function scheduleMerge(sim) {
    const { survivor, duplicate } = sim;
    sim.at(sim.mergeAt, () => {
        sim.emitter.emit('crm', 'ps.customer.account.merged', { survivorAccountId: survivor.id, mergedAccountId: duplicate.id }, sim.mergeAt, survivor.stream);
        duplicate.mergedInto = survivor;
    });
    const after = sim.mergeAt + 3 * calendar_1.MINUTE;
    sim.at(after, () => {
        survivor.externalIds = { ...survivor.externalIds, erpDuplicate: duplicate.id };
        upsert(sim, survivor, after, 'active');
    });
}
// ── projects ─────────────────────────────────────────────────────────────────
function planProjects(sim, slots) {
    const r = sim.plan;
    const start = sim.horizonStart;
    const firstRun = sim.billingRuns[0];
    sim.mergeAt = (0, calendar_1.addBusinessDays)(firstRun, 10) + 11 * calendar_1.HOUR;
    // The survivor is a CRM account; its duplicate, created in the ERP, pays promptly
    // so that invoices and payments exist on it both before and after the merge.
    const survivor = newCustomer(sim, { source: 'crm' });
    const stem = survivor.name.split(' ').slice(0, 2).join(' ');
    const duplicate = newCustomer(sim, {
        source: 'erp',
        legalEntity: survivor.legalEntity,
        name: `${stem.toUpperCase()} (billing)`,
        habit: { minDays: 2, maxDays: 5, partialShare: 0, batches: false, termsDays: 14 },
    });
    duplicate.smooth = true;
    survivor.habit = { ...survivor.habit, batches: true };
    sim.survivor = survivor;
    sim.duplicate = duplicate;
    const third = newCustomer(sim, { habit: DIRECT_DEBIT }); // the retainer customer pays by direct debit
    const forced = [
        { model: 'time_and_materials', customer: duplicate },
        { model: 'fixed_fee', customer: survivor },
        { model: 'milestone', customer: survivor },
        { model: 'retainer', customer: third },
        // an ordinary customer's time and materials from the start: its first invoice is the one voided and billed again
        { model: 'time_and_materials', customer: newCustomer(sim) },
    ];
    let cancelForced = false;
    let index = 0;
    for (let k = 0; k < slots.length; k++) {
        let t = (0, calendar_1.addBusinessDays)(start, k === 0 ? 1 : r.int(1, 9));
        let first = true;
        while (t < sim.horizonEnd - 3 * calendar_1.DAY) {
            const plan = first && k < forced.length ? forced[k] : undefined;
            const model = plan?.model ?? r.weighted(BILLING_MODELS);
            const customer = plan?.customer ?? pickCustomer(sim);
            // the duplicate's first project runs past the merge; the survivor's fixed fee ends early, so it closes
            const durationDays = plan?.customer === duplicate
                ? Math.max(40, Math.round((firstRun - t) / calendar_1.DAY) + 35)
                : plan?.model === 'fixed_fee'
                    ? r.int(22, 28)
                    : plan?.model === 'milestone'
                        ? r.int(35, 56) // its first milestone is reached, billed and recognized early
                        : r.weighted([[21, 1], [35, 2], [49, 2], [63, 2], [84, 1.5], [112, 1]]) + r.int(-3, 3);
            const special = plan !== undefined;
            const cancel = !special && index >= forced.length && (cancelForced ? r.chance(0.04) : t + (durationDays * 0.6 + 5) * calendar_1.DAY < sim.horizonEnd);
            if (cancel)
                cancelForced = true;
            const project = makeProject(sim, {
                customer, model, start: t, durationDays, team: teamFor(sim, slots, k), cancel,
                hold: !special && !cancel && durationDays >= 35 && (sim.firsts.hold ? r.chance(0.1) : t + 45 * calendar_1.DAY < sim.horizonEnd),
            });
            index += 1;
            first = false;
            t = (0, calendar_1.businessDayAtOrAfter)((project.cancelAt ?? project.end) + r.int(3, 15) * calendar_1.DAY);
        }
    }
    // A project created after the merge that still names the duplicate's id.
    const lateStart = (0, calendar_1.addBusinessDays)(sim.mergeAt, 3);
    makeProject(sim, {
        customer: duplicate, model: 'time_and_materials', start: lateStart, durationDays: 45,
        team: teamFor(sim, slots, 0), cancel: false, hold: false, createAt: sim.mergeAt + calendar_1.DAY,
    });
}
function pickCustomer(sim) {
    const r = sim.plan;
    const candidates = sim.customers.filter((c) => c !== sim.duplicate);
    if (candidates.length < 4 || r.chance(0.4))
        return newCustomer(sim);
    return r.pick(candidates);
}
function teamFor(sim, slots, k) {
    const team = slots[k].slice();
    if (sim.plan.chance(0.35)) {
        const other = sim.plan.pick(sim.consultants);
        if (!team.includes(other))
            team.push(other);
    }
    return team;
}
function makeProject(sim, p) {
    const r = sim.plan;
    const { customer, model, team } = p;
    const currency = customer.currency;
    const start = (0, calendar_1.businessDayAtOrAfter)(p.start);
    let end = (0, calendar_1.businessDayAtOrAfter)(start + p.durationDays * calendar_1.DAY);
    // created some days before the start; projects starting at once are created on the first morning, before they start
    let createAt = Math.max(sim.horizonStart + 9 * calendar_1.HOUR + (sim.projects.length % 400) * 20_000, p.createAt ?? start - r.int(3, 10) * calendar_1.DAY + r.int(9 * 60, 17 * 60) * calendar_1.MINUTE);
    if (createAt >= start + 7 * calendar_1.HOUR)
        createAt = start + 7 * calendar_1.HOUR;
    // The account exists before its first project: a few days before, or halfway there near the start.
    let accountAt = Math.max(createAt - r.int(1, 3) * calendar_1.DAY, sim.horizonStart + 8 * calendar_1.HOUR + (sim.customers.indexOf(customer) % 50) * calendar_1.MINUTE);
    if (accountAt >= createAt)
        accountAt = createAt - 5 * calendar_1.MINUTE;
    customer.createAt = Math.min(customer.createAt, accountAt);
    let holdAt;
    let holdDays;
    if (p.hold) {
        holdAt = (0, calendar_1.addBusinessDays)(start, Math.round(p.durationDays * r.float(0.3, 0.5) * 5 / 7)) + 12 * calendar_1.HOUR;
        holdDays = r.int(7, 20);
        end = (0, calendar_1.businessDayAtOrAfter)(end + holdDays * calendar_1.DAY);
        sim.firsts.hold = true;
    }
    const cancelAt = p.cancel ? (0, calendar_1.addBusinessDays)(start, Math.max(5, Math.round(p.durationDays * r.float(0.25, 0.6) * 5 / 7))) + 16 * calendar_1.HOUR : undefined;
    const discount = r.pick(world_1.DISCOUNTS_BP);
    const billRates = new Map();
    const costRates = new Map();
    for (const c of team) {
        billRates.set(c.role, (0, cents_1.percentOf)(world_1.RATE_CARD[currency][c.role], 10_000 - discount));
        costRates.set(c.id, Math.round(c.costEurCents / world_1.EUR_PER_UNIT[currency]));
    }
    const businessDays = Math.max(5, Math.round(((end - start) / calendar_1.DAY) * 5 / 7));
    const budgetHours = Math.max(4000, Math.round(team.length * businessDays * 5.3) * 100);
    const avgBill = average(team.map((c) => billRates.get(c.role)));
    const avgCost = average(team.map((c) => costRates.get(c.id)));
    const estimatedRevenue = Math.round((budgetHours * avgBill) / 100);
    const estimatedCostCents = Math.round((budgetHours * avgCost) / 100);
    let contractCents;
    let feeCount = 0;
    let feeCents = 0;
    const milestones = [];
    const id = sim.nextId('PRJ', 4);
    switch (model) {
        case 'time_and_materials':
            if (r.chance(0.5))
                contractCents = roundTo(estimatedRevenue * 1.1, 100_000);
            break;
        case 'fixed_fee':
            contractCents = Math.max(500_000, roundTo(estimatedCostCents * r.float(1.4, 1.9), 50_000));
            feeCount = Math.min(6, Math.max(1, Math.round((end - start) / (30 * calendar_1.DAY))));
            feeCents = Math.floor(contractCents / feeCount);
            break;
        case 'milestone': {
            contractCents = Math.max(500_000, roundTo(estimatedRevenue * 0.95, 100_000));
            const count = r.int(2, 4);
            const names = r.sample(world_1.MILESTONE_NAMES, count);
            const weights = names.map(() => r.float(0.5, 1.5));
            const total = weights.reduce((a, b) => a + b, 0);
            let left = contractCents;
            for (let i = 0; i < count; i++) {
                const amount = i === count - 1 ? left : roundTo((contractCents * weights[i]) / total, 10_000);
                left -= amount;
                const plannedAt = (0, calendar_1.addBusinessDays)(start, Math.round((((i + 1) / count) * (end - start)) / calendar_1.DAY * 5 / 7)) + 14 * calendar_1.HOUR;
                milestones.push({ id: `${id}-M${i + 1}`, project: undefined, name: names[i], amountCents: amount, plannedAt, approved: false });
            }
            break;
        }
        case 'retainer':
            feeCount = monthsTouched(start, end);
            feeCents = Math.max(500_000, roundTo((estimatedRevenue * 0.9) / feeCount, 50_000));
            contractCents = feeCents * feeCount;
            break;
    }
    const project = {
        id,
        name: `${customer.name.split(' ')[0]} ${r.pick(world_1.PROJECT_TOPICS)}`,
        customer,
        accountId: customer.id,
        model,
        currency,
        legalEntity: customer.legalEntity,
        stream: (0, emitter_1.newStream)(),
        status: 'planned',
        createAt,
        start,
        end,
        holdAt,
        holdDays,
        cancelAt,
        manager: team[0],
        team,
        billRates,
        costRates,
        contractCents,
        budgetHours,
        feeCount,
        feeCents,
        feesBilled: 0,
        milestones,
        estimatedCostCents: Math.max(1, estimatedCostCents),
        unbilledTime: [],
        unbilledExpenses: [],
        unbilledMilestones: [],
        pendingRevenueCents: 0,
        costToDateCents: 0,
        recognizedCents: 0,
        retainerMonthsRecognized: 0,
        finished: false,
    };
    for (const m of milestones)
        m.project = project;
    customer.openProjects += 1;
    sim.projects.push(project);
    return project;
}
/** Schedules the PSA's events of one project: created, active, on hold and back, cancelled or completed, closed. */
function scheduleProject(sim, project) {
    const r = sim.plan;
    const psa = (at, status, run) => sim.at(at, () => {
        if (project.status === 'cancelled' || project.status === 'closed')
            return;
        if (status !== 'planned') {
            sim.emitter.emit('psa', 'ps.project.project.status_changed', { projectId: project.id, status }, at, project.stream);
            project.status = status;
        }
        run?.();
    });
    sim.at(project.createAt, () => {
        const data = {
            projectId: project.id,
            accountId: project.accountId,
            name: project.name,
            billingModel: project.model,
            currency: project.currency,
            legalEntityId: project.legalEntity.id,
            budgetHours: (0, cents_1.hoursText)(project.budgetHours ?? 0),
            plannedStart: (0, calendar_1.dateText)(project.start),
            plannedEnd: (0, calendar_1.dateText)(project.end),
        };
        if (project.contractCents !== undefined)
            data.contractValue = { amount: (0, cents_1.centsText)(project.contractCents), currency: project.currency };
        sim.emitter.emit('psa', 'ps.project.project.created', data, project.createAt, project.stream);
        project.status = 'setup';
        sim.live.add(project);
        for (const c of project.team)
            c.assignments.push(project);
    });
    psa(project.start + 8 * calendar_1.HOUR + r.int(0, 60) * calendar_1.MINUTE, 'active');
    if (project.holdAt !== undefined && (project.cancelAt === undefined || project.holdAt < project.cancelAt)) {
        psa(project.holdAt, 'on_hold');
        psa((0, calendar_1.addBusinessDays)(project.holdAt + project.holdDays * calendar_1.DAY, 0) + 9 * calendar_1.HOUR, 'active');
    }
    if (project.cancelAt !== undefined) {
        psa(project.cancelAt, 'cancelled', () => {
            project.finished = true;
            sim.endedProject ??= project;
            projectEnded(sim, project.customer, project.cancelAt);
        });
        return;
    }
    for (const m of project.milestones) {
        sim.at(m.plannedAt, () => approveMilestone(sim, m));
    }
    psa(project.end + 18 * calendar_1.HOUR, 'completed', () => {
        project.finished = true;
    });
    const closeAt = (0, calendar_1.addBusinessDays)(project.end + r.int(20, 35) * calendar_1.DAY, 0) + 17 * calendar_1.HOUR;
    psa(closeAt, 'closed', () => {
        sim.endedProject = sim.endedProject?.status === 'closed' ? sim.endedProject : project;
        projectEnded(sim, project.customer, closeAt);
    });
}
function approveMilestone(sim, m) {
    const project = m.project;
    if (project.status === 'cancelled' || project.status === 'planned')
        return;
    sim.emitter.emit('psa', 'ps.project.milestone.approved', {
        milestoneId: m.id, projectId: project.id, name: m.name, amount: { amount: (0, cents_1.centsText)(m.amountCents), currency: project.currency },
    }, m.plannedAt, (0, emitter_1.newStream)());
    m.approved = true;
    project.unbilledMilestones.push(m);
    project.pendingRevenueCents += m.amountCents;
    sim.live.add(project);
}
/** Number of calendar months the interval [start, end] touches. */
function monthsTouched(start, end) {
    let n = 0;
    for (let m = (0, calendar_1.addMonths)(start, 0); m <= end; m = (0, calendar_1.addMonths)(m, 1))
        n++;
    return Math.max(1, n);
}
function average(values) {
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
function roundTo(cents, step) {
    return Math.max(step, Math.round(cents / step) * step);
}
//# sourceMappingURL=staffing.js.map
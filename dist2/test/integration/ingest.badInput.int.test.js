"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const validate_1 = require("../../events/validate");
const projector_1 = require("../../listeners/projector");
const oracle_1 = require("../../simulator/oracle");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const badInput_1 = require("../fixtures/badInput");
const ingestHarness_1 = require("../support/ingestHarness");
const SEED = 20250301;
const BATCH = 400;
(0, node_test_1.describe)('ingest of 1,000 malformed events mixed with valid ones', () => {
    let h;
    const input = (0, badInput_1.generateBadInput)({ seed: SEED, malformed: 1000, stories: 50 });
    const results = [];
    (0, node_test_1.before)(async () => {
        h = await (0, ingestHarness_1.startIngestHarness)();
        for (let start = 0; start < input.events.length; start += BATCH) {
            const answer = await h.post(input.events.slice(start, start + BATCH), 'application/cloudevents-batch+json');
            strict_1.default.equal(answer.status, 202, JSON.stringify(answer.body));
            results.push(...answer.body.results);
        }
    });
    (0, node_test_1.after)(() => h.close());
    const malformed = () => input.expectations.map((x, i) => ({ x, i })).filter((e) => !e.x.valid);
    (0, node_test_1.it)('should be the same input for the same seed, with every kind of malformation', () => {
        strict_1.default.deepEqual((0, badInput_1.generateBadInput)({ seed: SEED, malformed: 1000, stories: 50 }), input);
        const kinds = new Set(malformed().map(({ x }) => x.kind));
        strict_1.default.equal(kinds.size, badInput_1.MALFORMATIONS.length);
        strict_1.default.equal(malformed().length, 1000);
    });
    (0, node_test_1.it)('should answer one result per event, in order', () => {
        strict_1.default.equal(results.length, input.events.length);
    });
    (0, node_test_1.it)('should reject every malformed event with a clear error naming the broken path', () => {
        const failures = [];
        for (const { x, i } of malformed()) {
            const result = results[i];
            const errors = result.errors ?? [];
            if (result.status !== 'rejected')
                failures.push(`#${i} ${x.kind}: ${result.status}`);
            else if (!errors.some((e) => e.path === x.path))
                failures.push(`#${i} ${x.kind}: expected an error at "${x.path}", got ${errors.map(validate_1.formatValidationError).join('; ')}`);
            else if (!errors.every((e) => /^expected .+, got .+/s.test(e.message)))
                failures.push(`#${i} ${x.kind}: unclear message in ${JSON.stringify(errors)}`);
        }
        strict_1.default.deepEqual(failures, []);
    });
    (0, node_test_1.it)('should accept every valid event', () => {
        const failures = input.expectations
            .map((x, i) => ({ x, result: results[i] }))
            .filter(({ x, result }) => x.valid && (result.status !== 'accepted' || result.id !== x.id))
            .map(({ result }) => JSON.stringify(result));
        strict_1.default.deepEqual(failures, []);
    });
    (0, node_test_1.it)('should store exactly the valid events in the event log, in order', async () => {
        const { rows } = await h.db.pool.query(`SELECT event_id FROM hub.event_log ORDER BY position`);
        const validIds = input.expectations.flatMap((x) => (x.valid ? [x.id] : []));
        strict_1.default.deepEqual(rows.map((r) => r.event_id), validIds);
    });
    (0, node_test_1.it)('should keep every rejected event with its errors for operators', async () => {
        const { rows } = await h.db.pool.query(`SELECT reason, errors, body FROM hub.rejected_event ORDER BY rejection_id`);
        strict_1.default.equal(rows.length, 1000);
        const expected = malformed();
        rows.forEach((row, n) => {
            strict_1.default.equal(row.reason, 'invalid');
            strict_1.default.ok(row.errors.some((e) => e.path === expected[n].x.path), `row ${n}: ${JSON.stringify(row.errors)}`);
        });
    });
    (0, node_test_1.it)('should count them in GET /status', async () => {
        const status = await h.request('GET', '/status');
        strict_1.default.equal(status.body.received, 600);
        strict_1.default.equal(status.body.rejected, 1000);
        strict_1.default.equal(status.body.duplicates, 0);
    });
    (0, node_test_1.it)('should apply every valid event through the listeners, and nothing of the rejected ones', async () => {
        await new projector_1.Projector(h.db.pool, { batchSize: 128 }).drain();
        const status = await h.request('GET', '/status');
        strict_1.default.deepEqual({ applied: status.body.applied, parked: status.body.parked, pending: status.body.pending, exceptions: status.body.exceptions }, { applied: 600, parked: 0, pending: 0, exceptions: 0 });
        const valid = input.events.filter((_, i) => input.expectations[i].valid)
            .map((raw) => { const r = (0, validate_1.validateEvent)(raw); strict_1.default.ok(r.ok); return r.event; });
        const expected = (0, oracle_1.expectedFigures)(valid);
        const actual = await (0, readModelFigures_1.readModelFigures)(h.db.pool);
        strict_1.default.equal(Object.keys(actual.projects).length, 50);
        strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
        strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
        strict_1.default.deepEqual(actual.customers, (0, graphqlFigures_1.sameFields)(expected.customers, actual.customers));
    });
});
//# sourceMappingURL=ingest.badInput.int.test.js.map
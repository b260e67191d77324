"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const sequenceStep_1 = require("../../listeners/sequenceStep");
const cases = [
    { what: 'tells stale, next and ahead for plain numbers', steps: [
            ['1', '0', 'next'], ['3', '3', 'stale'], ['2', '3', 'stale'], ['5', '3', 'ahead'], ['1000000000', '999999999', 'next'],
        ] },
    // As numbers both sides of the first pairs would round to the same value.
    { what: 'is exact beyond the digits a plain number holds', steps: [
            ['9007199254740993', '9007199254740992', 'next'], ['9007199254740993', '9007199254740993', 'stale'],
            ['9223372036854775807', '9223372036854775805', 'ahead'], ['10000000000000000', '999999999999999', 'ahead'],
            ['1000000000000000', '999999999999999', 'next'],
        ] },
];
(0, node_test_1.describe)('where a sequence stands against the last applied', () => {
    for (const { what, steps } of cases) {
        (0, node_test_1.it)(what, () => {
            for (const [sequence, last, step] of steps)
                strict_1.default.equal((0, sequenceStep_1.sequenceStep)(sequence, last), step, `${sequence} after ${last}`);
        });
    }
});
//# sourceMappingURL=listeners.sequenceStep.unit.test.js.map
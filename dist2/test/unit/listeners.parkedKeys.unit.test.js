"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const parkedKeys_1 = require("../../listeners/parkedKeys");
(0, node_test_1.describe)('the keys parked events wait on', () => {
    (0, node_test_1.it)('counts events per key, so a key stays while any event still waits on it', () => {
        const keys = new parkedKeys_1.ParkedKeys();
        keys.add('project:p1');
        keys.add('project:p1');
        keys.add('invoice:i1');
        keys.remove('project:p1');
        strict_1.default.equal(keys.has('project:p1'), true);
        keys.remove('project:p1');
        keys.remove('invoice:i1');
        strict_1.default.deepEqual([keys.has('project:p1'), keys.has('invoice:i1')], [false, false]);
    });
});
//# sourceMappingURL=listeners.parkedKeys.unit.test.js.map
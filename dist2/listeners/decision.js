"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.write = write;
exports.apply = apply;
exports.park = park;
exports.illegal = illegal;
exports.currencyMismatch = currencyMismatch;
function write(table, row) {
    return { table, row };
}
function apply(...writes) {
    return { kind: 'apply', writes };
}
function park(waitingFor, reason) {
    return { kind: 'park', waitingFor, reason };
}
function illegal(message) {
    return { kind: 'exception', code: 'ILLEGAL_TRANSITION', message };
}
function currencyMismatch(message) {
    return { kind: 'exception', code: 'CURRENCY_MISMATCH', message };
}
//# sourceMappingURL=decision.js.map
"use strict";
/**
 * Where an event's `sequence` stands against the last one applied on its
 * stream. Both are canonical decimal texts (validation drops leading zeros;
 * Postgres prints bigint so): nearly always short enough for exact plain
 * numbers, so BigInt is only used for the rare long ones. Every event of a
 * stream passes here, so it allocates nothing in the common case.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.sequenceStep = sequenceStep;
/** Digits a plain number holds exactly (2^53 has 16). */
const EXACT_DIGITS = 15;
/** `sequence` against `last` ('0' for a stream with nothing applied). */
function sequenceStep(sequence, last) {
    if (sequence.length <= EXACT_DIGITS && last.length <= EXACT_DIGITS) {
        const difference = Number(sequence) - Number(last);
        return difference <= 0 ? 'stale' : difference === 1 ? 'next' : 'ahead';
    }
    const difference = BigInt(sequence) - BigInt(last);
    return difference <= 0n ? 'stale' : difference === 1n ? 'next' : 'ahead';
}
//# sourceMappingURL=sequenceStep.js.map
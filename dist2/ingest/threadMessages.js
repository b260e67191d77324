"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OUTCOME_FIELDS = exports.STATS_FIELDS = void 0;
/** The order of the counts in IngestThreadData.stats. */
exports.STATS_FIELDS = ['requests', 'transactions', 'groupsRetriedAlone', 'waiting'];
/** The order of the counts in IngestThreadData.outcomes. */
exports.OUTCOME_FIELDS = ['accepted', 'duplicate', 'rejected'];
//# sourceMappingURL=threadMessages.js.map
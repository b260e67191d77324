"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764000000000_InitialSchema_1 = require("./1764000000000-InitialSchema");
const _1764000000001_GeneratedColumnMetadata_1 = require("./1764000000001-GeneratedColumnMetadata");
const _1764000000002_BilledByInvoiceSet_1 = require("./1764000000002-BilledByInvoiceSet");
const _1764000000003_KeysCollateC_1 = require("./1764000000003-KeysCollateC");
const _1765000000200_AuditLog_1 = require("./1765000000200-AuditLog");
const _1765000000500_FiguresOverTime_1 = require("./1765000000500-FiguresOverTime");
const _1765000000600_HubExceptionDismissal_1 = require("./1765000000600-HubExceptionDismissal");
const _1765000000700_ReportingViews_1 = require("./1765000000700-ReportingViews");
/**
 * Every migration, in order. An explicit list rather than a glob over dist/:
 * tsc never deletes output, so a glob would also run the stale .js of a
 * migration that was renamed or removed from the source tree.
 */
exports.MIGRATIONS = [
    _1764000000000_InitialSchema_1.InitialSchema1764000000000,
    _1764000000001_GeneratedColumnMetadata_1.GeneratedColumnMetadata1764000000001,
    _1764000000002_BilledByInvoiceSet_1.BilledByInvoiceSet1764000000002,
    _1764000000003_KeysCollateC_1.KeysCollateC1764000000003,
    _1765000000200_AuditLog_1.AuditLog1765000000200,
    _1765000000500_FiguresOverTime_1.FiguresOverTime1765000000500,
    _1765000000600_HubExceptionDismissal_1.HubExceptionDismissal1765000000600,
    _1765000000700_ReportingViews_1.ReportingViews1765000000700,
];
//# sourceMappingURL=index.js.map
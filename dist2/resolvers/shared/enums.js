"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PaymentState = exports.TaxStatus = exports.InvoiceStatus = exports.ProjectStatus = exports.BillingModel = void 0;
exports.storedEnum = storedEnum;
const type_graphql_1 = require("type-graphql");
/*
 * The status enums of docs/api.md#graphql. GraphQL names are the contract's
 * lower-case words in UPPER_CASE; the values are the words the read model
 * stores, so resolvers pass database values through and arguments arrive as
 * database values.
 */
var BillingModel;
(function (BillingModel) {
    BillingModel["TIME_AND_MATERIALS"] = "time_and_materials";
    BillingModel["FIXED_FEE"] = "fixed_fee";
    BillingModel["MILESTONE"] = "milestone";
    BillingModel["RETAINER"] = "retainer";
})(BillingModel || (exports.BillingModel = BillingModel = {}));
(0, type_graphql_1.registerEnumType)(BillingModel, { name: 'BillingModel', description: 'How a project is billed.' });
var ProjectStatus;
(function (ProjectStatus) {
    ProjectStatus["SETUP"] = "setup";
    ProjectStatus["ACTIVE"] = "active";
    ProjectStatus["ON_HOLD"] = "on_hold";
    ProjectStatus["COMPLETED"] = "completed";
    ProjectStatus["CLOSED"] = "closed";
    ProjectStatus["CANCELLED"] = "cancelled";
})(ProjectStatus || (exports.ProjectStatus = ProjectStatus = {}));
(0, type_graphql_1.registerEnumType)(ProjectStatus, { name: 'ProjectStatus', description: 'Lifecycle of a project; CLOSED and CANCELLED are final.' });
var InvoiceStatus;
(function (InvoiceStatus) {
    InvoiceStatus["DRAFT"] = "draft";
    InvoiceStatus["POSTED"] = "posted";
    InvoiceStatus["VOIDED"] = "voided";
})(InvoiceStatus || (exports.InvoiceStatus = InvoiceStatus = {}));
(0, type_graphql_1.registerEnumType)(InvoiceStatus, { name: 'InvoiceStatus', description: 'DRAFT → POSTED → VOIDED (a draft may be voided too).' });
var TaxStatus;
(function (TaxStatus) {
    TaxStatus["PENDING"] = "pending";
    TaxStatus["SUCCEEDED"] = "succeeded";
    TaxStatus["FAILED"] = "failed";
})(TaxStatus || (exports.TaxStatus = TaxStatus = {}));
(0, type_graphql_1.registerEnumType)(TaxStatus, { name: 'TaxStatus', description: 'Tax calculation of an invoice; a failed one may be calculated again.' });
var PaymentState;
(function (PaymentState) {
    PaymentState["NOT_PAID"] = "not_paid";
    PaymentState["PARTIAL"] = "partial";
    PaymentState["PAID"] = "paid";
})(PaymentState || (exports.PaymentState = PaymentState = {}));
(0, type_graphql_1.registerEnumType)(PaymentState, { name: 'PaymentState', description: 'From the allocations against the gross total.' });
/**
 * A stored word as the enum whose values the read model stores: the compiler
 * checks that every word the column's entity allows is one of the enum's
 * values, so a new status in the table fails the build here.
 */
function storedEnum(value) {
    return value;
}
//# sourceMappingURL=enums.js.map
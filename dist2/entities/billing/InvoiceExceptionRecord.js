"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvoiceExceptionRecord = void 0;
const typeorm_1 = require("typeorm");
/** billing.invoice_exception: a billing-pipeline exception raised on an invoice; open while resolved_at is null. */
let InvoiceExceptionRecord = class InvoiceExceptionRecord {
};
exports.InvoiceExceptionRecord = InvoiceExceptionRecord;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'invoice_id', collation: 'C' }),
    __metadata("design:type", String)
], InvoiceExceptionRecord.prototype, "invoiceId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'exception_id', collation: 'C' }),
    __metadata("design:type", String)
], InvoiceExceptionRecord.prototype, "exceptionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'stage' }),
    __metadata("design:type", String)
], InvoiceExceptionRecord.prototype, "stage", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'code' }),
    __metadata("design:type", String)
], InvoiceExceptionRecord.prototype, "code", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'message', nullable: true }),
    __metadata("design:type", Object)
], InvoiceExceptionRecord.prototype, "message", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'raised_at' }),
    __metadata("design:type", Date)
], InvoiceExceptionRecord.prototype, "raisedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'resolved_at', nullable: true }),
    __metadata("design:type", Object)
], InvoiceExceptionRecord.prototype, "resolvedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'resolution', nullable: true }),
    __metadata("design:type", Object)
], InvoiceExceptionRecord.prototype, "resolution", void 0);
exports.InvoiceExceptionRecord = InvoiceExceptionRecord = __decorate([
    (0, typeorm_1.Entity)({ schema: 'billing', name: 'invoice_exception' }),
    (0, typeorm_1.Index)('invoice_exception_open', ['invoiceId'], { where: 'resolved_at IS NULL' })
], InvoiceExceptionRecord);
//# sourceMappingURL=InvoiceExceptionRecord.js.map
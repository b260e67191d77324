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
exports.InvoiceException = void 0;
const type_graphql_1 = require("type-graphql");
const dateTime_scalar_1 = require("../shared/dateTime.scalar");
/** An invoice exception raised by the billing platform and not (yet) resolved. */
let InvoiceException = class InvoiceException {
};
exports.InvoiceException = InvoiceException;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { description: 'The exception id the billing platform gave it.' }),
    __metadata("design:type", String)
], InvoiceException.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'eligibility | pricing | tax | posting | delivery.' }),
    __metadata("design:type", String)
], InvoiceException.prototype, "stage", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], InvoiceException.prototype, "code", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], InvoiceException.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => dateTime_scalar_1.DateTimeScalar, { description: 'When it was raised (event time).' }),
    __metadata("design:type", Date)
], InvoiceException.prototype, "raisedAt", void 0);
exports.InvoiceException = InvoiceException = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'A billing exception raised on an invoice and not resolved.' })
], InvoiceException);
//# sourceMappingURL=invoiceException.js.map
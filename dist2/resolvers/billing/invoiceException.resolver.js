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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvoiceExceptionResolver = void 0;
const type_graphql_1 = require("type-graphql");
const invoiceException_1 = require("./invoiceException");
const HOUR_MS = 3_600_000;
let InvoiceExceptionResolver = class InvoiceExceptionResolver {
    constructor(clock) {
        this.clock = clock;
    }
    ageHours(exception) {
        return Math.round(((this.clock().getTime() - exception.raisedAt.getTime()) / HOUR_MS) * 100) / 100;
    }
};
exports.InvoiceExceptionResolver = InvoiceExceptionResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float, { description: 'Hours from raisedAt to now, 2 decimals.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [invoiceException_1.InvoiceException]),
    __metadata("design:returntype", Number)
], InvoiceExceptionResolver.prototype, "ageHours", null);
exports.InvoiceExceptionResolver = InvoiceExceptionResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => invoiceException_1.InvoiceException),
    __metadata("design:paramtypes", [Function])
], InvoiceExceptionResolver);
//# sourceMappingURL=invoiceException.resolver.js.map
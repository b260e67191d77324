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
exports.Money = void 0;
const type_graphql_1 = require("type-graphql");
const decimal_scalar_1 = require("./decimal.scalar");
/**
 * An amount in a currency. `@shareable`: every subgraph that reports money
 * resolves Money itself (the gateway may take it from any of them).
 */
let Money = class Money {
};
exports.Money = Money;
__decorate([
    (0, type_graphql_1.Field)(() => decimal_scalar_1.DecimalScalar, { description: 'Exact decimal with 2 fraction digits, e.g. "1234.50".' }),
    __metadata("design:type", String)
], Money.prototype, "amount", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'ISO 4217 currency code.' }),
    __metadata("design:type", String)
], Money.prototype, "currency", void 0);
exports.Money = Money = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'An exact amount of money in one currency.' })
], Money);
//# sourceMappingURL=money.js.map
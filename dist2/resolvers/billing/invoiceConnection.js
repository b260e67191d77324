"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvoiceConnection = void 0;
const type_graphql_1 = require("type-graphql");
const connection_1 = require("../shared/connection");
const invoice_1 = require("./invoice");
let InvoiceConnection = class InvoiceConnection extends (0, connection_1.connectionOf)(invoice_1.Invoice, 'Invoice') {
};
exports.InvoiceConnection = InvoiceConnection;
exports.InvoiceConnection = InvoiceConnection = __decorate([
    (0, type_graphql_1.ObjectType)({ simpleResolvers: true, description: 'Invoices in time order (drafted, then id).' })
], InvoiceConnection);
//# sourceMappingURL=invoiceConnection.js.map
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
exports.Expense = void 0;
const typeorm_1 = require("typeorm");
/** project.expense: an approved expense (amount = cost; billAmount when billable). */
let Expense = class Expense {
};
exports.Expense = Expense;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], Expense.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], Expense.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'expense_date' }),
    __metadata("design:type", String)
], Expense.prototype, "expenseDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'amount' }),
    __metadata("design:type", String)
], Expense.prototype, "amount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], Expense.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', name: 'billable' }),
    __metadata("design:type", Boolean)
], Expense.prototype, "billable", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'bill_amount' }),
    __metadata("design:type", String)
], Expense.prototype, "billAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" }),
    __metadata("design:type", Array)
], Expense.prototype, "billedByInvoiceIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'approved_at' }),
    __metadata("design:type", Date)
], Expense.prototype, "approvedAt", void 0);
exports.Expense = Expense = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'expense' }),
    (0, typeorm_1.Index)('expense_project_id', ['projectId'])
    // Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
    // in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
    ,
    (0, typeorm_1.Index)('expense_unbilled', { synchronize: false })
], Expense);
//# sourceMappingURL=Expense.js.map
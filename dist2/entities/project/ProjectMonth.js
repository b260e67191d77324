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
exports.ProjectMonth = void 0;
const typeorm_1 = require("typeorm");
/**
 * project.project_month: a project's figures of one calendar month, running
 * totals moved by the same contributions as the project's own, each by its
 * date basis (docs/api.md, "Figures over time"); a project's months sum to its
 * figures. `facts` counts the facts behind the row: it is deleted at 0.
 */
let ProjectMonth = class ProjectMonth {
};
exports.ProjectMonth = ProjectMonth;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'project_id', collation: 'C' }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "projectId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'month', collation: 'C' }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "month", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'approved_hours', default: 0 }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "approvedHours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'labor_cost', default: 0 }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "laborCost", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'expense_cost', default: 0 }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "expenseCost", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'billed_amount', default: 0 }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "billedAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'recognized_revenue', default: 0 }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "recognizedRevenue", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'margin', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `recognized_revenue - labor_cost - expense_cost`,
    }),
    __metadata("design:type", String)
], ProjectMonth.prototype, "margin", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', name: 'facts', default: 0 }),
    __metadata("design:type", Number)
], ProjectMonth.prototype, "facts", void 0);
exports.ProjectMonth = ProjectMonth = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'project_month' }),
    (0, typeorm_1.Index)('project_month_month', ['month'])
], ProjectMonth);
//# sourceMappingURL=ProjectMonth.js.map
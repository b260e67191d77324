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
exports.Project = void 0;
const typeorm_1 = require("typeorm");
/**
 * project.project: a project and its running totals, maintained incrementally
 * by the listeners. Money and hours are numeric, as strings. margin,
 * margin_percent and revenue_backlog are STORED generated columns: read-only
 * here, computed by Postgres from the totals so they can never disagree.
 * (Their expressions are also recorded in typeorm_metadata by the migration
 * GeneratedColumnMetadata, where TypeORM's schema diff reads them.)
 */
let Project = class Project {
};
exports.Project = Project;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'text', name: 'id', collation: 'C' }),
    __metadata("design:type", String)
], Project.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'account_id', collation: 'C' }),
    __metadata("design:type", String)
], Project.prototype, "accountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'name' }),
    __metadata("design:type", String)
], Project.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'billing_model' }),
    __metadata("design:type", String)
], Project.prototype, "billingModel", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'status' }),
    __metadata("design:type", String)
], Project.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 3, name: 'currency' }),
    __metadata("design:type", String)
], Project.prototype, "currency", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'legal_entity_id' }),
    __metadata("design:type", String)
], Project.prototype, "legalEntityId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'contract_value', nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "contractValue", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'budget_hours', nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "budgetHours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'planned_start', nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "plannedStart", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'date', name: 'planned_end', nullable: true }),
    __metadata("design:type", Object)
], Project.prototype, "plannedEnd", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', name: 'created_at' }),
    __metadata("design:type", Date)
], Project.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'approved_hours', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "approvedHours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'billable_approved_hours', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "billableApprovedHours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'labor_cost', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "laborCost", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'expense_cost', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "expenseCost", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'billed_amount', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "billedAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'unbilled_approved_amount', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "unbilledApprovedAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'unbilled_approved_hours', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "unbilledApprovedHours", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'recognized_revenue', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "recognizedRevenue", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'billable_work_amount', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "billableWorkAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'numeric', name: 'approved_milestone_amount', default: 0 }),
    __metadata("design:type", String)
], Project.prototype, "approvedMilestoneAmount", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'margin', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `recognized_revenue - labor_cost - expense_cost`,
    }),
    __metadata("design:type", String)
], Project.prototype, "margin", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'margin_percent', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `CASE WHEN recognized_revenue = 0 THEN NULL ELSE round((recognized_revenue - labor_cost - expense_cost) * 100 / recognized_revenue, 2) END`,
    }),
    __metadata("design:type", Object)
], Project.prototype, "marginPercent", void 0);
__decorate([
    (0, typeorm_1.Column)({
        type: 'numeric', name: 'revenue_backlog', nullable: true, insert: false, update: false,
        generatedType: 'STORED',
        asExpression: `CASE billing_model WHEN 'time_and_materials' THEN greatest(0, billable_work_amount - recognized_revenue) WHEN 'milestone' THEN greatest(0, approved_milestone_amount - recognized_revenue) ELSE NULL END`,
    }),
    __metadata("design:type", Object)
], Project.prototype, "revenueBacklog", void 0);
exports.Project = Project = __decorate([
    (0, typeorm_1.Entity)({ schema: 'project', name: 'project' }),
    (0, typeorm_1.Check)('project_billing_model_check', `billing_model IN ('time_and_materials', 'fixed_fee', 'milestone', 'retainer')`),
    (0, typeorm_1.Check)('project_status_check', `status IN ('setup', 'active', 'on_hold', 'completed', 'closed', 'cancelled')`),
    (0, typeorm_1.Index)('project_account_id', ['accountId'])
], Project);
//# sourceMappingURL=Project.js.map
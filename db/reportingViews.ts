/**
 * The columns of the SQL reporting views (docs/reporting.md) are part of the
 * product's contract with BI tools: a column may be added, never renamed or
 * dropped. This list is that contract; a test fails when a view lacks one.
 */
export const REPORTING_VIEW_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customers: ['customer_id', 'name', 'legal_entity_id', 'billing_currency', 'country', 'status', 'merged_accounts'],
  customer_balances: ['customer_id', 'currency', 'outstanding_balance'],
  projects: [
    'project_id', 'name', 'customer_id', 'customer_name', 'billing_model', 'status', 'currency', 'legal_entity_id',
    'contract_value', 'budget_hours', 'planned_start', 'planned_end',
    'approved_hours', 'billable_approved_hours', 'labor_cost', 'expense_cost', 'billed_amount',
    'unbilled_approved_amount', 'unbilled_approved_hours', 'recognized_revenue', 'margin', 'margin_percent', 'revenue_backlog',
  ],
  invoices: [
    'invoice_id', 'invoice_number', 'project_id', 'project_name', 'customer_id', 'customer_name', 'legal_entity_id',
    'currency', 'status', 'tax_status', 'payment_state', 'net_total', 'tax_total', 'gross_total', 'amount_paid', 'amount_due',
    'invoice_date', 'due_date', 'drafted_at', 'posted_at', 'sent_at', 'voided_at', 'open_exceptions',
  ],
  portfolio: [
    'currency', 'legal_entity_id', 'project_count', 'approved_hours', 'labor_cost', 'expense_cost', 'billed_amount',
    'unbilled_approved_amount', 'recognized_revenue', 'margin', 'margin_percent', 'outstanding_balance', 'open_invoice_exceptions',
  ],
  project_months: [
    'project_id', 'month', 'currency', 'legal_entity_id',
    'approved_hours', 'labor_cost', 'expense_cost', 'billed_amount', 'recognized_revenue', 'margin',
  ],
  receivables_aging: ['currency', 'legal_entity_id', 'as_of', 'not_yet_due', 'days_1_to_30', 'days_31_to_60', 'days_61_to_90', 'over_90', 'total'],
  unbilled_aging: ['currency', 'legal_entity_id', 'as_of', 'days_1_to_30', 'days_31_to_60', 'days_61_to_90', 'over_90', 'total'],
};

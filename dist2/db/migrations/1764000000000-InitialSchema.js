"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1764000000000 = void 0;
/**
 * The first schema: the hub's own tables (event log, rejected events,
 * counters, projector checkpoint, parked events, exceptions, per-stream
 * sequence positions, change feed) and the read model, one Postgres schema per
 * domain. Money and hours are `numeric` (exact); figures derived from running
 * totals are generated columns so they can never disagree with their inputs.
 */
class InitialSchema1764000000000 {
    constructor() {
        this.name = 'InitialSchema1764000000000';
    }
    async up(q) {
        await q.query(`CREATE SCHEMA IF NOT EXISTS hub`);
        await q.query(`CREATE SCHEMA IF NOT EXISTS customer`);
        await q.query(`CREATE SCHEMA IF NOT EXISTS project`);
        await q.query(`CREATE SCHEMA IF NOT EXISTS billing`);
        await q.query(`CREATE SCHEMA IF NOT EXISTS revenue`);
        // ── hub ────────────────────────────────────────────────────────────────
        // position is assigned under the ingest advisory lock, so positions commit
        // in increasing order and a reader by position never skips a late commit.
        await q.query(`CREATE TABLE hub.event_log (
      position      bigserial PRIMARY KEY,
      source        text NOT NULL,
      event_id      text NOT NULL,
      type          text NOT NULL,
      subject       text NOT NULL,
      sequence      bigint,
      event_time    timestamptz NOT NULL,
      content_hash  text NOT NULL,
      envelope      jsonb NOT NULL,
      received_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT event_log_source_id UNIQUE (source, event_id)
    )`);
        await q.query(`CREATE TABLE hub.rejected_event (
      rejection_id  bigserial PRIMARY KEY,
      source        text,
      event_id      text,
      reason        text NOT NULL CHECK (reason IN ('invalid', 'conflict')),
      errors        jsonb NOT NULL,
      body          jsonb,
      received_at   timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE INDEX rejected_event_source_id ON hub.rejected_event (source, event_id)`);
        // One row per counter so ingest and listeners never update the same row.
        await q.query(`CREATE TABLE hub.counter (
      name   text PRIMARY KEY,
      value  bigint NOT NULL DEFAULT 0
    )`);
        await q.query(`INSERT INTO hub.counter (name) VALUES
      ('received'), ('duplicates'), ('rejected'), ('applied'), ('exceptions'), ('stale')`);
        await q.query(`CREATE TABLE hub.checkpoint (
      projector   text PRIMARY KEY,
      position    bigint NOT NULL DEFAULT 0,
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE TABLE hub.parked_event (
      position     bigint PRIMARY KEY REFERENCES hub.event_log (position),
      waiting_for  text NOT NULL,
      reason       text NOT NULL,
      parked_at    timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE INDEX parked_event_waiting_for ON hub.parked_event (waiting_for)`);
        await q.query(`CREATE TABLE hub.exception (
      position    bigint PRIMARY KEY REFERENCES hub.event_log (position),
      code        text NOT NULL,
      message     text NOT NULL,
      raised_at   timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE TABLE hub.stream_position (
      source         text NOT NULL,
      subject        text NOT NULL,
      last_sequence  bigint NOT NULL,
      PRIMARY KEY (source, subject)
    )`);
        await q.query(`CREATE TABLE hub.change_feed (
      change_id       bigserial PRIMARY KEY,
      event_position  bigint NOT NULL,
      entity_kind     text NOT NULL CHECK (entity_kind IN ('invoice', 'project')),
      entity_id       text NOT NULL,
      event_type      text NOT NULL,
      event_id        text NOT NULL,
      event_source    text NOT NULL,
      changed_at      timestamptz NOT NULL DEFAULT now()
    )`);
        // ── customer ───────────────────────────────────────────────────────────
        await q.query(`CREATE TABLE customer.account (
      id               text PRIMARY KEY,
      name             text NOT NULL,
      legal_entity_id  text NOT NULL,
      billing_currency char(3) NOT NULL,
      country          char(2),
      status           text NOT NULL CHECK (status IN ('active', 'inactive')),
      external_ids     jsonb NOT NULL DEFAULT '{}'::jsonb,
      merged_into      text,
      root_id          text NOT NULL,
      updated_at       timestamptz NOT NULL
    )`);
        await q.query(`CREATE INDEX account_root_id ON customer.account (root_id)`);
        // ── project ────────────────────────────────────────────────────────────
        await q.query(`CREATE TABLE project.project (
      id                       text PRIMARY KEY,
      account_id               text NOT NULL,
      name                     text NOT NULL,
      billing_model            text NOT NULL CHECK (billing_model IN ('time_and_materials', 'fixed_fee', 'milestone', 'retainer')),
      status                   text NOT NULL CHECK (status IN ('setup', 'active', 'on_hold', 'completed', 'closed', 'cancelled')),
      currency                 char(3) NOT NULL,
      legal_entity_id          text NOT NULL,
      contract_value           numeric,
      budget_hours             numeric,
      planned_start            date,
      planned_end              date,
      created_at               timestamptz NOT NULL,
      approved_hours           numeric NOT NULL DEFAULT 0,
      billable_approved_hours  numeric NOT NULL DEFAULT 0,
      labor_cost               numeric NOT NULL DEFAULT 0,
      expense_cost             numeric NOT NULL DEFAULT 0,
      billed_amount            numeric NOT NULL DEFAULT 0,
      unbilled_approved_amount numeric NOT NULL DEFAULT 0,
      unbilled_approved_hours  numeric NOT NULL DEFAULT 0,
      recognized_revenue       numeric NOT NULL DEFAULT 0,
      billable_work_amount     numeric NOT NULL DEFAULT 0,
      approved_milestone_amount numeric NOT NULL DEFAULT 0,
      margin                   numeric GENERATED ALWAYS AS (recognized_revenue - labor_cost - expense_cost) STORED,
      margin_percent           numeric GENERATED ALWAYS AS (
        CASE WHEN recognized_revenue = 0 THEN NULL
             ELSE round((recognized_revenue - labor_cost - expense_cost) * 100 / recognized_revenue, 2) END) STORED,
      revenue_backlog          numeric GENERATED ALWAYS AS (
        CASE billing_model
          WHEN 'time_and_materials' THEN greatest(0, billable_work_amount - recognized_revenue)
          WHEN 'milestone' THEN greatest(0, approved_milestone_amount - recognized_revenue)
          ELSE NULL END) STORED
    )`);
        await q.query(`CREATE INDEX project_account_id ON project.project (account_id)`);
        await q.query(`CREATE TABLE project.time_entry (
      id                   text PRIMARY KEY,
      project_id           text NOT NULL,
      resource_id          text NOT NULL,
      role                 text,
      work_date            date NOT NULL,
      hours                numeric NOT NULL,
      billable             boolean NOT NULL,
      status               text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
      approved_by          text,
      bill_rate            numeric,
      cost_rate            numeric,
      bill_amount          numeric,
      cost_amount          numeric,
      billed_by_invoice_id text,
      updated_at           timestamptz NOT NULL
    )`);
        await q.query(`CREATE INDEX time_entry_project_id ON project.time_entry (project_id)`);
        await q.query(`CREATE TABLE project.expense (
      id                   text PRIMARY KEY,
      project_id           text NOT NULL,
      expense_date         date NOT NULL,
      amount               numeric NOT NULL,
      currency             char(3) NOT NULL,
      billable             boolean NOT NULL,
      bill_amount          numeric NOT NULL,
      billed_by_invoice_id text,
      approved_at          timestamptz NOT NULL
    )`);
        await q.query(`CREATE INDEX expense_project_id ON project.expense (project_id)`);
        await q.query(`CREATE TABLE project.milestone (
      id                   text PRIMARY KEY,
      project_id           text NOT NULL,
      name                 text NOT NULL,
      amount               numeric NOT NULL,
      currency             char(3) NOT NULL,
      billed_by_invoice_id text,
      approved_at          timestamptz NOT NULL
    )`);
        await q.query(`CREATE INDEX milestone_project_id ON project.milestone (project_id)`);
        // ── billing ────────────────────────────────────────────────────────────
        await q.query(`CREATE TABLE billing.invoice (
      id                  text PRIMARY KEY,
      account_id          text NOT NULL,
      project_id          text NOT NULL,
      currency            char(3) NOT NULL,
      status              text NOT NULL CHECK (status IN ('draft', 'posted', 'voided')),
      tax_status          text NOT NULL CHECK (tax_status IN ('pending', 'succeeded', 'failed')),
      net_total           numeric NOT NULL,
      tax_total           numeric,
      posted_gross_total  numeric,
      amount_paid         numeric NOT NULL DEFAULT 0,
      invoice_number      text,
      invoice_date        date,
      due_date            date,
      drafted_at          timestamptz NOT NULL,
      posted_at           timestamptz,
      sent_at             timestamptz,
      voided_at           timestamptz,
      gross_total         numeric GENERATED ALWAYS AS (coalesce(posted_gross_total, net_total + coalesce(tax_total, 0))) STORED,
      amount_due          numeric GENERATED ALWAYS AS (
        CASE WHEN status = 'posted' THEN coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) - amount_paid
             WHEN status = 'voided' AND posted_gross_total IS NOT NULL THEN 0 END) STORED,
      payment_state       text GENERATED ALWAYS AS (
        CASE WHEN amount_paid <= 0 THEN 'not_paid'
             WHEN amount_paid >= coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) THEN 'paid'
             ELSE 'partial' END) STORED
    )`);
        await q.query(`CREATE INDEX invoice_account_id ON billing.invoice (account_id, drafted_at, id)`);
        await q.query(`CREATE INDEX invoice_project_id ON billing.invoice (project_id, drafted_at, id)`);
        await q.query(`CREATE INDEX invoice_drafted_at ON billing.invoice (drafted_at, id)`);
        await q.query(`CREATE TABLE billing.invoice_line (
      invoice_id   text NOT NULL,
      line_id      text NOT NULL,
      kind         text NOT NULL CHECK (kind IN ('time', 'expense', 'milestone', 'fee')),
      source_ids   text[] NOT NULL,
      amount       numeric NOT NULL,
      description  text,
      PRIMARY KEY (invoice_id, line_id)
    )`);
        await q.query(`CREATE TABLE billing.invoice_exception (
      invoice_id    text NOT NULL,
      exception_id  text NOT NULL,
      stage         text NOT NULL,
      code          text NOT NULL,
      message       text,
      raised_at     timestamptz NOT NULL,
      resolved_at   timestamptz,
      resolution    text,
      PRIMARY KEY (invoice_id, exception_id)
    )`);
        await q.query(`CREATE INDEX invoice_exception_open ON billing.invoice_exception (invoice_id) WHERE resolved_at IS NULL`);
        await q.query(`CREATE TABLE billing.payment (
      id             text PRIMARY KEY,
      account_id     text NOT NULL,
      amount         numeric NOT NULL,
      currency       char(3) NOT NULL,
      received_date  date NOT NULL
    )`);
        await q.query(`CREATE TABLE billing.payment_allocation (
      payment_id  text NOT NULL,
      invoice_id  text NOT NULL,
      amount      numeric NOT NULL,
      PRIMARY KEY (payment_id, invoice_id)
    )`);
        await q.query(`CREATE INDEX payment_allocation_invoice_id ON billing.payment_allocation (invoice_id)`);
        // Outstanding receivables per (raw account, currency); the customer view
        // sums the rows of every account whose root is the survivor.
        await q.query(`CREATE TABLE billing.account_balance (
      account_id   text NOT NULL,
      currency     char(3) NOT NULL,
      outstanding  numeric NOT NULL DEFAULT 0,
      -- posted, not voided invoices: a currency is listed while it has one
      posted_invoices integer NOT NULL DEFAULT 0,
      PRIMARY KEY (account_id, currency)
    )`);
        // ── revenue ────────────────────────────────────────────────────────────
        await q.query(`CREATE TABLE revenue.revenue_event (
      id             text PRIMARY KEY,
      project_id     text NOT NULL,
      period         char(7) NOT NULL,
      amount         numeric NOT NULL,
      currency       char(3) NOT NULL,
      method         text NOT NULL,
      reversed       boolean NOT NULL DEFAULT false,
      recognized_at  timestamptz NOT NULL,
      reversed_at    timestamptz
    )`);
        await q.query(`CREATE INDEX revenue_event_project_id ON revenue.revenue_event (project_id)`);
    }
    async down(q) {
        for (const schema of ['revenue', 'billing', 'project', 'customer', 'hub']) {
            await q.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }
    }
}
exports.InitialSchema1764000000000 = InitialSchema1764000000000;
//# sourceMappingURL=1764000000000-InitialSchema.js.map
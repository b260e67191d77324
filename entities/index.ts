/** Every TypeORM entity of servicegraph, by domain; `ENTITIES` is what the DataSource loads. */
import { Account } from './customer/Account';
import { AccountBalance } from './billing/AccountBalance';
import { Invoice } from './billing/Invoice';
import { InvoiceExceptionRecord } from './billing/InvoiceExceptionRecord';
import { InvoiceLine } from './billing/InvoiceLine';
import { Payment } from './billing/Payment';
import { PaymentAllocation } from './billing/PaymentAllocation';
import { AuditLogEntry } from './hub/AuditLogEntry';
import { ChangeFeedEntry } from './hub/ChangeFeedEntry';
import { Checkpoint } from './hub/Checkpoint';
import { Counter } from './hub/Counter';
import { EventLogEntry } from './hub/EventLogEntry';
import { HubException } from './hub/HubException';
import { ParkedEvent } from './hub/ParkedEvent';
import { RejectedEvent } from './hub/RejectedEvent';
import { ReportingGrant } from './hub/ReportingGrant';
import { StreamPosition } from './hub/StreamPosition';
import { Expense } from './project/Expense';
import { Milestone } from './project/Milestone';
import { Project } from './project/Project';
import { TimeEntry } from './project/TimeEntry';
import { RevenueEvent } from './revenue/RevenueEvent';
import { PostedByInvoiceDate } from './billing/PostedByInvoiceDate';
import { ReceivableByDueDate } from './billing/ReceivableByDueDate';
import { ProjectMonth } from './project/ProjectMonth';
import { UnbilledByFactDate } from './project/UnbilledByFactDate';

export {
  Account,
  AccountBalance,
  AuditLogEntry,
  ChangeFeedEntry,
  Checkpoint,
  Counter,
  EventLogEntry,
  Expense,
  HubException,
  Invoice,
  InvoiceExceptionRecord,
  InvoiceLine,
  Milestone,
  ParkedEvent,
  Payment,
  PaymentAllocation,
  PostedByInvoiceDate,
  Project,
  ProjectMonth,
  ReceivableByDueDate,
  RejectedEvent,
  RevenueEvent,
  StreamPosition,
  TimeEntry,
  UnbilledByFactDate,
};
export type { ChangedEntityKind } from './hub/ChangeFeedEntry';
export type { RejectionReason } from './hub/RejectedEvent';
export type { TimeEntryStatus } from './project/TimeEntry';
export type { InvoiceStatus, InvoiceTaxStatus, PaymentState } from './billing/Invoice';

export const HUB_ENTITIES = [EventLogEntry, RejectedEvent, Counter, Checkpoint, ParkedEvent, HubException, StreamPosition, ChangeFeedEntry, ReportingGrant, AuditLogEntry];
export const CUSTOMER_ENTITIES = [Account];
export const PROJECT_ENTITIES = [Project, TimeEntry, Expense, Milestone, ProjectMonth, UnbilledByFactDate];
export const BILLING_ENTITIES = [Invoice, InvoiceLine, InvoiceExceptionRecord, Payment, PaymentAllocation, AccountBalance, ReceivableByDueDate, PostedByInvoiceDate];
export const REVENUE_ENTITIES = [RevenueEvent];

/** All entities, one per table of the migrations. */
export const ENTITIES = [...HUB_ENTITIES, ...CUSTOMER_ENTITIES, ...PROJECT_ENTITIES, ...BILLING_ENTITIES, ...REVENUE_ENTITIES];

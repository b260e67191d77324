/**
 * The simulated firm's own state: what its systems know between events.
 * Money is in integer cents and hours in hundredths (see cents.ts); times are
 * UTC milliseconds. Nothing here is the hub's read model: the oracle computes
 * expected figures from the events alone.
 */
import type { BillingModel, ProjectStatus } from '../events/types';
import type { Stream } from './emitter';
import type { LegalEntity, Role } from './world';

export interface PaymentHabit {
  /** Days after posting the customer pays, drawn between min and max. */
  readonly minDays: number;
  readonly maxDays: number;
  /** Share of invoices first paid in part. */
  readonly partialShare: number;
  /** Pays several open invoices with one remittance. */
  readonly batches: boolean;
  /** Payment terms written on the invoice. */
  readonly termsDays: number;
}

export interface Customer {
  readonly id: string;
  name: string;
  readonly legalEntity: LegalEntity;
  readonly country: string;
  readonly currency: string;
  /** The system that keeps this account (the duplicate of the merge story lives in the ERP). */
  readonly source: 'crm' | 'erp';
  readonly stream: Stream;
  readonly taxBp: number;
  readonly habit: PaymentHabit;
  externalIds: Record<string, string>;
  /** When the account is first upserted (before its first project). */
  createAt: number;
  /** Planned projects not yet closed or cancelled; at 0 the account turns inactive. */
  openProjects: number;
  /** Posted, not voided invoices with money still to come. */
  readonly receivables: Invoice[];
  /** Set once merged into a survivor: no more lifecycle upserts for it. */
  mergedInto?: Customer;
  /** Invoices of this account are kept out of voids and blocking exceptions (the merge story needs them paid). */
  readonly smooth: boolean;
}

export interface Consultant {
  readonly id: string;
  readonly role: Role;
  readonly legalEntity: LegalEntity;
  /** Cost per hour in EUR cents. */
  readonly costEurCents: number;
  /** Logs time to 5 minutes (7.33 h) rather than to quarter hours (7.25 h). */
  readonly precise: boolean;
  /** Projects this consultant is staffed on (pruned when they end). */
  assignments: Project[];
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly customer: Customer;
  /** The account id as the PSA names it (the merged duplicate's id stays in use). */
  readonly accountId: string;
  readonly model: BillingModel;
  readonly currency: string;
  readonly legalEntity: LegalEntity;
  readonly stream: Stream;
  /** `planned` until the PSA creates it. */
  status: ProjectStatus | 'planned';
  readonly createAt: number;
  readonly start: number;
  /** Planned end, moved out by a hold. */
  end: number;
  readonly holdAt?: number;
  readonly holdDays?: number;
  readonly cancelAt?: number;
  readonly manager: Consultant;
  readonly team: Consultant[];
  /** Bill rate per role, cents per hour in the project currency. */
  readonly billRates: Map<Role, number>;
  /** Cost rate per consultant id, cents per hour in the project currency. */
  readonly costRates: Map<string, number>;
  readonly contractCents?: number;
  readonly budgetHours?: number;
  /** fixed_fee: installments; retainer: months. */
  readonly feeCount: number;
  readonly feeCents: number;
  feesBilled: number;
  readonly milestones: Milestone[];
  /** Estimated total cost in cents (cost-to-cost recognition of fixed fees). */
  readonly estimatedCostCents: number;
  // work in progress, waiting for the next billing run
  readonly unbilledTime: TimeEntry[];
  readonly unbilledExpenses: Expense[];
  readonly unbilledMilestones: Milestone[];
  // revenue
  pendingRevenueCents: number;
  costToDateCents: number;
  recognizedCents: number;
  retainerMonthsRecognized: number;
  /** Set when the project reached `completed`: a fixed fee is then recognized in full. */
  finished: boolean;
}

export interface TimeEntry {
  readonly id: string;
  readonly project: Project;
  readonly consultant: Consultant;
  readonly workDay: number;
  hours: number;
  readonly billable: boolean;
  readonly stream: Stream;
  billCents: number;
  costCents: number;
}

export interface Expense {
  readonly id: string;
  readonly project: Project;
  readonly kind: string;
  readonly amountCents: number;
  readonly billCents: number;
}

export interface Milestone {
  readonly id: string;
  readonly project: Project;
  readonly name: string;
  readonly amountCents: number;
  readonly plannedAt: number;
  approved: boolean;
}

export type InvoiceStatus = 'draft' | 'posted' | 'voided';

export interface Invoice {
  readonly id: string;
  readonly project: Project;
  readonly customer: Customer;
  readonly accountId: string;
  readonly currency: string;
  readonly billingStream: Stream;
  readonly erpStream: Stream;
  readonly time: TimeEntry[];
  readonly expenses: Expense[];
  readonly milestones: Milestone[];
  /** Fee lines on it (re-billed when the invoice is voided). */
  readonly fees: number;
  readonly netCents: number;
  taxCents: number;
  grossCents: number;
  paidCents: number;
  status: InvoiceStatus;
  /** Remaining planned payment amounts, in order. */
  payPlan: number[];
  /** Index into payPlan of the next payment; scheduled tasks for an older step do nothing. */
  payStep: number;
  nextPayAt: number;
  /** Business days between a partial payment and the rest, when fixed. */
  remainderAfterDays?: number;
}

import { registerEnumType } from 'type-graphql';

/*
 * The status enums of docs/api.md#graphql. GraphQL names are the contract's
 * lower-case words in UPPER_CASE; the values are the words the read model
 * stores, so resolvers pass database values through and arguments arrive as
 * database values.
 */

export enum BillingModel {
  TIME_AND_MATERIALS = 'time_and_materials',
  FIXED_FEE = 'fixed_fee',
  MILESTONE = 'milestone',
  RETAINER = 'retainer',
}
registerEnumType(BillingModel, { name: 'BillingModel', description: 'How a project is billed.' });

export enum ProjectStatus {
  SETUP = 'setup',
  ACTIVE = 'active',
  ON_HOLD = 'on_hold',
  COMPLETED = 'completed',
  CLOSED = 'closed',
  CANCELLED = 'cancelled',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Lifecycle of a project; CLOSED and CANCELLED are final.' });

export enum InvoiceStatus {
  DRAFT = 'draft',
  POSTED = 'posted',
  VOIDED = 'voided',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'DRAFT → POSTED → VOIDED (a draft may be voided too).' });

export enum TaxStatus {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(TaxStatus, { name: 'TaxStatus', description: 'Tax calculation of an invoice; a failed one may be calculated again.' });

export enum PaymentState {
  NOT_PAID = 'not_paid',
  PARTIAL = 'partial',
  PAID = 'paid',
}
registerEnumType(PaymentState, { name: 'PaymentState', description: 'From the allocations against the gross total.' });

/**
 * A stored word as the enum whose values the read model stores: the compiler
 * checks that every word the column's entity allows is one of the enum's
 * values, so a new status in the table fails the build here.
 */
export function storedEnum<E extends string>(value: `${E}`): E {
  return value as E;
}

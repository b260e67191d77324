import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../shared/date.scalar';
import { DateTimeScalar } from '../shared/dateTime.scalar';
import { InvoiceStatus, PaymentState, TaxStatus } from '../shared/enums';
import { Money } from '../shared/money';
import { Financial } from '../shared/requiresScopes';

/** An invoice, owned by the billing subgraph. Every amount is in the invoice's currency. */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'An invoice; every amount is in the invoice currency (its project\'s).' })
export class Invoice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The ERP invoice number, once posted.' })
  number!: string | null;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => TaxStatus)
  taxStatus!: TaxStatus;

  @Field(() => PaymentState)
  paymentState!: PaymentState;

  @Field({ description: 'ISO 4217.' })
  currency!: string;

  @Financial()
  @Field(() => Money, { description: 'Σ line amounts, before tax.' })
  netTotal!: Money;

  @Financial()
  @Field(() => Money, { nullable: true, description: 'Null unless the tax calculation succeeded.' })
  taxTotal!: Money | null;

  @Financial()
  @Field(() => Money, { description: 'The ERP\'s posted gross total once posted, else net + tax.' })
  grossTotal!: Money;

  @Financial()
  @Field(() => Money, { description: 'Σ payment allocations to the invoice.' })
  amountPaid!: Money;

  @Financial()
  @Field(() => Money, { nullable: true, description: 'grossTotal − amountPaid while posted; 0.00 once a posted invoice is voided; null until posted.' })
  amountDue!: Money | null;

  @Field(() => DateTimeScalar, { nullable: true })
  draftedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  postedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The latest time it was sent.' })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  voidedAt!: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The posted invoice date.' })
  invoiceDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate!: string | null;

  /** The survivor of the invoice's account; `customer` resolves it. */
  customerId!: string;
  projectId!: string;
  /** `drafted_at` as an exact cursor key (microseconds). */
  draftedKey!: string;
}

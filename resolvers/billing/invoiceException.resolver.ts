import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { InvoiceException } from './invoiceException';

const HOUR_MS = 3_600_000;

@Resolver(() => InvoiceException)
export class InvoiceExceptionResolver {
  constructor(private readonly clock: () => Date) {}

  @FieldResolver(() => Float, { description: 'Hours from raisedAt to now, 2 decimals.' })
  ageHours(@Root() exception: InvoiceException): number {
    return Math.round(((this.clock().getTime() - exception.raisedAt.getTime()) / HOUR_MS) * 100) / 100;
  }
}

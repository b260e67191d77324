import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import { pageRequest, toConnection } from '../shared/pagination';
import type { ProjectBilling } from './figures';
import { InvoiceConnection } from './invoiceConnection';
import { invoiceCursor, invoiceKeys } from './invoices';
import type { BillingLoaders } from './loaders';
import { Project } from './project';
import { Financial } from '../shared/requiresScopes';

/** Adds the billing figures and `invoices` to the project subgraph's `Project`. */
@Resolver(() => Project)
export class ProjectBillingResolver {
  constructor(private readonly loadersFor: (context: unknown) => BillingLoaders) {}

  private async figures(project: Project, context: unknown): Promise<ProjectBilling> {
    const figures = await this.loadersFor(context).projectBilling.load(project.id);
    if (!figures) throw new Error(`project ${project.id} is not in the read model`);
    return figures;
  }

  @Financial()
  @FieldResolver(() => Money, { description: 'Σ net totals of the project\'s posted, not voided invoices.' })
  async billedAmount(@Root() project: Project, @Ctx() context: unknown): Promise<Money> {
    return (await this.figures(project, context)).billedAmount;
  }

  @Financial()
  @FieldResolver(() => Money, { description: 'Work in progress: approved billable time, expenses and milestones not on a posted, not voided invoice.' })
  async unbilledApprovedAmount(@Root() project: Project, @Ctx() context: unknown): Promise<Money> {
    return (await this.figures(project, context)).unbilledApprovedAmount;
  }

  @FieldResolver(() => DecimalScalar, { description: 'Hours of approved billable time not on a posted, not voided invoice.' })
  async unbilledApprovedHours(@Root() project: Project, @Ctx() context: unknown): Promise<string> {
    return (await this.figures(project, context)).unbilledApprovedHours;
  }

  @FieldResolver(() => InvoiceConnection, { description: 'The project\'s invoices in time order. first: default 50, at most 500.' })
  async invoices(@Root() project: Project, @Args() { first, after }: ConnectionArgs, @Ctx() context: unknown): Promise<InvoiceConnection> {
    const request = pageRequest(first, after, invoiceCursor);
    const loaders = this.loadersFor(context);
    const rows = await loaders.invoicePages.project.get(request).load(project.id);
    return toConnection(InvoiceConnection, rows, request, { node: (i) => i, keys: invoiceKeys, cursor: invoiceCursor }, () =>
      loaders.invoiceCount.project.load(project.id),
    );
  }
}

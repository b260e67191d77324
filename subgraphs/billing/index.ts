import 'reflect-metadata';
import { Customer } from '../../resolvers/billing/customer';
import { resolveCustomerReference } from '../../resolvers/billing/customer.reference';
import { CustomerBillingResolver } from '../../resolvers/billing/customer.resolver';
import { resolveInvoiceReference } from '../../resolvers/billing/invoice.reference';
import { InvoiceResolver } from '../../resolvers/billing/invoice.resolver';
import { InvoiceExceptionResolver } from '../../resolvers/billing/invoiceException.resolver';
import { billingLoaders } from '../../resolvers/billing/loaders';
import { OverTimeResolver } from '../../resolvers/billing/overTime.resolver';
import { PortfolioFigures } from '../../resolvers/billing/portfolioFigures';
import { resolvePortfolioFiguresReference } from '../../resolvers/billing/portfolioFigures.reference';
import { PortfolioBillingResolver } from '../../resolvers/billing/portfolioFigures.resolver';
import { Project } from '../../resolvers/billing/project';
import { resolveProjectReference } from '../../resolvers/billing/project.reference';
import { ProjectBillingResolver } from '../../resolvers/billing/project.resolver';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import { withPreparedStatements } from '../../resolvers/shared/preparedStatements';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/**
 * The billing subgraph: owns `Invoice`, `Query.invoice`, `Query.invoices`;
 * adds billing figures and `invoices` to `Project`, `invoices` and
 * `outstandingBalance` to `Customer`, and billing sums to `PortfolioFigures`;
 * receivables and unbilled aging, DSO and the unbilled facts (leakage).
 */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Every read of the read model as a named statement (prepared once per connection).
  const db = withPreparedStatements(deps.pool);
  const loadersFor = billingLoaders(db);
  const clock = deps.clock ?? (() => new Date());
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [
      new InvoiceResolver({ db, loadersFor }),
      new InvoiceExceptionResolver(clock),
      new OverTimeResolver(db, clock),
      new CustomerBillingResolver(loadersFor),
      new ProjectBillingResolver(loadersFor),
      new PortfolioBillingResolver(loadersFor),
    ],
    orphanedTypes: [Customer, Project, PortfolioFigures],
    references: {
      Invoice: resolveInvoiceReference(loadersFor),
      Customer: resolveCustomerReference(loadersFor),
      Project: resolveProjectReference(loadersFor),
      PortfolioFigures: resolvePortfolioFiguresReference(loadersFor),
    },
  });
  return { name: 'billing', schema, sdl };
}

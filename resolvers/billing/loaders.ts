import type DataLoader from 'dataloader';
import { LoaderFamily, loaderById, loaderOfCounts, loaderOfGroups, loaderOfPages, perRequest } from '../shared/loaders';
import type { Money } from '../shared/money';
import { type PageRequest, pageKey } from '../shared/pagination';
import { currenciesOf } from '../shared/portfolioKey';
import type { Queryable } from '../shared/sql';
import {
  outstandingBalancesOf, type PortfolioBilling, portfolioBillingOf, type ProjectBilling, projectBillingById,
} from './figures';
import type { Invoice } from './invoice';
import type { InvoiceException } from './invoiceException';
import { countInvoicesOf, type InvoiceParent, invoicePagesOf, invoicesById, openExceptionsOf } from './invoices';

/** The per-request loaders of the billing subgraph; each batch is one statement. */
export interface BillingLoaders {
  readonly invoice: DataLoader<string, Invoice | null>;
  readonly openExceptions: DataLoader<string, InvoiceException[]>;
  /** Per page request: customer (survivor) or project id → that page of its invoices (`first + 1` rows). */
  readonly invoicePages: Record<InvoiceParent, LoaderFamily<PageRequest, DataLoader<string, Invoice[]>>>;
  readonly invoiceCount: Record<InvoiceParent, DataLoader<string, number>>;
  readonly projectBilling: DataLoader<string, ProjectBilling | null>;
  readonly outstandingBalance: DataLoader<string, (Money & { customerId: string })[]>;
  readonly portfolio: DataLoader<string, PortfolioBilling | null>;
}

/** `loadersFor(context)` of one billing subgraph instance. */
export function billingLoaders(db: Queryable): (context: unknown) => BillingLoaders {
  const pagesOf = (parent: InvoiceParent, keyOf: (invoice: Invoice) => string, counts: DataLoader<string, number>) =>
    new LoaderFamily((request: PageRequest) =>
      loaderOfPages((ids) => invoicePagesOf(parent, db, ids, request), keyOf, request.after === null, counts), pageKey);
  return perRequest(() => {
    const invoiceCount = {
      customer: loaderOfCounts((ids) => countInvoicesOf('customer', db, ids)),
      project: loaderOfCounts((ids) => countInvoicesOf('project', db, ids)),
    };
    return {
      invoice: loaderById((ids) => invoicesById(db, ids), (i) => i.id),
      openExceptions: loaderOfGroups((ids) => openExceptionsOf(db, ids), (e) => e.invoiceId),
      invoicePages: {
        customer: pagesOf('customer', (i) => i.customerId, invoiceCount.customer),
        project: pagesOf('project', (i) => i.projectId, invoiceCount.project),
      },
      invoiceCount,
      projectBilling: loaderById((ids) => projectBillingById(db, ids), (p) => p.id),
      outstandingBalance: loaderOfGroups((ids) => outstandingBalancesOf(db, ids), (b) => b.customerId),
      portfolio: loaderById((ids) => portfolioBillingOf(db, currenciesOf(ids)), (row) => row.id),
    };
  });
}

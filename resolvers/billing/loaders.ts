import type DataLoader from 'dataloader';
import { LoaderFamily, loaderById, loaderOfCounts, loaderOfGroups, loaderOfPages, perRequest } from '../shared/loaders';
import type { Money } from '../shared/money';
import { type PageRequest, pageKey } from '../shared/pagination';
import { currenciesOf } from '../shared/portfolioKey';
import { type CustomerStub, customerStubLoader } from '../shared/customerStubs';
import type { RowScope } from '../shared/rowScope';
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
  /** `Customer` references: null for a customer out of the request's scope. */
  readonly customer: DataLoader<string, CustomerStub | null>;
}

/** `loadersFor(context)` of one billing subgraph instance. */
export function billingLoaders(db: Queryable): (context: unknown) => BillingLoaders {
  const pagesOf = (parent: InvoiceParent, keyOf: (invoice: Invoice) => string, counts: DataLoader<string, number>, scope: RowScope) =>
    new LoaderFamily((request: PageRequest) =>
      loaderOfPages((ids) => invoicePagesOf(parent, db, ids, scope, request), keyOf, request.after === null, counts), pageKey);
  return perRequest((scope) => {
    const invoiceCount = {
      customer: loaderOfCounts((ids) => countInvoicesOf('customer', db, ids, scope)),
      project: loaderOfCounts((ids) => countInvoicesOf('project', db, ids, scope)),
    };
    return {
      invoice: loaderById((ids) => invoicesById(db, ids, scope), (i) => i.id),
      openExceptions: loaderOfGroups((ids) => openExceptionsOf(db, ids), (e) => e.invoiceId),
      invoicePages: {
        customer: pagesOf('customer', (i) => i.customerId, invoiceCount.customer, scope),
        project: pagesOf('project', (i) => i.projectId, invoiceCount.project, scope),
      },
      invoiceCount,
      projectBilling: loaderById((ids) => projectBillingById(db, ids, scope), (p) => p.id),
      outstandingBalance: loaderOfGroups((ids) => outstandingBalancesOf(db, ids, scope), (b) => b.customerId),
      portfolio: loaderById((ids) => portfolioBillingOf(db, currenciesOf(ids), scope), (row) => row.id),
      customer: customerStubLoader(db, scope),
    };
  });
}

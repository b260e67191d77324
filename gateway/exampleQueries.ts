/**
 * The contract's example queries (docs/api.md#graphql): preloaded as tabs
 * in the explorer, shown in the README, and run by the end-to-end tests so
 * that every one of them stays valid against the composed supergraph.
 * Ids default to the simulated firm's (`servicegraph simulate`, seed 1) as
 * variable defaults in the documents, so a tab runs as it is and a client
 * passes its own `id` in `variables`. (GraphiQL 3 would not show a tab's
 * variables on first load.) They are trusted documents of the hub
 * (`trusted-documents.json`): after changing one, run
 * `servicegraph trusted-documents --out trusted-documents.json`.
 */

export interface ExampleQuery {
  /** Tab title in the explorer. */
  readonly title: string;
  readonly query: string;
}

export const CUSTOMER_PAGE: ExampleQuery = {
  title: 'Customer page',
  query: `# A customer page in one request: the customer (customer subgraph), its
# projects with their figures (project, billing, revenue), its latest invoices
# and what it owes (billing).
query CustomerPage($id: ID! = "ACC-0001") {
  customer(id: $id) {
    id
    name
    legalEntityId
    billingCurrency
    status
    mergedInto { id name }
    outstandingBalance { amount currency }
    projects(first: 10) {
      totalCount
      nodes {
        id
        name
        status
        billingModel
        approvedHours
        billedAmount { amount currency }
        unbilledApprovedAmount { amount currency }
        recognizedRevenue { amount currency }
        margin { amount currency }
        marginPercent
      }
    }
    invoices(first: 5) {
      totalCount
      nodes { id number status paymentState grossTotal { amount currency } amountDue { amount currency } dueDate }
    }
  }
}
`,
};

export const PROJECT_FIGURES: ExampleQuery = {
  title: 'Project figures',
  query: `# Every figure of one project (docs/api.md#figures), in the project's currency.
query ProjectFigures($id: ID! = "PRJ-0001") {
  project(id: $id) {
    id
    name
    status
    billingModel
    currency
    legalEntityId
    customer { id name }
    approvedHours
    billableApprovedHours
    laborCost { amount currency }
    expenseCost { amount currency }
    billedAmount { amount currency }
    unbilledApprovedAmount { amount currency }
    unbilledApprovedHours
    recognizedRevenue { amount currency }
    margin { amount currency }
    marginPercent
    revenueBacklog { amount currency }
  }
}
`,
};

export const OPEN_EXCEPTIONS: ExampleQuery = {
  title: 'Invoices with open exceptions',
  query: `# Invoices stuck on an open exception (tax, posting, delivery), oldest first in each.
query InvoicesWithOpenExceptions {
  invoices(hasOpenException: true, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      number
      status
      taxStatus
      customer { id name }
      project { id name }
      grossTotal { amount currency }
      openExceptions { id stage code message raisedAt ageHours }
    }
  }
}
`,
};

export const PORTFOLIO: ExampleQuery = {
  title: 'Portfolio',
  query: `# The portfolio: one row per currency (optionally for one legal entity).
query Portfolio($legalEntityId: String) {
  portfolio(legalEntityId: $legalEntityId) {
    currency
    legalEntityId
    projectCount
    approvedHours
    laborCost { amount currency }
    expenseCost { amount currency }
    billedAmount { amount currency }
    unbilledApprovedAmount { amount currency }
    recognizedRevenue { amount currency }
    margin { amount currency }
    marginPercent
    outstandingBalance { amount currency }
    openInvoiceExceptions
  }
}
`,
};

export const FIGURES_OVER_TIME: ExampleQuery = {
  title: 'Figures over time',
  query: `# What executives track: the portfolio's margin and revenue by month, what is
# overdue, how long work sits unbilled, DSO, and the oldest work nobody billed.
query FiguresOverTime($from: String = "2025-01", $to: String = "2025-12", $asOf: Date) {
  portfolioMonths(from: $from, to: $to) {
    month currency projectCount
    recognizedRevenue { amount currency }
    margin { amount currency }
  }
  receivablesAging(asOf: $asOf) {
    currency asOf
    current { amount } days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } total { amount }
  }
  unbilledAging(asOf: $asOf) {
    currency days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } total { amount }
  }
  dso { currency days }
  unbilledFacts(olderThanDays: 30, first: 10, asOf: $asOf) {
    totalCount
    nodes { kind id factDate ageDays amount { amount currency } project { name } customer { name } }
  }
}
`,
};

export const INGEST_STATUS: ExampleQuery = {
  title: 'Ingest status',
  query: `# What the hub has received and applied.
query IngestStatus {
  ingestStatus { received applied parked duplicates rejected exceptions pending }
}
`,
};

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [CUSTOMER_PAGE, PROJECT_FIGURES, OPEN_EXCEPTIONS, PORTFOLIO, FIGURES_OVER_TIME, INGEST_STATUS];

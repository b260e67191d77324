/**
 * The GraphQL operations of the live status page (live/page/app.js), kept
 * here rather than in the page's script so that the hub's trusted documents
 * list them (`servicegraph trusted-documents`) and the page is handed each
 * one's id: with TRUSTED_DOCUMENTS=allow or require the page sends ids, and a
 * locked-down hub still serves it.
 */

export interface PageOperation {
  readonly name: string;
  readonly type: 'query' | 'subscription';
  readonly body: string;
}

export const LIVE_DASHBOARD: PageOperation = {
  name: 'LiveDashboard',
  type: 'query',
  body: `query LiveDashboard {
  portfolio {
    currency projectCount marginPercent openInvoiceExceptions
    margin { amount } unbilledApprovedAmount { amount } recognizedRevenue { amount }
    billedAmount { amount } outstandingBalance { amount }
  }
  draft: invoices(status: DRAFT, first: 1) { totalCount }
  notPaid: invoices(status: POSTED, paymentState: NOT_PAID, first: 1) { totalCount }
  partial: invoices(status: POSTED, paymentState: PARTIAL, first: 1) { totalCount }
  paid: invoices(status: POSTED, paymentState: PAID, first: 1) { totalCount }
  voided: invoices(status: VOIDED, first: 1) { totalCount }
  exceptions: invoices(hasOpenException: true, first: 50) {
    totalCount
    nodes { id number customer { name } openExceptions { id stage code message ageHours } }
  }
  projects(first: 500) {
    nodes { id name currency customer { name } margin { amount } marginPercent recognizedRevenue { amount } }
  }
  ingestStatus { received applied parked pending exceptions rejected duplicates }
  portfolioMonths { month currency recognizedRevenue { amount } margin { amount } }
  receivablesAging { currency asOf current { amount } days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } }
  unbilledAging { currency days1to30 { amount } days31to60 { amount } days61to90 { amount } over90 { amount } }
}`,
};

/** Its own query: a token without operations:read still gets the rest of the page. */
export const LIVE_OPERATOR: PageOperation = {
  name: 'LiveOperator',
  type: 'query',
  body: `query LiveOperator {
  hubExceptions(open: true, first: 50) { totalCount nodes { id eventId source type code message ageHours } }
  parkedEvents(first: 50) { totalCount nodes { eventId source type waitingFor reason parkedAt } }
}`,
};

export const LIVE_INVOICE_CHANGES: PageOperation = {
  name: 'LiveInvoiceChanges',
  type: 'subscription',
  body: `subscription LiveInvoiceChanges { invoiceStatusChanged { eventType eventId at invoice { id number status paymentState customer { name } } } }`,
};

export const LIVE_PROJECT_CHANGES: PageOperation = {
  name: 'LiveProjectChanges',
  type: 'subscription',
  body: `subscription LiveProjectChanges { projectFinancialsChanged { eventType eventId at project { id name marginPercent margin { amount currency } } } }`,
};

export const LIVE_PAGE_OPERATIONS: readonly PageOperation[] = [LIVE_DASHBOARD, LIVE_OPERATOR, LIVE_INVOICE_CHANGES, LIVE_PROJECT_CHANGES];

/**
 * The page's script of its operations (`/live/operations.js`): each one's
 * text, and its id when the hub lists it (`idOf`; none while trusted
 * documents are off), which the page then sends instead of the text.
 */
export function pageOperationsScript(idOf: (body: string) => string | undefined): string {
  const operations = Object.fromEntries(LIVE_PAGE_OPERATIONS.map((o) => [o.name, { query: o.body, id: idOf(o.body) ?? null }]));
  // JSON is a JavaScript expression; served as a script of its own, never inside HTML.
  return `'use strict';\n/* The live page's GraphQL operations (live/pageOperations.ts), with their trusted document ids. */\nconst LIVE_OPERATIONS = ${JSON.stringify(operations, null, 2)};\n`;
}

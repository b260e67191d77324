/**
 * Fields whose answer can change while the read model stays at one position,
 * so the gateway's response cache never keeps an answer that selects one:
 *
 * - `InvoiceException.ageHours` and `HubException.ageHours` are counted from the subgraph's clock;
 * - `Query.ingestStatus` counts what ingest accepted, which moves with every
 *   POST /events before the projector applies anything;
 * - aging, DSO and the unbilled facts count days to today when no `asOf` is given.
 *
 * A new field that reads the clock or anything outside the read model belongs here.
 */
export const VOLATILE_FIELDS: readonly string[] = [
  'InvoiceException.ageHours', 'HubException.ageHours', 'Query.ingestStatus',
  'Query.receivablesAging', 'Query.unbilledAging', 'Query.dso', 'Query.unbilledFacts',
];

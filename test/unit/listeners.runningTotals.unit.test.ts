import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Write } from '../../listeners/decision';
import type { InvoiceRow, RowByTable, TableName } from '../../listeners/rows';
import { RunningTotals } from '../../listeners/runningTotals';
import type { UnitOfWork } from '../../listeners/unitOfWork';

const posted: InvoiceRow = {
  id: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR', status: 'posted', taxStatus: 'succeeded', netTotal: '100',
  taxTotal: '21', postedGrossTotal: '121', amountPaid: '0', invoiceNumber: 'N1', invoiceDate: '2026-01-01', dueDate: '2026-01-31',
  draftedAt: '2026-01-01T00:00:00Z', postedAt: '2026-01-02T00:00:00Z', sentAt: null, voidedAt: null,
};
const voided: InvoiceRow = { ...posted, status: 'voided', voidedAt: '2026-01-03T00:00:00Z' };

/** The read model of one project and nothing else, recording what is written. */
function readModel() {
  const writes: Write[] = [];
  const project = { id: 'p1', billedAmount: '0', currency: 'EUR', legalEntityId: 'LE-1' } as unknown as RowByTable['project'];
  const uow = {
    load: async () => undefined,
    current: async (table: TableName) => (table === 'project' ? project : undefined),
    loaded: (table: TableName) => (table === 'project' ? project : undefined),
    put: (write: Write) => { writes.push(write); return ''; },
  } as unknown as UnitOfWork;
  return { uow, writes };
}

describe('running totals applied to the rows', () => {
  it('leave a balance row when a posting and its voiding fall in one batch, as they do in two', async () => {
    const { uow, writes } = readModel();
    const totals = new RunningTotals();
    totals.addFact('invoice', undefined, posted);
    totals.addFact('invoice', posted, voided);
    await totals.applyTo(uow);
    const balances = writes.filter((w) => w.table === 'account_balance').map((w) => w.row);
    assert.deepEqual(balances, [{ accountId: 'a1', currency: 'EUR', outstanding: '0', postedInvoices: 0 }]);
  });
});

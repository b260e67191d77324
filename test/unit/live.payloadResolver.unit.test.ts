import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPEN_PRINCIPAL, type Principal, type Scope } from '../../access/principal';
import type { LiveChange } from '../../live/changeFeed';
import { entityIdVariable, entityResponseKey, type EntityQuery } from '../../live/federatedSelection';
import { MAX_BATCH, PayloadResolver, type PayloadReader } from '../../live/payloadResolver';

const query: EntityQuery = {
  variables: {},
  key: 'InvoicePayload\n{}',
  textFor: (count) => `query InvoicePayload${count} { ${Array.from({ length: count }, (_, i) => `${entityResponseKey(i)}: invoice(id: $${entityIdVariable(i)}) { id }`).join(' ')} }`,
};

const reader: PayloadReader = { principal: OPEN_PRINCIPAL, credential: undefined };

function change(changeId: string, entityId: string): LiveChange {
  return {
    changeId, kind: 'invoice', entityId, projectId: null, accountId: null, customerId: null,
    eventType: 'ps.billing.invoice.posted', eventId: `event-${changeId}`,
  } as LiveChange;
}

/** An executor answering every entity by its id, recording the documents and variables it ran. */
function recordingExecutor() {
  const runs: { query: string; variables: Record<string, unknown> }[] = [];
  const execute = async (text: string, variables: Record<string, unknown>) => {
    runs.push({ query: text, variables });
    const data: Record<string, unknown> = {};
    for (const [name, id] of Object.entries(variables)) {
      const index = Number(name.slice(entityIdVariable(0).length - 1));
      data[entityResponseKey(index)] = id === '' ? null : { id };
    }
    return { data };
  };
  return { runs, execute };
}

/**
 * Resolves once every run the resolver chained has happened: the recording
 * executor answers in microtasks, so the planning runs (each awaiting the one
 * before) are all done when the next macrotask comes, whatever the machine's load.
 */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PayloadResolver', () => {
  it('batches the entities of one run into one document of a power-of-two size', async () => {
    const { runs, execute } = recordingExecutor();
    const resolver = new PayloadResolver(execute);
    const results = await Promise.all(['INV-1', 'INV-2', 'INV-3'].map((id, i) => resolver.resolve(change(String(i + 1), id), 'invoice', query, reader)));
    assert.deepEqual(results, [{ id: 'INV-1' }, { id: 'INV-2' }, { id: 'INV-3' }]);
    assert.equal(resolver.queries, 1);
    assert.equal(runs[0]!.query, query.textFor(4));
  });

  it('keeps every document within the token limit: a larger burst goes in smaller batches', async () => {
    const { runs, execute } = recordingExecutor();
    const tokens = (text: string) => text.match(/[{}():$]|[A-Za-z_][A-Za-z0-9_]*/g)!.length;
    // Room for 16 entities of this selection, not 32.
    const maxTokens = tokens(query.textFor(16));
    assert.ok(tokens(query.textFor(32)) > maxTokens);
    const resolver = new PayloadResolver(execute, undefined, maxTokens);
    const ids = Array.from({ length: 40 }, (_, i) => `INV-${i + 1}`);
    const results = await Promise.all(ids.map((id, i) => resolver.resolve(change(String(i + 1), id), 'invoice', query, reader)));
    assert.deepEqual(results, ids.map((id) => ({ id })));
    await settle();
    assert.deepEqual(runs.slice(0, 3).map((run) => Object.keys(run.variables).length), [16, 16, 8]);
    for (const run of runs) assert.ok(tokens(run.query) <= maxTokens, `a document of ${tokens(run.query)} tokens, over ${maxTokens}`);
  });

  it('plans the other batch sizes of a new selection once, in the background, reading no entity', async () => {
    const { runs, execute } = recordingExecutor();
    const resolver = new PayloadResolver(execute);
    await resolver.resolve(change('1', 'INV-1'), 'invoice', query, reader);
    await settle();
    const sizes: number[] = [];
    for (let size = 1; size <= MAX_BATCH; size *= 2) sizes.push(size);
    const planned = runs.slice(1);
    assert.deepEqual(planned.map((run) => run.query), sizes.filter((size) => size !== 1).map((size) => query.textFor(size)));
    for (const run of planned) assert.ok(Object.values(run.variables).every((id) => id === ''), 'planning runs name no entity');
    // A second change of the same selection plans nothing again.
    await resolver.resolve(change('2', 'INV-2'), 'invoice', query, reader);
    await settle();
    assert.equal(runs.length, planned.length + 2);
    assert.equal(resolver.queries, 2);
  });

  it('reads a change once per visibility: readers of other legal entities or scopes never share a result', async () => {
    const principals: (Principal | undefined)[] = [];
    const execute = async (_text: string, variables: Record<string, unknown>, _name?: string, principal?: Principal, credential?: string) => {
      if (Object.values(variables).every((id) => id === '')) return { data: {} };
      principals.push(principal);
      return { data: { [entityResponseKey(0)]: { id: variables[entityIdVariable(0)], readFor: principal?.legalEntities, credential } } };
    };
    const resolver = new PayloadResolver(execute);
    const readerOf = (legalEntities: string[], scopes: Scope[], credential: string): PayloadReader => ({
      principal: { ...OPEN_PRINCIPAL, legalEntities, scopes: new Set(scopes) }, credential,
    });
    const de = readerOf(['LE-DE'], ['graph:read'], 'Bearer de-1');
    const deAgain = readerOf(['LE-DE', 'LE-DE'], ['graph:read'], 'Bearer de-2');
    const us = readerOf(['LE-US'], ['graph:read'], 'Bearer us');
    const deFinancials = readerOf(['LE-DE'], ['graph:read', 'financials:read'], 'Bearer de-financials');
    const same = change('1', 'INV-1');
    const results = await Promise.all([de, deAgain, us, deFinancials].map((r) => resolver.resolve(same, 'invoice', query, r)));
    assert.deepEqual(results, [
      { id: 'INV-1', readFor: ['LE-DE'], credential: 'Bearer de-1' },
      { id: 'INV-1', readFor: ['LE-DE'], credential: 'Bearer de-1' },
      { id: 'INV-1', readFor: ['LE-US'], credential: 'Bearer us' },
      { id: 'INV-1', readFor: ['LE-DE'], credential: 'Bearer de-financials' },
    ]);
    assert.equal(principals.length, 3, 'one read per visibility');
  });
});

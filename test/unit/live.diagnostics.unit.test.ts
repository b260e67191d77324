/** A serialized payload is announced once, on the diagnostics channel a benchmark or tracer subscribes to by name. */
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, it } from 'node:test';
import type { LiveChange } from '../../live/changeFeed';
import { PAYLOAD_SERIALIZED_CHANNEL } from '../../live/diagnostics';
import { SharedPayload } from '../../live/sharedPayload';

const change: LiveChange = {
  changeId: '42', kind: 'invoice', entityId: 'inv-1', projectId: 'p-1', accountId: 'a-1', customerId: 'a-1', legalEntityId: 'LE-1',
  eventType: 'ps.billing.invoice.posted', eventId: 'e-1', at: '2026-01-05T10:00:00.000Z',
};

describe('live diagnostics', () => {
  it('publishes the change id once, when the payload is first serialized', () => {
    const heard: unknown[] = [];
    const listener = (message: unknown) => heard.push(message);
    diagnosticsChannel.subscribe(PAYLOAD_SERIALIZED_CHANNEL, listener);
    try {
      const payload = new SharedPayload(change, { data: { invoiceStatusChanged: { eventId: 'e-1' } } });
      assert.deepEqual(heard, [], 'nothing before the bytes are asked for');
      const first = payload.json;
      assert.equal(payload.json, first);
      assert.deepEqual(heard, [{ changeId: '42' }]);
    } finally {
      diagnosticsChannel.unsubscribe(PAYLOAD_SERIALIZED_CHANNEL, listener);
    }
  });
});

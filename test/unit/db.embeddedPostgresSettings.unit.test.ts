import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedBuffersFor } from '../../db/embeddedPostgres';

const GIB = 1024 ** 3;

describe("the embedded server's shared_buffers", () => {
  it('takes an eighth of the memory, between 128 MB and 2 GB', () => {
    assert.equal(sharedBuffersFor(8 * GIB), '1024MB');
    assert.equal(sharedBuffersFor(4 * GIB), '512MB');
    assert.equal(sharedBuffersFor(24 * GIB), '2048MB');
    assert.equal(sharedBuffersFor(256 * GIB), '2048MB');
    assert.equal(sharedBuffersFor(GIB / 2), '128MB');
  });
});

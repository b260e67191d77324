/**
 * Verified tokens are remembered (access/verifiedTokens.ts): a token seen
 * again is not verified again until its expiry or REVERIFY_MS, whichever
 * comes first; a refused token is never remembered; the memory is bounded.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPEN_PRINCIPAL, type Principal } from '../../access/principal';
import { MAX_TOKENS, rememberingVerifiedTokens, REVERIFY_MS } from '../../access/verifiedTokens';

describe('rememberingVerifiedTokens', () => {
  const setup = (expiresAt: (token: string) => number | null) => {
    let now = 1_000_000;
    const calls: string[] = [];
    const verify = rememberingVerifiedTokens(async (token) => {
      calls.push(token);
      if (token.startsWith('bad')) throw new Error(`${token} does not verify`);
      return { ...OPEN_PRINCIPAL, subject: token, expiresAt: expiresAt(token) } satisfies Principal;
    }, () => now);
    return { verify, calls, advance: (ms: number) => (now += ms), now: () => now };
  };

  it('verifies a token once, then answers its principal until REVERIFY_MS have passed', async () => {
    const { verify, calls, advance } = setup(() => 10 * REVERIFY_MS + 1_000_000);
    assert.equal((await verify('t1')).subject, 't1');
    advance(REVERIFY_MS - 1);
    assert.equal((await verify('t1')).subject, 't1');
    assert.deepEqual(calls, ['t1']);
    advance(1);
    await verify('t1');
    assert.deepEqual(calls, ['t1', 't1'], 'verified again');
  });

  it('verifies again once the token has expired, however recently it was verified', async () => {
    const start = 1_000_000;
    const { verify, calls, advance } = setup(() => start + 5_000);
    await verify('t2');
    advance(4_999);
    await verify('t2');
    advance(1);
    await verify('t2');
    assert.deepEqual(calls, ['t2', 't2']);
  });

  it('never remembers a refusal', async () => {
    const { verify, calls } = setup(() => null);
    await assert.rejects(verify('bad-1'));
    await assert.rejects(verify('bad-1'));
    assert.deepEqual(calls, ['bad-1', 'bad-1']);
  });

  it(`remembers at most ${MAX_TOKENS} tokens, forgetting the oldest first`, async () => {
    const { verify, calls } = setup(() => null);
    for (let i = 0; i <= MAX_TOKENS; i++) await verify(`t${i}`);
    calls.length = 0;
    await verify(`t${MAX_TOKENS}`);
    await verify('t1');
    assert.deepEqual(calls, [], 'the newest are remembered');
    await verify('t0');
    assert.deepEqual(calls, ['t0'], 'the oldest was forgotten');
  });
});

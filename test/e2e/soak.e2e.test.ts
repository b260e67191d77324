/**
 * The soak and abuse harness (bench/soak.ts) for 30 s: a hub child process
 * (`servicegraph start`, the gateway in its supervised process) under normal
 * load beside every kind of abusive client, its gateway process killed on
 * purpose once at 12 s, then every check — each valid event applied exactly
 * once and the read model equal to the oracle, the normal clients served
 * within the p99 bounds (ingest throughout, the dashboards but while the
 * gateway was down), the subscribers subscribed again, every process under
 * the RSS bound, nothing restarted but the killed gateway process (replaced
 * by one that serves), each abuser refused as documented.
 * The long run is `npm run soak -- --minutes N` (BENCHMARKS.md, soak).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSoak, SOAK_DEFAULTS } from '../../bench/soak';

describe('the soak and abuse harness, 30 s, the gateway process killed once', () => {
  it('passes every check', { timeout: 240_000 }, async (t) => {
    const result = await runSoak({
      ...SOAK_DEFAULTS,
      seconds: 30,
      killGatewayEverySeconds: 12,
      serverUrl: process.env.TEST_DATABASE_SERVER_URL,
      log: (line) => t.diagnostic(line),
    });
    for (const line of result.details) t.diagnostic(line);
    assert.ok(result.storedEvents > 1000, `the source stored ${result.storedEvents} events in 30 s`);
    assert.equal(result.kills.length, 1, 'the gateway process was killed once');
    assert.deepEqual(result.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`), []);
  });
});

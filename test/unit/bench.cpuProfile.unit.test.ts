import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startChild } from '../../bench/childProcess';
import { startWorkerProfiles, summarize, type Profile } from '../../bench/cpuProfile';

/** A profile of three nodes under the root: `work` in a script, `other` in another, and the idle node. */
function profileOf(samples: number[], timeDeltas: number[]): Profile {
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('work', 'file:///app/dist/listeners/work.js') },
      { id: 3, callFrame: frame('other', 'file:///app/dist/ingest/other.js') },
      { id: 4, callFrame: frame('(idle)') },
    ],
    startTime: 0,
    endTime: timeDeltas.reduce((sum, delta) => sum + delta, 0),
    samples,
    timeDeltas,
  } as Profile;
}

describe('a CPU profile summarized', () => {
  it('shares busy time by function in proportion to the time each sample stands for', () => {
    const summary = summarize(profileOf([2, 2, 2, 3, 4, 4], [500, 500, 500, 500, 500, 500]));
    assert.equal(summary.busy, 4 / 6);
    assert.deepEqual(summary.functions.map((f) => [f.fn.split(' ')[0], f.share]), [['work', 0.75], ['other', 0.25]]);
  });

  it('lets no sample stand for more than a few sampling intervals: one after the profiler waited for a core does not take the profile', () => {
    // `other` is sampled once, after a 400 ms wait; `work` 20 times at the 500 µs interval.
    const samples = [...Array(20).fill(2), 3];
    const deltas = [...Array(20).fill(500), 400_000];
    const summary = summarize(profileOf(samples, deltas));
    const other = summary.functions.find((f) => f.fn.startsWith('other'))!;
    assert.equal(other.share, 2000 / (20 * 500 + 2000), 'at most 4 intervals');
    assert.equal(summary.busy, 1);
  });
});

describe("profiles of a child process's worker threads", () => {
  it('profiles each worker thread through the main thread\'s inspector, named after its script', async () => {
    const child = await startChild({ script: 'test/fixtures/busyWorker.js', args: [], readyText: 'ready', name: 'busy worker' });
    try {
      const stop = await startWorkerProfiles(child.inspectorUrl);
      // Deliberately a fixed span: the profile's length, long enough for the busy worker's samples to dominate.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const profiles = await stop();
      assert.deepEqual(profiles.map((p) => p.thread), ['busyWorker.js']);
      const [{ summary }] = profiles;
      assert.ok(summary.busy > 0.5, `the worker was on CPU ${summary.busy} of the time`);
      // The busy loop (inlined into its caller, so named after the script rather than the function) takes the profile.
      assert.match(summary.functions[0]!.fn, /test\/fixtures\/busyWorker\.js/);
    } finally {
      await child.stop();
    }
  });
});

/**
 * What bounds a figure, measured: a CPU profile of a child process over
 * exactly the measured window (through its inspector, bench/childProcess.ts),
 * summarized as self time by area (a package under node_modules, a folder of
 * servicegraph, Node's internals, GC) and by function.
 */
import WebSocket from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

export interface ProfileSummary {
  /** Wall seconds profiled. */
  readonly seconds: number;
  /** Share of the wall time the process was on CPU (not idle). */
  readonly busy: number;
  /** Self time by area, largest first, as shares of busy time. */
  readonly areas: readonly { area: string; share: number }[];
  /** Self time by function, largest first, as shares of busy time. */
  readonly functions: readonly { fn: string; share: number }[];
}

/** Starts the profiler in the process behind `inspectorUrl`; the returned function stops it and summarizes. */
export async function startProfile(inspectorUrl: string, samplingMicros = 500): Promise<() => Promise<ProfileSummary>> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) => new Promise<any>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: samplingMicros });
  await call('Profiler.start');
  return async () => {
    const { profile } = await call('Profiler.stop') as { profile: Profile };
    await call('Profiler.disable');
    // Closed before the child is stopped: an attached session would keep it waiting at exit.
    await new Promise<void>((resolve) => { socket.once('close', () => resolve()); socket.close(); });
    return summarize(profile);
  };
}

/** A profile's self time by area and function. */
export function summarize(profile: Profile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // Each delta is the time before the sample; attribute it to that sample's node.
    selfMicros.set(samples[i]!, (selfMicros.get(samples[i]!) ?? 0) + (deltas[i] ?? 0));
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += micros;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const wall = profile.endTime - profile.startTime;
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, busy > 0 ? v / busy : 0] as const);
  return {
    seconds: wall / 1e6,
    busy: wall > 0 ? busy / wall : 0,
    areas: top(areas).map(([area, share]) => ({ area, share })),
    functions: top(functions).map(([fn, share]) => ({ fn, share })),
  };
}

function areaOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return 'V8/native (program)';
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `servicegraph ${own[1]}/`;
  return url;
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/(.*)$/.exec(url);
  if (own) return own[1]!;
  return url.replace(/^file:\/\//, '');
}

/** Report lines: busy share and the top areas and functions. */
export function profileLines(label: string, summary: ProfileSummary, topAreas = 8, topFunctions = 8): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `- CPU profile of ${label} over ${summary.seconds.toFixed(1)} s: on CPU ${pct(summary.busy)} of the time; self time by area: ` +
      summary.areas.slice(0, topAreas).map((a) => `${a.area} ${pct(a.share)}`).join(', '),
    `  - top functions (self): ${summary.functions.slice(0, topFunctions).map((f) => `\`${f.fn}\` ${pct(f.share)}`).join(', ')}`,
  ];
}

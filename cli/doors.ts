/**
 * The doors of a process (access/doors.ts) as the commands open them: the
 * access settings of the configuration, refusals and operator actions
 * recorded in the hub's audit log when the process has the database, the
 * one warning line of a hub that asks nobody who they are, and a line saying
 * which GraphQL documents it runs when trusted documents are on.
 */
import type { Pool } from 'pg';
import { AuditLog, NO_AUDIT, type AuditSink } from '../access/auditLog';
import { Doors } from '../access/doors';
import type { Config } from '../config/config';
import type { Logger } from './logger';

export interface OpenDoors {
  readonly doors: Doors;
  readonly audit: AuditSink;
  /** Writes the audit entries still waiting. */
  close(): Promise<void>;
}

/** `announce: false`: no AUTH=off warning nor trusted-documents line (the hub's gateway process: the hub has said them once). */
export async function openDoors(
  config: Pick<Config, 'access' | 'host'>, pool: Pool | undefined, log: Logger, options: { announce?: boolean } = {},
): Promise<OpenDoors> {
  const audit = pool ? new AuditLog(pool, { onError: (message) => log.warn(message) }) : undefined;
  const doors = await Doors.create(config.access, audit ?? NO_AUDIT);
  if (config.access.auth.mode === 'off' && options.announce !== false) {
    log.warn(`access: AUTH=off: every request is granted every scope, without a token (listening on ${config.host}); set AUTH=jwt to require tokens (docs/api.md, Access)`);
  }
  const trusted = config.access.trustedDocuments;
  if (trusted && trusted.mode !== 'off' && options.announce !== false) {
    log.info(`access: TRUSTED_DOCUMENTS=${trusted.mode}: ${trusted.documents.length} trusted documents from ${trusted.files.join(', ')}${trusted.mode === 'require' ? '; no other document runs' : ''}`);
  }
  return { doors, audit: audit ?? NO_AUDIT, close: async () => audit?.close() };
}

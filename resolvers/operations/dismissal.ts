/**
 * `dismissHubException`: the one write path of the GraphQL API, and it goes
 * through the event log like everything else. The dismissal is appended as
 * an operator event (events/operatorEvents.ts) with the group commit's own
 * store, so it is durable, counted and ordered like any accepted event; the
 * answer waits until the listeners have applied it, then reads the exception
 * as the read model holds it.
 */
import type { Pool } from 'pg';
import { GraphQLError } from 'graphql';
import { canonicalJson, hashOfCanonical } from '../../events/canonical';
import { hubExceptionDismissal, MAX_REASON_LENGTH, OPERATOR_SOURCE } from '../../events/operatorEvents';
import { EVENTS_CHANNEL } from '../../hub/channels';
import { READ_MODEL_PROJECTOR } from '../../hub/checkpoint';
import { appendToLog, withLogWriteTransaction } from '../../hub/eventLog';
import { addToCounters, integerLiteral } from '../../hub/status';
import { badUserInput, shown } from '../shared/errors';
import type { HubException } from './hubException';
import { hubExceptionById } from './operatorReads';

/** How long the answer waits for the listeners to apply the dismissal. */
export const APPLY_TIMEOUT_MS = 30_000;
const POLL_MS = 20;

export async function dismissHubException(pool: Pool, id: string, reason: string, dismissedBy: string | null): Promise<HubException> {
  if (!/^[1-9]\d{0,18}$/.test(id)) throw badUserInput(`id: expected a hub exception id (digits), got ${shown(id)}`, { argumentName: 'id' });
  const trimmed = reason.trim();
  if (trimmed === '' || trimmed.length > MAX_REASON_LENGTH) {
    throw badUserInput(`reason: expected a non-empty text of at most ${MAX_REASON_LENGTH} characters, got ${trimmed === '' ? 'an empty one' : `${trimmed.length} characters`}`, { argumentName: 'reason' });
  }
  const current = await hubExceptionById(pool, id);
  if (!current) throw new GraphQLError(`no hub exception ${id}`, { extensions: { code: 'NOT_FOUND', argumentName: 'id' } });
  if (current.dismissedAt !== null) {
    throw badUserInput(`hub exception ${id} is already dismissed${current.dismissedBy ? ` by ${current.dismissedBy}` : ''} at ${current.dismissedAt.toISOString()}`, { argumentName: 'id' });
  }

  const event = hubExceptionDismissal(id, trimmed, dismissedBy);
  const position = await append(pool, canonicalJson(event), {
    subject: dismissedBy, reason: `dismissed hub exception ${id}: ${trimmed}`,
    detail: { exceptionId: id, code: current.code, eventId: event.id, source: event.source },
  });
  await appliedUpTo(pool, position, event.id);
  return (await hubExceptionById(pool, id))!;
}

/** The operator action as the audit log keeps it (docs/api.md, "Access": every operator action is recorded). */
interface OperatorAudit { subject: string | null; reason: string; detail: Record<string, unknown> }

/**
 * Appends one envelope as ingest appends events (hub/eventLog.ts): under the
 * log's write lock, counted as received, durable before the answer, and
 * announced on the events channel so the listeners wake at once. The audit
 * row commits with it: no dismissal without its record, nor the reverse.
 */
async function append(pool: Pool, canonical: string, audit: OperatorAudit): Promise<string> {
  return withLogWriteTransaction(pool, async (client) => {
    const appended = await appendToLog(client, `[${canonical}]`, [hashOfCanonical(canonical)]);
    if (appended.count !== 1 || appended.lastPosition === undefined) throw new Error('the operator event was not appended to the log');
    await client.query(
      `INSERT INTO hub.audit_log (at, kind, door, subject, client, status, reason, detail) VALUES (now(), 'operator', 'Mutation.dismissHubException', $1, NULL, 200, $2, $3::jsonb)`,
      [audit.subject, audit.reason, JSON.stringify({ ...audit.detail, position: appended.lastPosition })]);
    await client.query(`${addToCounters([['received', 1]])}; SELECT pg_notify('${EVENTS_CHANNEL}', '${integerLiteral(appended.lastPosition)}'); COMMIT`);
    return appended.lastPosition;
  });
}

/** Resolves once the read model's checkpoint has reached `position`. */
async function appliedUpTo(pool: Pool, position: string, eventId: string): Promise<void> {
  const deadline = Date.now() + APPLY_TIMEOUT_MS;
  for (;;) {
    const { rows } = await pool.query<{ reached: boolean }>(
      `SELECT coalesce((SELECT position FROM hub.checkpoint WHERE projector = $2), 0) >= $1::bigint AS reached`, [position, READ_MODEL_PROJECTOR]);
    if (rows[0]!.reached) return;
    if (Date.now() > deadline) {
      throw new GraphQLError(`the dismissal is recorded (event ${eventId} of ${OPERATOR_SOURCE}, log position ${position}) but the listeners have not applied it within ${APPLY_TIMEOUT_MS / 1000} s; it applies once they catch up`,
        { extensions: { code: 'NOT_YET_APPLIED' } });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

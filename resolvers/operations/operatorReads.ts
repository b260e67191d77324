/** The reads of the operator's desk: hub exceptions and parked events, keyset-paged by log position. */
import type { EventLogEntry, HubException as HubExceptionTable, ParkedEvent as ParkedEventTable } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { cursorCodec } from '../shared/cursor';
import type { PageRequest } from '../shared/pagination';
import { afterCondition, keyCondition, orderBy, Params, type Queryable, type SortColumn } from '../shared/sql';
import { HubExceptionStatus, type HubException } from './hubException';
import type { ParkedEvent } from './parkedEvent';

const POSITION = (key: string): boolean => /^[1-9]\d{0,18}$/.test(key);
const BY_POSITION: readonly SortColumn[] = [{ sql: 'position', cast: 'bigint' }];
export const hubExceptionCursor = cursorCodec('hub_exception:position', [POSITION]);
export const parkedEventCursor = cursorCodec('parked_event:position', [POSITION]);

export interface HubExceptionFilter {
  readonly code: string | null;
  /** true: not dismissed; false: dismissed; null: both. */
  readonly open: boolean | null;
}

/** The logged event an exception or a parked event is about (joined on position). */
type LoggedEventRow = Pick<ColumnRow<EventLogEntry>, 'event_id' | 'source' | 'type' | 'subject'>;

type HubExceptionRow = Pick<ColumnRow<HubExceptionTable>, 'position' | 'code' | 'message' | 'raised_at' | 'dismissed_at'
  | 'dismissed_by' | 'dismissed_reason'> & LoggedEventRow;

const EXCEPTION_COLUMNS = `x.position::text AS position, e.event_id, e.source, e.type, e.subject, x.code, x.message,
  x.raised_at, x.dismissed_at, x.dismissed_by, x.dismissed_reason`;

function toHubException(row: HubExceptionRow): HubException {
  return {
    id: row.position, eventId: row.event_id, source: row.source, type: row.type, subject: row.subject, code: row.code,
    message: row.message, raisedAt: row.raised_at, status: row.dismissed_at === null ? HubExceptionStatus.OPEN : HubExceptionStatus.DISMISSED,
    dismissedBy: row.dismissed_by, dismissedReason: row.dismissed_reason, dismissedAt: row.dismissed_at,
  };
}

function exceptionConditions(filter: HubExceptionFilter, params: Params): string {
  const conditions = ['true'];
  if (filter.code !== null) conditions.push(`x.code = ${params.add(filter.code)}`);
  if (filter.open !== null) conditions.push(filter.open ? 'x.dismissed_at IS NULL' : 'x.dismissed_at IS NOT NULL');
  return conditions.join(' AND ');
}

/** A page of hub exceptions, oldest first, `first + 1` rows. */
export async function hubExceptionsPage(db: Queryable, filter: HubExceptionFilter, request: PageRequest): Promise<HubException[]> {
  const params = new Params();
  const where = exceptionConditions(filter, params);
  const after = afterCondition(BY_POSITION.map((c) => ({ ...c, sql: `x.${c.sql}` })), request, params);
  const { rows } = await db.query<HubExceptionRow>(
    `SELECT ${EXCEPTION_COLUMNS} FROM hub.exception x JOIN hub.event_log e USING (position)
     WHERE ${where} AND ${after} ORDER BY x.${orderBy(BY_POSITION)} LIMIT ${params.add(request.first + 1)}`,
    params.values,
  );
  return rows.map(toHubException);
}

export async function countHubExceptions(db: Queryable, filter: HubExceptionFilter): Promise<number> {
  const params = new Params();
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hub.exception x WHERE ${exceptionConditions(filter, params)}`, params.values);
  return rows[0]!.n;
}

export async function hubExceptionById(db: Queryable, id: string): Promise<HubException | null> {
  const params = new Params();
  const { rows } = await db.query<HubExceptionRow>(
    `SELECT ${EXCEPTION_COLUMNS} FROM hub.exception x JOIN hub.event_log e USING (position) WHERE ${keyCondition('x.position', [id], params)}`,
    params.values,
  );
  return rows[0] ? toHubException(rows[0]) : null;
}

type ParkedRow = Pick<ColumnRow<ParkedEventTable>, 'position' | 'waiting_for' | 'reason' | 'parked_at'> & LoggedEventRow;

/** A page of parked events, longest waiting first (log order), `first + 1` rows. */
export async function parkedEventsPage(db: Queryable, request: PageRequest): Promise<ParkedEvent[]> {
  const params = new Params();
  const after = afterCondition(BY_POSITION.map((c) => ({ ...c, sql: `p.${c.sql}` })), request, params);
  const { rows } = await db.query<ParkedRow>(
    `SELECT p.position::text AS position, e.event_id, e.source, e.type, e.subject, p.waiting_for, p.reason, p.parked_at
     FROM hub.parked_event p JOIN hub.event_log e USING (position)
     WHERE ${after} ORDER BY p.${orderBy(BY_POSITION)} LIMIT ${params.add(request.first + 1)}`,
    params.values,
  );
  return rows.map((row) => ({
    position: row.position, eventId: row.event_id, source: row.source, type: row.type, subject: row.subject,
    waitingFor: row.waiting_for, reason: row.reason, parkedAt: row.parked_at,
  }));
}

export async function countParkedEvents(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hub.parked_event`);
  return rows[0]!.n;
}

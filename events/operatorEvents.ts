/**
 * Events the hub writes to its own log for what operators do
 * (docs/operations.md, "The operator's desk"). They are not part of the
 * business catalogue: POST /events refuses their type (it is no catalogue
 * type), only the hub appends them, and the listeners apply them like any
 * event, so a rebuild from the log reproduces what operators did.
 */
import { randomUUID } from 'node:crypto';

/** CloudEvents `source` of every operator event. */
export const OPERATOR_SOURCE = '/servicegraph/operator';
/** An operator dismissed a hub exception; `subject` and `data.exceptionId` name it. */
export const HUB_EXCEPTION_DISMISSED = 'servicegraph.hub_exception.dismissed';

/** Longest dismissal reason kept. */
export const MAX_REASON_LENGTH = 2000;

export interface HubExceptionDismissed {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: typeof OPERATOR_SOURCE;
  readonly type: typeof HUB_EXCEPTION_DISMISSED;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: {
    /** The hub exception's id: the log position of the event that became it. */
    readonly exceptionId: string;
    readonly reason: string;
    /** The operator's token `sub`; null when the hub runs without authentication. */
    readonly dismissedBy: string | null;
  };
  /** W3C trace context of the operator's request, when traced. */
  readonly traceparent?: string;
}

export function hubExceptionDismissal(exceptionId: string, reason: string, dismissedBy: string | null, time = new Date()): HubExceptionDismissed {
  return {
    specversion: '1.0', id: randomUUID(), source: OPERATOR_SOURCE, type: HUB_EXCEPTION_DISMISSED, subject: exceptionId,
    time: time.toISOString(), datacontenttype: 'application/json', data: { exceptionId, reason, dismissedBy },
  };
}

/**
 * An envelope read back from the log: undefined when it is no operator event
 * (a business event, validated as such), else the event or why it is not a
 * valid one.
 */
export function readOperatorEvent(raw: unknown): { ok: true; event: HubExceptionDismissed } | { ok: false; problem: string } | undefined {
  if (typeof raw !== 'object' || raw === null || (raw as { source?: unknown }).source !== OPERATOR_SOURCE) return undefined;
  const event = raw as Partial<HubExceptionDismissed> & { data?: Partial<HubExceptionDismissed['data']> };
  if (event.type !== HUB_EXCEPTION_DISMISSED) return { ok: false, problem: `type: expected ${HUB_EXCEPTION_DISMISSED} from ${OPERATOR_SOURCE}, got ${JSON.stringify(event.type)}` };
  const data = event.data;
  if (typeof event.time !== 'string' || Number.isNaN(Date.parse(event.time))) return { ok: false, problem: `time: expected an RFC 3339 timestamp, got ${JSON.stringify(event.time)}` };
  if (!data || typeof data.exceptionId !== 'string' || !/^[1-9]\d{0,18}$/.test(data.exceptionId)) {
    return { ok: false, problem: `data.exceptionId: expected a hub exception id (a log position), got ${JSON.stringify(data?.exceptionId)}` };
  }
  if (typeof data.reason !== 'string' || data.reason.trim() === '') return { ok: false, problem: `data.reason: expected a non-empty string, got ${JSON.stringify(data.reason)}` };
  if (data.dismissedBy !== null && typeof data.dismissedBy !== 'string') return { ok: false, problem: `data.dismissedBy: expected a string or null, got ${JSON.stringify(data.dismissedBy)}` };
  return { ok: true, event: event as HubExceptionDismissed };
}

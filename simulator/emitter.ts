import { SUBJECT_FIELD, type BusinessEvent, type EventDataByType, type EventOf, type EventType } from '../events/types';
import { timestampText } from './calendar';

/** The four systems of the simulated firm, as CloudEvents `source`s. */
export const SOURCES = {
  crm: '/crm/acme-crm/eu1',
  psa: '/psa/acme-psa/eu1',
  billing: '/billing/acme-billing/eu1',
  erp: '/erp/acme-erp/eu1',
} as const;

export type SourceName = keyof typeof SOURCES;

/**
 * The sequence counter of one (source, subject) stream. It lives on the
 * simulated entity that owns the stream (an invoice has one for billing and
 * one for the ERP), so it is freed with the entity on long runs.
 */
export interface Stream {
  seq: number;
}

export function newStream(): Stream {
  return { seq: 0 };
}

/**
 * Builds CloudEvents envelopes: ids unique per source, `subject` taken from
 * the catalogue's subject field, `sequence` from the stream, and `time`
 * strictly increasing over the whole firm (ties get one millisecond more).
 */
export class Emitter {
  private readonly counters: Record<SourceName, number> = { crm: 0, psa: 0, billing: 0, erp: 0 };
  private lastTime = Number.NEGATIVE_INFINITY;

  /** `tag` makes event ids of different firms differ: `psa-<tag>-0000042`. */
  constructor(
    private readonly tag: string,
    private readonly sink: (event: BusinessEvent) => void,
  ) {}

  emit<T extends EventType>(source: SourceName, type: T, data: EventDataByType[T], at: number, stream: Stream): EventOf<T> {
    const time = at > this.lastTime ? at : this.lastTime + 1;
    this.lastTime = time;
    const n = ++this.counters[source];
    stream.seq += 1;
    const subject = (data as unknown as Record<string, unknown>)[SUBJECT_FIELD[type]];
    if (typeof subject !== 'string' || subject === '') {
      throw new Error(`${type} expects data.${SUBJECT_FIELD[type]} to be a non-empty string, but got ${JSON.stringify(subject)}`);
    }
    const event = {
      specversion: '1.0',
      id: `${source}-${this.tag}-${String(n).padStart(7, '0')}`,
      source: SOURCES[source],
      type,
      subject,
      time: timestampText(time),
      datacontenttype: 'application/json',
      sequence: String(stream.seq),
      data,
    } as unknown as EventOf<T>;
    this.sink(event);
    return event;
  }

  /** The last timestamp written (ms), or -Infinity before the first event. */
  get clock(): number {
    return this.lastTime;
  }
}

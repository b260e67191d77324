/** Builders of valid catalogue events for tests. */
import type { BusinessEvent, EventDataByType, EventOf, EventType } from '../../events/types';
import { SUBJECT_FIELD } from '../../events/types';

let counter = 0;

export function anEvent<T extends EventType>(
  type: T,
  data: EventDataByType[T],
  envelope: Partial<Pick<BusinessEvent, 'id' | 'source' | 'time' | 'sequence'>> = {},
): EventOf<T> {
  counter++;
  return {
    specversion: '1.0',
    id: envelope.id ?? `evt-${counter}`,
    source: envelope.source ?? '/test/source',
    type,
    subject: String((data as unknown as Record<string, unknown>)[SUBJECT_FIELD[type]]),
    time: envelope.time ?? '2026-03-02T10:00:00Z',
    ...(envelope.sequence !== undefined ? { sequence: envelope.sequence } : {}),
    data,
  } as unknown as EventOf<T>;
}

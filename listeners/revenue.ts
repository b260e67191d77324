/** Revenue listener: recognition and reversal (docs/events.md#revenue-domain-system-of-record-erp). */
import type { EventOf } from '../events/types';
import { apply, currencyMismatch, illegal, park, write, type Decision } from './decision';
import { keyOf } from './keys';
import type { ReadView } from './view';

export type RevenueEvent = EventOf<'ps.revenue.revenue_event.recognized'> | EventOf<'ps.revenue.revenue_event.reversed'>;

export function evolveRevenue(view: ReadView, event: RevenueEvent): Decision {
  switch (event.type) {
    case 'ps.revenue.revenue_event.recognized': {
      const d = event.data;
      view.prefetch([keyOf('revenue_event', d.revenueEventId), keyOf('project', d.projectId)]);
      if (view.get('revenue_event', d.revenueEventId)) return illegal(`revenue event ${d.revenueEventId} was already recognized`);
      const project = view.get('project', d.projectId);
      if (!project) return park(keyOf('project', d.projectId), `project ${d.projectId} of revenue event ${d.revenueEventId} has not arrived`);
      if (d.amount.currency !== project.currency) {
        return currencyMismatch(`data.amount is in ${d.amount.currency} but project ${project.id} is in ${project.currency}`);
      }
      return apply(write('revenue_event', {
        id: d.revenueEventId, projectId: d.projectId, period: d.period, amount: d.amount.amount,
        currency: d.amount.currency, method: d.method, reversed: false, recognizedAt: event.time, reversedAt: null,
      }));
    }
    case 'ps.revenue.revenue_event.reversed': {
      const d = event.data;
      const recognized = view.get('revenue_event', d.revenueEventId);
      if (!recognized) return park(keyOf('revenue_event', d.revenueEventId), `revenue event ${d.revenueEventId} has not been recognized yet`);
      if (recognized.reversed) return illegal(`revenue event ${d.revenueEventId} is already reversed`);
      return apply(write('revenue_event', { ...recognized, reversed: true, reversedAt: event.time }));
    }
    default: {
      const unhandled: never = event;
      throw new Error(`revenue listener got ${(unhandled as { type: string }).type}`);
    }
  }
}

/** Customer listener: accounts and merges (docs/events.md#customer-domain-system-of-record-crm-or-erp). */
import type { EventOf } from '../events/types';
import { apply, illegal, park, write, type Decision, type Write } from './decision';
import { keyOf } from './keys';
import type { ReadView } from './view';

export type CustomerEvent = EventOf<'ps.customer.account.upserted'> | EventOf<'ps.customer.account.merged'>;

export function evolveCustomer(view: ReadView, event: CustomerEvent): Decision {
  switch (event.type) {
    case 'ps.customer.account.upserted': {
      const d = event.data;
      const existing = view.get('account', d.accountId);
      // Creates or replaces the descriptive fields; a merge is not undone by a later upsert.
      return apply(write('account', {
        id: d.accountId,
        name: d.name,
        legalEntityId: d.legalEntityId,
        billingCurrency: d.billingCurrency,
        country: d.country ?? null,
        status: d.status ?? 'active',
        externalIds: d.externalIds ?? {},
        mergedInto: existing?.mergedInto ?? null,
        rootId: existing?.rootId ?? d.accountId,
        updatedAt: event.time,
      }));
    }
    case 'ps.customer.account.merged': {
      const { survivorAccountId, mergedAccountId } = event.data;
      view.prefetch([keyOf('account', survivorAccountId), keyOf('account', mergedAccountId)]);
      const survivor = view.get('account', survivorAccountId);
      if (!survivor) return park(keyOf('account', survivorAccountId), `survivor account ${survivorAccountId} has not arrived`);
      const merged = view.get('account', mergedAccountId);
      if (!merged) return park(keyOf('account', mergedAccountId), `merged account ${mergedAccountId} has not arrived`);
      if (survivorAccountId === mergedAccountId) return illegal(`account ${mergedAccountId} cannot be merged into itself`);
      if (merged.mergedInto !== null) {
        return illegal(`account ${mergedAccountId} is already merged into ${merged.mergedInto}`);
      }
      if (survivor.rootId === mergedAccountId) {
        return illegal(`account ${survivorAccountId} is itself merged into ${mergedAccountId}; merging back would make a cycle`);
      }
      // Everything that counted under the merged account now counts under the survivor's root.
      const writes: Write[] = view.accountsWithRoot(mergedAccountId).map((account) =>
        write('account', {
          ...account,
          rootId: survivor.rootId,
          mergedInto: account.id === mergedAccountId ? survivorAccountId : account.mergedInto,
          updatedAt: account.id === mergedAccountId ? event.time : account.updatedAt,
        }));
      return apply(...writes);
    }
    default: {
      const unhandled: never = event;
      throw new Error(`customer listener got ${(unhandled as { type: string }).type}`);
    }
  }
}

/**
 * Decides, once Apollo Server has the response, whether the response cache may
 * serve it again while the read model stays at the same position: only a
 * query's complete answer without errors, and only when it selects no
 * volatile field (one whose answer changes without a read-model commit, see
 * gateway/volatileSelection.ts). The verdict goes on the request's context for
 * the HTTP adapter, which stores the serialized body.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { selectsAnyField } from './volatileSelection';

/** `cacheable`; `volatile`: selects a volatile field (never cacheable); `uncacheable`: errors, not a query, etc. */
export type Cacheability = 'cacheable' | 'volatile' | 'uncacheable';

/**
 * The part of a request's context the plugin writes into. A holder object:
 * Apollo Server runs the operation on a shallow copy of the context, so only
 * what a shared object holds reaches the one who made the context.
 */
export interface CacheabilityContext {
  readonly responseCacheability: { verdict?: Cacheability };
}

export function responseCachePlugin(volatileFields: ReadonlySet<string>): ApolloServerPlugin<CacheabilityContext> {
  // Apollo Server reuses the parsed document of a query text it has seen: decide once per document.
  const volatileDocuments = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, document, operation, schema }) {
          const status = response.http.status ?? 200;
          if (response.body.kind !== 'single' || response.body.singleResult.errors?.length || status !== 200
            || !document || operation?.operation !== 'query') {
            contextValue.responseCacheability.verdict = 'uncacheable';
            return;
          }
          let volatile = volatileDocuments.get(document);
          if (volatile === undefined) {
            volatile = selectsAnyField(schema, document, volatileFields);
            volatileDocuments.set(document, volatile);
          }
          contextValue.responseCacheability.verdict = volatile ? 'volatile' : 'cacheable';
        },
      };
    },
  };
}

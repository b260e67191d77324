/**
 * The trusted documents against the schema the gateway serves: a listed
 * document that no longer validates (a manifest written for another version
 * of the API, a field since removed) would fail each client that sends its
 * id, so the gateway says so once, at start, naming the document.
 */
import { parse, validate, type GraphQLSchema } from 'graphql';
import type { TrustedDocument } from '../access/trustedDocuments';

/** One line per listed document that does not validate against `schema`; subscriptions are left out when it has none. */
export function invalidTrustedDocuments(schema: GraphQLSchema, documents: readonly TrustedDocument[]): string[] {
  const problems: string[] = [];
  for (const document of documents) {
    // A gateway without the live extension serves no subscriptions: not a fault of the document.
    if (document.type === 'subscription' && !schema.getSubscriptionType()) continue;
    const errors = validate(schema, parse(document.body));
    if (errors.length > 0) {
      problems.push(`the trusted document ${document.name} (id ${document.id}) does not validate against the API: ${errors.map((e) => e.message).join('; ')}`);
    }
  }
  return problems;
}

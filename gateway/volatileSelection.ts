/**
 * Whether an operation selects a field whose answer can change without a
 * read-model commit (`InvoiceException.ageHours` moves with the clock,
 * `Query.ingestStatus` with every event ingest accepts): such an answer must
 * not be served again from the response cache, whose entries live as long as
 * the read model's position does.
 */
import { TypeInfo, visit, visitWithTypeInfo, BREAK, type DocumentNode, type GraphQLSchema } from 'graphql';

/** True when `document` selects any of `coordinates` (`Type.field`), in any operation or fragment of it. */
export function selectsAnyField(schema: GraphQLSchema, document: DocumentNode, coordinates: ReadonlySet<string>): boolean {
  if (coordinates.size === 0) return false;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent && coordinates.has(`${parent.name}.${node.name.value}`)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  }));
  return found;
}

/**
 * The contract's financial fields, read off a schema rather than listed:
 * every field whose type is Money (or a list of it) and every marginPercent.
 * Tests that compare them with what `financials:read` guards fail when a new
 * one is added without `@Financial()`.
 */
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';

/** `Type.field` coordinates, sorted. */
export function financialFields(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name === 'Money' || field.name === 'marginPercent') fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

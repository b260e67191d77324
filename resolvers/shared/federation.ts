import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type GraphQLSchema, isObjectType, isSpecifiedScalarType, Kind, parse, print, printSchema,
  type GraphQLResolveInfo,
} from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

/**
 * The one bridge from type-graphql to @apollo/subgraph (type-graphql's own
 * federation recipe); nothing else knows this recipe.
 *
 * 1. type-graphql builds a plain schema from the domain's resolver classes
 *    (`skipCheck`: a subgraph may have no Query field of its own).
 * 2. It is printed as SDL with the directives that `@Directive(...)` put on
 *    types and fields (graphql's printSchema drops them, so they are copied
 *    back from the types' AST nodes), under the Federation 2.7 `@link`.
 * 3. type-graphql's resolver map, plus the `__resolveReference` functions,
 *    goes with that SDL into `buildSubgraphSchema`, which adds `_entities`
 *    and `_service`.
 */

/** The Federation version and the directives a subgraph may use unqualified. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override", "@requiresScopes"])';

/** Resolves an entity representation `{ __typename, id }` for the gateway. */
export type ReferenceResolver = (reference: { __typename: string; id: string }, context: unknown, info: GraphQLResolveInfo) => unknown;

export interface FederatedSchemaOptions {
  /** Resolver instances, constructed with their dependencies; their classes are the schema's resolvers. */
  readonly resolvers: readonly object[];
  /** Types reachable only through `_entities` (stubs that add fields, owned entities without a root field). */
  readonly orphanedTypes?: readonly Function[];
  /** `__resolveReference` per entity type name. */
  readonly references: Readonly<Record<string, ReferenceResolver>>;
}

export interface FederatedSchema {
  /** The executable subgraph schema (with `_entities` and `_service`). */
  readonly schema: GraphQLSchema;
  /** The subgraph SDL with its federation directives, as @apollo/composition takes it. */
  readonly sdl: string;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const instances = new Map<Function, object>(options.resolvers.map((instance) => [instance.constructor, instance]));
  const classes = [...instances.keys()];
  if (classes.length === 0) throw new Error('buildFederatedSchema needs at least one resolver');
  const plain = await buildSchema({
    resolvers: classes as [Function, ...Function[]],
    orphanedTypes: [...(options.orphanedTypes ?? [])],
    container: {
      get(someClass: Function) {
        const instance = instances.get(someClass);
        if (!instance) throw new Error(`no instance of resolver ${someClass.name} was given to buildFederatedSchema`);
        return instance;
      },
    },
    skipCheck: true,
    validate: false,
  });

  const sdl = `${FEDERATION_LINK}\n\n${print(withDirectives(plain))}\n`;
  const resolvers = createResolversMap(plain) as Record<string, Record<string, unknown>>;
  for (const name of Object.keys(resolvers)) {
    const type = plain.getType(name);
    // Built-in scalars are graphql's own; buildSubgraphSchema brings them.
    if (type && isSpecifiedScalarType(type)) delete resolvers[name];
  }
  for (const [typeName, resolveReference] of Object.entries(options.references)) {
    if (!isObjectType(plain.getType(typeName))) throw new Error(`reference resolver for ${typeName}, which is not an object type of this subgraph`);
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  return { schema, sdl };
}

/** The schema as SDL, with the `@Directive`s of its object types and their fields; an empty Query is left out. */
function withDirectives(schema: GraphQLSchema): DocumentNode {
  const document = parse(printSchema(schema));
  const definitions = document.definitions.flatMap((definition): DefinitionNode[] => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return [definition];
    const type = schema.getType(definition.name.value);
    if (!isObjectType(type)) return [definition];
    if (type === schema.getQueryType() && Object.keys(type.getFields()).length === 0) return [];
    const fields = type.getFields();
    return [{
      ...definition,
      directives: [...(definition.directives ?? []), ...directivesOf(type.astNode)],
      fields: definition.fields?.map((field) => ({
        ...field,
        directives: [...(field.directives ?? []), ...directivesOf(fields[field.name.value]?.astNode)],
      })),
    }];
  });
  return { ...document, definitions };
}

function directivesOf(node: { readonly directives?: readonly ConstDirectiveNode[] } | null | undefined): readonly ConstDirectiveNode[] {
  return node?.directives ?? [];
}

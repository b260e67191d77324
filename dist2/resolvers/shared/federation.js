"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FEDERATION_LINK = void 0;
exports.buildFederatedSchema = buildFederatedSchema;
const subgraph_1 = require("@apollo/subgraph");
const graphql_1 = require("graphql");
const type_graphql_1 = require("type-graphql");
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
exports.FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
    'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';
async function buildFederatedSchema(options) {
    const instances = new Map(options.resolvers.map((instance) => [instance.constructor, instance]));
    const classes = [...instances.keys()];
    if (classes.length === 0)
        throw new Error('buildFederatedSchema needs at least one resolver');
    const plain = await (0, type_graphql_1.buildSchema)({
        resolvers: classes,
        orphanedTypes: [...(options.orphanedTypes ?? [])],
        container: {
            get(someClass) {
                const instance = instances.get(someClass);
                if (!instance)
                    throw new Error(`no instance of resolver ${someClass.name} was given to buildFederatedSchema`);
                return instance;
            },
        },
        skipCheck: true,
        validate: false,
    });
    const sdl = `${exports.FEDERATION_LINK}\n\n${(0, graphql_1.print)(withDirectives(plain))}\n`;
    const resolvers = (0, type_graphql_1.createResolversMap)(plain);
    for (const name of Object.keys(resolvers)) {
        const type = plain.getType(name);
        // Built-in scalars are graphql's own; buildSubgraphSchema brings them.
        if (type && (0, graphql_1.isSpecifiedScalarType)(type))
            delete resolvers[name];
    }
    for (const [typeName, resolveReference] of Object.entries(options.references)) {
        if (!(0, graphql_1.isObjectType)(plain.getType(typeName)))
            throw new Error(`reference resolver for ${typeName}, which is not an object type of this subgraph`);
        resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
    }
    const schema = (0, subgraph_1.buildSubgraphSchema)([{ typeDefs: (0, graphql_1.parse)(sdl), resolvers: resolvers }]);
    return { schema, sdl };
}
/** The schema as SDL, with the `@Directive`s of its object types and their fields; an empty Query is left out. */
function withDirectives(schema) {
    const document = (0, graphql_1.parse)((0, graphql_1.printSchema)(schema));
    const definitions = document.definitions.flatMap((definition) => {
        if (definition.kind !== graphql_1.Kind.OBJECT_TYPE_DEFINITION)
            return [definition];
        const type = schema.getType(definition.name.value);
        if (!(0, graphql_1.isObjectType)(type))
            return [definition];
        if (type === schema.getQueryType() && Object.keys(type.getFields()).length === 0)
            return [];
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
function directivesOf(node) {
    return node?.directives ?? [];
}
//# sourceMappingURL=federation.js.map
/**
 * Which fields need which scopes, read from the composed supergraph (or one
 * subgraph's SDL, for a subgraph process that holds the rule too): the
 * subgraphs declare it with the federation directive `@requiresScopes`
 * (resolvers/shared/requiresScopes.ts), composition carries each application
 * into the supergraph, and @apollo/gateway enforces none of it. The
 * operation guard (gateway/operationGuard.ts) enforces what this reads; there
 * is no list of fields kept by hand anywhere.
 *
 * @apollo/gateway rightly refuses to serve a supergraph that links a
 * security feature it does not enforce (`for: SECURITY`); the guard enforces
 * this one, so @apollo/gateway is handed the supergraph without it
 * ({@link withoutRequiredScopes}).
 *
 * `@requiresScopes(scopes: [["a", "b"], ["c"]])` means (a and b) or c. On a
 * field it guards that field; on a type (object, interface, scalar, enum) it
 * guards every field that returns the type. A field guarded more than once
 * needs every requirement.
 */
import {
  getNamedType, GraphQLError, isInterfaceType, isTypeDefinitionNode, isTypeExtensionNode, isObjectType, Kind, parse, print, visit, type ConstDirectiveNode,
  type ConstValueNode, type DocumentNode, type FieldNode, type GraphQLSchema,
} from 'graphql';

/** Alternatives, each a set of scopes that together satisfy the requirement. */
export type ScopeRequirement = readonly (readonly string[])[];

/** `Type.field` → what reading it needs (only guarded fields are present). */
export type RequiredScopes = ReadonlyMap<string, ScopeRequirement>;

const REQUIRES_SCOPES_SPEC = /^https:\/\/specs\.apollo\.dev\/requiresScopes\/v\d+\.\d+$/;
const FEDERATION_SPEC = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;

/**
 * The guarded fields of `apiSchema` (the schema clients see), from the
 * directive applications of `supergraphSdl`.
 * @throws when an application does not have the shape the spec gives it.
 */
export function requiredScopesOf(supergraphSdl: string, apiSchema: GraphQLSchema): RequiredScopes {
  const document = parse(supergraphSdl);
  const name = directiveName(document.definitions);
  const required = new Map<string, ScopeRequirement>();
  if (name === undefined) return required;
  const add = (coordinate: string, requirement: ScopeRequirement) => {
    const before = required.get(coordinate);
    required.set(coordinate, before ? both(before, requirement) : requirement);
  };
  const guardedTypes = new Map<string, ScopeRequirement>();
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const typeName = definition.name.value;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value === name) guardedTypes.set(typeName, both(guardedTypes.get(typeName) ?? [[]], requirementOf(directive, typeName)));
    }
    if (!('fields' in definition) || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        if (directive.name.value === name) add(coordinate, requirementOf(directive, coordinate));
      }
    }
  }
  if (guardedTypes.size > 0) {
    for (const type of Object.values(apiSchema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const requirement = guardedTypes.get(getNamedType(field.type).name);
        if (requirement) add(`${type.name}.${field.name}`, requirement);
      }
    }
  }
  // Only what clients can select (a field @inaccessible, or of a type not served, needs nothing here).
  for (const coordinate of required.keys()) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = apiSchema.getType(typeName);
    if (!(isObjectType(type) || isInterfaceType(type)) || !type.getFields()[fieldName]) required.delete(coordinate);
  }
  return required;
}

/**
 * The supergraph without the requiresScopes feature (its `@link`, its
 * directive and scalar definitions, every application), for @apollo/gateway
 * to execute once the guard has read the requirements.
 */
export function withoutRequiredScopes(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const name = directiveName(document.definitions);
  if (name === undefined) return supergraphSdl;
  const specOwned = (definitionName: string) => definitionName === name || definitionName.startsWith(`${name}__`);
  const stripped: DocumentNode = visit(document, {
    Directive(node) {
      if (node.name.value === name) return null;
      if (node.name.value === 'link' && isSpecLink(node as ConstDirectiveNode)) return null;
      return undefined;
    },
    DirectiveDefinition: (node) => (specOwned(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (specOwned(node.name.value) ? null : undefined),
  });
  return print(stripped);
}

/** Whether `scopes` satisfy `requirement` (one alternative wholly granted). */
export function satisfies(requirement: ScopeRequirement, scopes: ReadonlySet<string>): boolean {
  return requirement.some((alternative) => alternative.every((scope) => scopes.has(scope)));
}

/** One FORBIDDEN error per field of `selected` (coordinate → the node selecting it) whose requirement `scopes` do not satisfy. */
export function forbiddenFields(selected: ReadonlyMap<string, FieldNode>, required: RequiredScopes, scopes: ReadonlySet<string>): GraphQLError[] {
  const forbidden: GraphQLError[] = [];
  for (const [coordinate, node] of selected) {
    const requirement = required.get(coordinate);
    if (!requirement || satisfies(requirement, scopes)) continue;
    const scope = describeRequirement(requirement);
    forbidden.push(new GraphQLError(`${coordinate} needs the scope ${scope}, which the token does not grant`, {
      nodes: [node], extensions: { code: 'FORBIDDEN', field: coordinate, scope },
    }));
  }
  return forbidden;
}

/** `requirement` in words: `financials:read`, `a and b`, `a or (b and c)`. */
export function describeRequirement(requirement: ScopeRequirement): string {
  const alternatives = requirement.map((all) => all.join(' and '));
  return alternatives.length === 1 ? alternatives[0]! : alternatives.map((a) => (a.includes(' and ') ? `(${a})` : a)).join(' or ');
}

/**
 * The name the schema gives the directive: a supergraph links its spec
 * (`@link(url: "…/requiresScopes/v0.1", as: …)`), a subgraph imports it from
 * Federation (`@link(url: "…/federation/v2.7", import: ["@requiresScopes"])`,
 * or `{ name: "@requiresScopes", as: "@…" }`); undefined when it does neither.
 */
function directiveName(definitions: ReturnType<typeof parse>['definitions']): string | undefined {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (isSpecLink(link)) {
        const as = argument(link, 'as');
        return as?.kind === Kind.STRING ? as.value : 'requiresScopes';
      }
      const url = link.name.value === 'link' ? argument(link, 'url') : undefined;
      const imports = argument(link, 'import');
      if (url?.kind !== Kind.STRING || !FEDERATION_SPEC.test(url.value) || imports?.kind !== Kind.LIST) continue;
      for (const imported of imports.values) {
        if (imported.kind === Kind.STRING && imported.value === '@requiresScopes') return 'requiresScopes';
        if (imported.kind !== Kind.OBJECT) continue;
        const field = (name: string) => imported.fields.find((f) => f.name.value === name)?.value;
        const name = field('name');
        const as = field('as');
        if (name?.kind === Kind.STRING && name.value === '@requiresScopes') return as?.kind === Kind.STRING ? as.value.replace(/^@/, '') : 'requiresScopes';
      }
    }
  }
  return undefined;
}

function isSpecLink(directive: ConstDirectiveNode): boolean {
  const url = directive.name.value === 'link' ? argument(directive, 'url') : undefined;
  return url?.kind === Kind.STRING && REQUIRES_SCOPES_SPEC.test(url.value);
}

function requirementOf(directive: ConstDirectiveNode, where: string): ScopeRequirement {
  const scopes = argument(directive, 'scopes');
  const invalid = () => new Error(`@${directive.name.value} on ${where}: expected scopes: [[String!]!]!, got ${scopes ? JSON.stringify(scopes.kind) : 'none'}`);
  if (scopes?.kind !== Kind.LIST) throw invalid();
  return scopes.values.map((alternative) => {
    if (alternative.kind !== Kind.LIST) throw invalid();
    return alternative.values.map((scope) => {
      if (scope.kind !== Kind.STRING) throw invalid();
      return scope.value;
    });
  });
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** Both requirements: every pairing of their alternatives. */
function both(a: ScopeRequirement, b: ScopeRequirement): ScopeRequirement {
  return a.flatMap((x) => b.map((y) => [...new Set([...x, ...y])]));
}

/**
 * What one operation of a parsed, validated document selects, as the
 * operation guard weighs it (gateway/operationGuard.ts): the fields it reads
 * (by coordinate, `Project.margin`), how deep its selection nests, how many
 * aliases it writes, and what it costs for given variables.
 *
 * The walk follows fragment spreads and inline fragments from the operation
 * (fragments of the document that this operation does not use are not its
 * own), and each fragment is weighed once per operation: a fragment spread a
 * thousand times costs its weight a thousand times, but is walked once, so a
 * document cannot make the guard itself do exponential work. `@skip` and
 * `@include` are not evaluated: a field written is a field selected.
 *
 * A field selected on an interface or union reads the field of every type
 * that may stand there: its coordinate is the interface's, and those of each
 * possible type's field of that name.
 *
 * - depth: a root field is at depth 1, `{ project { customer { name } } }` is
 *   3. `__Type.ofType` adds none: the wrapping of one type (`[Project!]!` is
 *   three) selects one object, and every introspection query (the explorer's
 *   own) nests it nine times.
 * - introspection lists: how deep introspection's lists nest
 *   (`__schema { types { fields { args } } }` is 3). The schema is the same
 *   for every request, but `types { fields { type { fields { type { fields`
 *   multiplies it at every level: a dozen levels make billions of objects.
 *   Every introspection query reads a type's fields from `__schema.types`
 *   or `__type(name:)`, never nests more than 3.
 * - aliases: every `alias:` written in the operation and in each fragment it
 *   uses (a fragment counted once, however often it is spread).
 * - cost: each field 1, plus its selection's cost; the selection of a field
 *   with a `first` argument (a connection) counts `first` times (50 when not
 *   given, as the API pages).
 */
import {
  getNamedType, getNullableType, isAbstractType, isCompositeType, isListType, isObjectType, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode,
  SchemaMetaFieldDef, TypeMetaFieldDef, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode,
  type SelectionSetNode, type ValueNode,
} from 'graphql';

export interface OperationAnalysis {
  /** The deepest nesting of fields. */
  readonly depth: number;
  /** The deepest nesting of introspection's list fields (`__Schema.types`, `__Type.fields`, `__Field.args`, …). */
  readonly introspectionLists: number;
  /** Aliases written. */
  readonly aliases: number;
  /** Every field coordinate the operation reads, with the first node that selects it (for error locations). */
  readonly coordinates: ReadonlyMap<string, FieldNode>;
  /** The estimated cost with these variable values (defaults of the operation's variables apply). */
  cost(variables: Readonly<Record<string, unknown>> | null | undefined): number;
}

/** What a selection set (of the operation, or of one fragment) weighs, apart from its variables. */
interface Weight {
  depth: number;
  introspectionLists: number;
  coordinates: Map<string, FieldNode>;
  /** Fragments it spreads, directly or below. */
  fragments: Set<string>;
}

/**
 * Weighs `operation` of `document` (validated against `schema`: unknown fields
 * and types are skipped, not trusted); `defaultFirst` is what a connection
 * pages without `first` (the API's 50).
 */
export function analyzeOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, defaultFirst: number): OperationAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  const weights = new Map<string, Weight>();

  const fragmentWeight = (name: string): Weight | undefined => {
    const known = weights.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return undefined;
    // Validation refuses fragment cycles; this placeholder keeps a cycle that slipped through from recursing forever.
    weights.set(name, { depth: 0, introspectionLists: 0, coordinates: new Map(), fragments: new Set() });
    const weight = weigh(fragment.selectionSet, type);
    weights.set(name, weight);
    return weight;
  };

  const weigh = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): Weight => {
    const weight: Weight = { depth: 0, introspectionLists: 0, coordinates: new Map(), fragments: new Set() };
    const merge = (inner: Weight, extraDepth: number, extraLists: number) => {
      weight.depth = Math.max(weight.depth, inner.depth + extraDepth);
      weight.introspectionLists = Math.max(weight.introspectionLists, inner.introspectionLists + extraLists);
      for (const [coordinate, node] of inner.coordinates) if (!weight.coordinates.has(coordinate)) weight.coordinates.set(coordinate, node);
      for (const name of inner.fragments) weight.fragments.add(name);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const coordinate of coordinatesOf(schema, parent, name)) {
          if (!weight.coordinates.has(coordinate)) weight.coordinates.set(coordinate, selection);
        }
        const field = fieldOf(schema, parent, name);
        const own = parent.name === '__Type' && name === 'ofType' ? 0 : 1;
        const list = parent.name.startsWith('__') && field !== undefined && isListType(getNullableType(field.type)) ? 1 : 0;
        weight.depth = Math.max(weight.depth, own);
        weight.introspectionLists = Math.max(weight.introspectionLists, list);
        const type = field && getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(type)) merge(weigh(selection.selectionSet, type), own, list);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) merge(weigh(selection.selectionSet, type), 0, 0);
      } else {
        const name = selection.name.value;
        weight.fragments.add(name);
        const inner = fragmentWeight(name);
        if (inner) merge(inner, 0, 0);
      }
    }
    return weight;
  };

  const operationWeight: Weight = root ? weigh(operation.selectionSet, root) : { depth: 0, introspectionLists: 0, coordinates: new Map(), fragments: new Set() };
  let aliases = countAliases(operation.selectionSet);
  for (const name of operationWeight.fragments) {
    const fragment = fragments.get(name);
    if (fragment) aliases += countAliases(fragment.selectionSet);
  }

  return {
    depth: operationWeight.depth,
    introspectionLists: operationWeight.introspectionLists,
    aliases,
    coordinates: operationWeight.coordinates,
    cost(variables) {
      if (!root) return 0;
      const values: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        if (variables && name in variables) values[name] = variables[name];
        else if (definition.defaultValue?.kind === Kind.INT) values[name] = Number(definition.defaultValue.value);
      }
      const fragmentCosts = new Map<string, number>();
      const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
        let sum = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            const field = fieldOf(schema, parent, selection.name.value);
            const type = field && getNamedType(field.type);
            const below = selection.selectionSet && isCompositeType(type) ? costOf(selection.selectionSet, type) : 0;
            sum += 1 + below * pageSize(field, selection, values, defaultFirst);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
            if (isCompositeType(type)) sum += costOf(selection.selectionSet, type);
          } else {
            const name = selection.name.value;
            let cost = fragmentCosts.get(name);
            if (cost === undefined) {
              const fragment = fragments.get(name);
              const type = fragment && schema.getType(fragment.typeCondition.name.value);
              fragmentCosts.set(name, 0);
              cost = fragment && isCompositeType(type) ? costOf(fragment.selectionSet, type) : 0;
              fragmentCosts.set(name, cost);
            }
            sum += cost;
          }
        }
        return sum;
      };
      return costOf(operation.selectionSet, root);
    },
  };
}

/** The field `name` of a composite type, introspection's `__schema` and `__type` included (`__typename` has no selection). */
function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/** The coordinates a field selected on `parent` reads: its own, and on an abstract type each possible type's. */
function coordinatesOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): string[] {
  if (name.startsWith('__')) return [`${parent.name}.${name}`];
  const coordinates = [`${parent.name}.${name}`];
  if (isAbstractType(parent)) {
    for (const possible of schema.getPossibleTypes(parent)) {
      if (isObjectType(possible) && possible.getFields()[name]) coordinates.push(`${possible.name}.${name}`);
    }
  }
  return coordinates;
}

/** How many times a field's selection counts: its `first` when it pages, else once. */
function pageSize(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Readonly<Record<string, unknown>>, defaultFirst: number): number {
  if (!field?.args.some((a) => a.name === 'first')) return 1;
  const value = node.arguments?.find((a) => a.name.value === 'first')?.value;
  const first = value === undefined ? undefined : intOf(value, variables);
  return first === undefined ? defaultFirst : Math.max(0, first);
}

function intOf(value: ValueNode, variables: Readonly<Record<string, unknown>>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? given : undefined;
  }
  return undefined;
}

function countAliases(selectionSet: SelectionSetNode): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.alias) count++;
    // Fragment spreads are counted once each, by the caller; inline fragments are part of this text.
    if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) count += countAliases(selection.selectionSet);
  }
  return count;
}


/**
 * Turns the part of a subscription's selection that lies under `invoice` or
 * `project` into a standalone federated query (`invoice(id: $id) { ... }`),
 * keeping the client's aliases, fragments and variables, so the gateway's
 * normal query path resolves it across every subgraph.
 */
import {
  Kind, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo,
  type SelectionNode, type VariableDefinitionNode,
} from 'graphql';

export interface EntityQuery {
  /** The query text: `query($__entityId: ID!, ...) { entity: <rootField>(id: $__entityId) { ... } }`. */
  readonly text: string;
  /** Values of the client's variables the selection uses. */
  readonly variables: Record<string, unknown>;
  /** Identifies the query and its variable values: equal keys, equal results for one change. */
  readonly key: string;
}

export const ENTITY_ID_VARIABLE = '__entityId';
export const ENTITY_RESPONSE_KEY = 'entity';

const cache = new WeakMap<readonly FieldNode[], Map<string, { text: string; variableNames: string[] }>>();

/** The federated query for the selection below the field being resolved. */
export function entityQuery(info: GraphQLResolveInfo, rootField: 'invoice' | 'project'): EntityQuery {
  let byRoot = cache.get(info.fieldNodes);
  if (!byRoot) cache.set(info.fieldNodes, (byRoot = new Map()));
  let built = byRoot.get(rootField);
  if (!built) byRoot.set(rootField, (built = build(info, rootField)));
  const variables: Record<string, unknown> = {};
  for (const name of built.variableNames) variables[name] = info.variableValues[name];
  return { text: built.text, variables, key: `${built.text}\n${JSON.stringify(variables)}` };
}

function build(info: GraphQLResolveInfo, rootField: string): { text: string; variableNames: string[] } {
  const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = usedFragments(selections, info.fragments);
  const variableNames = usedVariables([...selections, ...fragments]);
  const definitions = new Map<string, VariableDefinitionNode>(
    (info.operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const declared = variableNames.map((name) => definitions.get(name)).filter((d): d is VariableDefinitionNode => d !== undefined);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as never,
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_ID_VARIABLE } },
            type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
          },
          ...declared,
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [{
            kind: Kind.FIELD,
            alias: { kind: Kind.NAME, value: ENTITY_RESPONSE_KEY },
            name: { kind: Kind.NAME, value: rootField },
            arguments: [{
              kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' },
              value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_ID_VARIABLE } },
            }],
            selectionSet: { kind: Kind.SELECTION_SET, selections },
          }],
        },
      },
      ...fragments,
    ],
  };
  return { text: print(document), variableNames: declared.map((d) => d.variable.name.value) };
}

/** Fragment definitions reachable from the selections, transitively. */
function usedFragments(selections: readonly SelectionNode[], all: Record<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const pending = [...selections];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        const fragment = all[name];
        if (fragment && !found.has(name)) {
          found.set(name, fragment);
          pending.push(...fragment.selectionSet.selections);
        }
      },
    });
  }
  return [...found.values()];
}

function usedVariables(nodes: readonly (SelectionNode | FragmentDefinitionNode)[]): string[] {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable(variable) { names.add(variable.name.value); } });
  return [...names];
}

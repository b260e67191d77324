/**
 * Turns the part of a subscription's selection that lies under `invoice` or
 * `project` into a standalone federated query (`e0: invoice(id: $__entityId0) { ... }`,
 * for one entity or a batch of them), keeping the client's aliases, fragments
 * and variables, so the gateway's normal query path resolves it across every
 * subgraph.
 */
import {
  Kind, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo,
  type SelectionNode, type VariableDefinitionNode,
} from 'graphql';

export interface EntityQuery {
  /** Values of the client's variables the selection uses. */
  readonly variables: Record<string, unknown>;
  /** Identifies the selection and its variable values: equal keys, equal results for one entity. */
  readonly key: string;
  /**
   * A query for `count` entities at once: `query($__entityId0: ID!, …) { e0: invoice(id: $__entityId0) { … } e1: … }`,
   * with the client's selection, aliases, fragments and variables under each.
   */
  textFor(count: number): string;
}

/** The variable holding the id of the i-th entity of a batch query. */
export const entityIdVariable = (index: number) => `__entityId${index}`;
/** The response key of the i-th entity of a batch query. */
export const entityResponseKey = (index: number) => `e${index}`;

interface Template {
  readonly rootField: string;
  readonly selections: readonly SelectionNode[];
  readonly fragments: readonly FragmentDefinitionNode[];
  readonly declared: readonly VariableDefinitionNode[];
  readonly texts: Map<number, string>;
  /** The one-entity text, which names the template in keys. */
  readonly name: string;
}

/**
 * Templates by the selection's first field node. graphql-js builds
 * `info.fieldNodes` anew on every execution, i.e. for every payload of every
 * subscriber, but its nodes are those of the parsed document, which every
 * execution of one subscription (and every subscriber sending the same text)
 * shares.
 */
const cache = new WeakMap<FieldNode, { operation: unknown; nodes: readonly FieldNode[]; byRoot: Map<string, Template> }[]>();

function templatesOf(info: GraphQLResolveInfo): Map<string, Template> {
  const nodes = info.fieldNodes;
  let entries = cache.get(nodes[0]!);
  if (!entries) cache.set(nodes[0]!, (entries = []));
  let entry = entries.find((e) => e.operation === info.operation && e.nodes.length === nodes.length && e.nodes.every((n, i) => n === nodes[i]));
  if (!entry) entries.push((entry = { operation: info.operation, nodes: [...nodes], byRoot: new Map() }));
  return entry.byRoot;
}

/** The federated query for the selection below the field being resolved. */
export function entityQuery(info: GraphQLResolveInfo, rootField: 'invoice' | 'project'): EntityQuery {
  const byRoot = templatesOf(info);
  let template = byRoot.get(rootField);
  if (!template) byRoot.set(rootField, (template = build(info, rootField)));
  const variables: Record<string, unknown> = {};
  for (const definition of template.declared) variables[definition.variable.name.value] = info.variableValues[definition.variable.name.value];
  const built = template;
  return { variables, key: `${built.name}\n${JSON.stringify(variables)}`, textFor: (count) => textFor(built, count) };
}

function build(info: GraphQLResolveInfo, rootField: string): Template {
  const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = usedFragments(selections, info.fragments);
  const variableNames = usedVariables([...selections, ...fragments]);
  const definitions = new Map<string, VariableDefinitionNode>(
    (info.operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const declared = variableNames.map((name) => definitions.get(name)).filter((d): d is VariableDefinitionNode => d !== undefined);
  const template: Template = { rootField, selections, fragments, declared, texts: new Map(), name: '' };
  return { ...template, name: textFor(template, 1) };
}

function textFor(template: Template, count: number): string {
  let text = template.texts.get(count);
  if (text) return text;
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const ids = Array.from({ length: count }, (_, i) => i);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as never,
        variableDefinitions: [
          ...ids.map((i) => ({
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: name(entityIdVariable(i)) },
            type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
          }) as VariableDefinitionNode),
          ...template.declared,
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: ids.map((i) => ({
            kind: Kind.FIELD,
            alias: name(entityResponseKey(i)),
            name: name(template.rootField),
            arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(entityIdVariable(i)) } }],
            selectionSet: { kind: Kind.SELECTION_SET, selections: template.selections },
          }) as FieldNode),
        },
      },
      ...template.fragments,
    ],
  };
  text = print(document);
  template.texts.set(count, text);
  return text;
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

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.entityResponseKey = exports.entityIdVariable = void 0;
exports.entityQuery = entityQuery;
/**
 * Turns the part of a subscription's selection that lies under `invoice` or
 * `project` into a standalone federated query (`e0: invoice(id: $__entityId0) { ... }`,
 * for one entity or a batch of them), keeping the client's aliases, fragments
 * and variables, so the gateway's normal query path resolves it across every
 * subgraph.
 */
const graphql_1 = require("graphql");
/** The variable holding the id of the i-th entity of a batch query. */
const entityIdVariable = (index) => `__entityId${index}`;
exports.entityIdVariable = entityIdVariable;
/** The response key of the i-th entity of a batch query. */
const entityResponseKey = (index) => `e${index}`;
exports.entityResponseKey = entityResponseKey;
/**
 * Templates by the selection's first field node. graphql-js builds
 * `info.fieldNodes` anew on every execution, i.e. for every payload of every
 * subscriber, but its nodes are those of the parsed document, which every
 * execution of one subscription (and every subscriber sending the same text)
 * shares.
 */
const cache = new WeakMap();
function templatesOf(info) {
    const nodes = info.fieldNodes;
    let entries = cache.get(nodes[0]);
    if (!entries)
        cache.set(nodes[0], (entries = []));
    let entry = entries.find((e) => e.operation === info.operation && e.nodes.length === nodes.length && e.nodes.every((n, i) => n === nodes[i]));
    if (!entry)
        entries.push((entry = { operation: info.operation, nodes: [...nodes], byRoot: new Map() }));
    return entry.byRoot;
}
/** The federated query for the selection below the field being resolved. */
function entityQuery(info, rootField) {
    const byRoot = templatesOf(info);
    let template = byRoot.get(rootField);
    if (!template)
        byRoot.set(rootField, (template = build(info, rootField)));
    const variables = {};
    for (const definition of template.declared)
        variables[definition.variable.name.value] = info.variableValues[definition.variable.name.value];
    const built = template;
    return { variables, key: `${built.name}\n${JSON.stringify(variables)}`, textFor: (count) => textFor(built, count) };
}
function build(info, rootField) {
    const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
    const fragments = usedFragments(selections, info.fragments);
    const variableNames = usedVariables([...selections, ...fragments]);
    const definitions = new Map((info.operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
    const declared = variableNames.map((name) => definitions.get(name)).filter((d) => d !== undefined);
    const template = { rootField, selections, fragments, declared, texts: new Map(), name: '' };
    return { ...template, name: textFor(template, 1) };
}
function textFor(template, count) {
    let text = template.texts.get(count);
    if (text)
        return text;
    const name = (value) => ({ kind: graphql_1.Kind.NAME, value });
    const ids = Array.from({ length: count }, (_, i) => i);
    const document = {
        kind: graphql_1.Kind.DOCUMENT,
        definitions: [
            {
                kind: graphql_1.Kind.OPERATION_DEFINITION,
                operation: 'query',
                variableDefinitions: [
                    ...ids.map((i) => ({
                        kind: graphql_1.Kind.VARIABLE_DEFINITION,
                        variable: { kind: graphql_1.Kind.VARIABLE, name: name((0, exports.entityIdVariable)(i)) },
                        type: { kind: graphql_1.Kind.NON_NULL_TYPE, type: { kind: graphql_1.Kind.NAMED_TYPE, name: name('ID') } },
                    })),
                    ...template.declared,
                ],
                selectionSet: {
                    kind: graphql_1.Kind.SELECTION_SET,
                    selections: ids.map((i) => ({
                        kind: graphql_1.Kind.FIELD,
                        alias: name((0, exports.entityResponseKey)(i)),
                        name: name(template.rootField),
                        arguments: [{ kind: graphql_1.Kind.ARGUMENT, name: name('id'), value: { kind: graphql_1.Kind.VARIABLE, name: name((0, exports.entityIdVariable)(i)) } }],
                        selectionSet: { kind: graphql_1.Kind.SELECTION_SET, selections: template.selections },
                    })),
                },
            },
            ...template.fragments,
        ],
    };
    text = (0, graphql_1.print)(document);
    template.texts.set(count, text);
    return text;
}
/** Fragment definitions reachable from the selections, transitively. */
function usedFragments(selections, all) {
    const found = new Map();
    const pending = [...selections];
    while (pending.length > 0) {
        (0, graphql_1.visit)(pending.pop(), {
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
function usedVariables(nodes) {
    const names = new Set();
    for (const node of nodes)
        (0, graphql_1.visit)(node, { Variable(variable) { names.add(variable.name.value); } });
    return [...names];
}
//# sourceMappingURL=federatedSelection.js.map
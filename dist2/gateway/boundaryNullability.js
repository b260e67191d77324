"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.relaxBoundaryNullability = relaxBoundaryNullability;
exports.entityOwners = entityOwners;
/**
 * Boundary nullability: where the supergraph served to clients lets a field be
 * null, so that one failed subgraph nulls only its own fields.
 *
 * Why: @apollo/gateway shapes the final response with the usual GraphQL rule
 * (gateway/resultShaping.js, `computeResponse`): a field that a failed fetch
 * left missing becomes null, and a null in a non-null position bubbles up to
 * the nearest nullable ancestor. With the contract's types as they are
 * (`Invoice.customer: Customer!`, `Customer.name: String!`, `nodes: [Invoice!]!`,
 * `invoices: InvoiceConnection!`), the customer subgraph being down turns
 * `{ invoices { nodes { netTotal { amount } customer { name } } } }` into
 * `data: null`: billing's answer is thrown away with customer's failure.
 *
 * The rule, applied to each subgraph's SDL before composition (the subgraphs
 * themselves keep the contract's types, which hold for every answer they give):
 * a field becomes nullable (its outer `!` dropped) when its value can come from
 * a different fetch than its parent object's, that is
 * - a root field of `Query` (one failed root fetch must not null its siblings);
 * - a field that one subgraph adds to an entity another subgraph owns
 *   (revenue's `Project.margin`, billing's `Customer.outstandingBalance`);
 * - a field whose type is an entity owned by another subgraph (billing's
 *   `Invoice.customer`: when customer is down, the customer is null, the
 *   invoice keeps its figures).
 * Key fields and `@external` fields are never changed. The owner of an entity
 * type is the subgraph with a root `Query` field returning that type or a list
 * of it (`customer(id:): Customer` in customer, not `customers:
 * CustomerConnection!`); a type with no such single subgraph has no owner and
 * its fields are left as they are.
 * Every field keeps its name, arguments and inner types (`[Money!]!` becomes
 * `[Money!]`); see docs/graphql.md for the list and the trade-off.
 */
const graphql_1 = require("graphql");
const KEY_DIRECTIVES = new Set(['key', 'federation__key']);
const EXTERNAL_DIRECTIVES = new Set(['external', 'federation__external']);
/**
 * Returns the subgraphs' documents with boundary fields made nullable, and
 * the list of fields changed (in subgraph, type, field order).
 */
function relaxBoundaryNullability(subgraphs) {
    const owners = entityOwners(subgraphs);
    const relaxed = [];
    const out = subgraphs.map((subgraph) => {
        const entities = entityTypes(subgraph.typeDefs);
        const typeDefs = (0, graphql_1.visit)(subgraph.typeDefs, {
            enter(node) {
                if (node.kind !== graphql_1.Kind.OBJECT_TYPE_DEFINITION && node.kind !== graphql_1.Kind.OBJECT_TYPE_EXTENSION)
                    return undefined;
                const parent = node.name.value;
                const keyFields = keyFieldNames(node, subgraph.typeDefs);
                const parentOwner = owners.get(parent);
                const fields = node.fields?.map((field) => {
                    if (field.type.kind !== graphql_1.Kind.NON_NULL_TYPE)
                        return field;
                    if (keyFields.has(field.name.value) || hasDirective(field, EXTERNAL_DIRECTIVES))
                        return field;
                    const target = namedType(field.type);
                    const targetOwner = owners.get(target);
                    let reason;
                    if (parent === 'Query')
                        reason = 'root field';
                    else if (entities.has(parent) && parentOwner !== undefined && parentOwner !== subgraph.name)
                        reason = 'added to a foreign entity';
                    else if (targetOwner !== undefined && targetOwner !== subgraph.name)
                        reason = 'reference to a foreign entity';
                    if (!reason)
                        return field;
                    relaxed.push({ subgraph: subgraph.name, type: parent, field: field.name.value, reason });
                    return { ...field, type: field.type.type };
                });
                return { ...node, fields };
            },
        });
        return { name: subgraph.name, typeDefs };
    });
    relaxed.sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.type.localeCompare(b.type) || a.field.localeCompare(b.field));
    return { subgraphs: out, relaxed };
}
/** Entity type name -> the one subgraph with a root `Query` field returning that type or a list of it. */
function entityOwners(subgraphs) {
    const candidates = new Map();
    for (const subgraph of subgraphs) {
        const entities = entityTypes(subgraph.typeDefs);
        for (const node of objectNodes(subgraph.typeDefs, 'Query')) {
            for (const field of node.fields ?? []) {
                const type = namedType(field.type);
                if (!entities.has(type))
                    continue;
                const set = candidates.get(type) ?? new Set();
                set.add(subgraph.name);
                candidates.set(type, set);
            }
        }
    }
    const owners = new Map();
    for (const [type, names] of candidates)
        if (names.size === 1)
            owners.set(type, [...names][0]);
    return owners;
}
function entityTypes(doc) {
    const names = new Set();
    for (const def of doc.definitions) {
        if ((def.kind === graphql_1.Kind.OBJECT_TYPE_DEFINITION || def.kind === graphql_1.Kind.OBJECT_TYPE_EXTENSION) && hasDirective(def, KEY_DIRECTIVES)) {
            names.add(def.name.value);
        }
    }
    return names;
}
function objectNodes(doc, name) {
    return doc.definitions.filter((def) => (def.kind === graphql_1.Kind.OBJECT_TYPE_DEFINITION || def.kind === graphql_1.Kind.OBJECT_TYPE_EXTENSION) && def.name.value === name);
}
/** Top-level field names of every `@key(fields: ...)` of the type (in any of its definitions in this document). */
function keyFieldNames(node, doc) {
    const names = new Set();
    for (const def of objectNodes(doc, node.name.value)) {
        for (const directive of def.directives ?? []) {
            if (!KEY_DIRECTIVES.has(directive.name.value))
                continue;
            const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
            if (fields?.kind !== graphql_1.Kind.STRING)
                continue;
            // Top-level names only: drop nested selections `{ ... }`.
            let depth = 0;
            let top = '';
            for (const ch of fields.value) {
                if (ch === '{')
                    depth++;
                else if (ch === '}')
                    depth--;
                else if (depth === 0)
                    top += ch;
            }
            for (const word of top.split(/[\s,]+/))
                if (word)
                    names.add(word);
        }
    }
    return names;
}
function hasDirective(node, names) {
    return (node.directives ?? []).some((d) => names.has(d.name.value));
}
function namedType(type) {
    return type.kind === graphql_1.Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
//# sourceMappingURL=boundaryNullability.js.map
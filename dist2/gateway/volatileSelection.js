"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.selectsAnyField = selectsAnyField;
/**
 * Whether an operation selects a field whose answer can change without a
 * read-model commit (`InvoiceException.ageHours` moves with the clock,
 * `Query.ingestStatus` with every event ingest accepts): such an answer must
 * not be served again from the response cache, whose entries live as long as
 * the read model's position does.
 */
const graphql_1 = require("graphql");
/** True when `document` selects any of `coordinates` (`Type.field`), in any operation or fragment of it. */
function selectsAnyField(schema, document, coordinates) {
    if (coordinates.size === 0)
        return false;
    const typeInfo = new graphql_1.TypeInfo(schema);
    let found = false;
    (0, graphql_1.visit)(document, (0, graphql_1.visitWithTypeInfo)(typeInfo, {
        Field(node) {
            const parent = typeInfo.getParentType();
            if (parent && coordinates.has(`${parent.name}.${node.name.value}`)) {
                found = true;
                return graphql_1.BREAK;
            }
            return undefined;
        },
    }));
    return found;
}
//# sourceMappingURL=volatileSelection.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nulCharacterPlugin = void 0;
const graphql_1 = require("graphql");
const NUL = '\u0000';
function holdsNul(value) {
    if (typeof value === 'string')
        return value.includes(NUL);
    if (Array.isArray(value))
        return value.some(holdsNul);
    if (value !== null && typeof value === 'object')
        return Object.values(value).some(holdsNul);
    return false;
}
/** The name of the first argument whose string literal holds a NUL, if any. */
function literalWithNul(document) {
    let found;
    (0, graphql_1.visit)(document, {
        Argument(node) {
            if (found !== undefined)
                return false;
            let inside = false;
            (0, graphql_1.visit)(node.value, { [graphql_1.Kind.STRING]: (value) => { if (value.value.includes(NUL))
                    inside = true; } });
            if (inside)
                found = node.name.value;
            return undefined;
        },
    });
    return found;
}
exports.nulCharacterPlugin = {
    async requestDidStart() {
        return {
            async didResolveOperation(context) {
                const variable = Object.entries(context.request.variables ?? {}).find(([, value]) => holdsNul(value))?.[0];
                const argument = variable === undefined ? literalWithNul(context.document) : undefined;
                if (variable === undefined && argument === undefined)
                    return;
                const where = variable !== undefined ? `variable $${variable}` : `argument ${argument}`;
                throw new graphql_1.GraphQLError(`expected text without NUL characters (\\u0000), got one in ${where}`, {
                    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
                });
            },
        };
    },
};
//# sourceMappingURL=nulCharacterPlugin.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.installSharedEmptyArguments = installSharedEmptyArguments;
const moduleExports_1 = require("../gateway/moduleExports");
const SHARED_EMPTY = Symbol('servicegraph shared empty arguments');
const NO_ARGUMENTS = Object.freeze(Object.create(null));
/**
 * Installs the shared empty arguments in the process's graphql (once).
 * @returns whether they are in place (false: graphql is not shaped as expected, nothing changed).
 */
function installSharedEmptyArguments() {
    return (0, moduleExports_1.wrapModuleExport)('graphql/execution/values', 'getArgumentValues', SHARED_EMPTY, (original) => (def, ...rest) => (def.args.length === 0 ? NO_ARGUMENTS : original(def, ...rest)));
}
//# sourceMappingURL=fieldArguments.js.map
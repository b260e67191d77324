"use strict";
/**
 * Wraps a function that a dependency's CommonJS module exports, in place, once:
 * for the few per-request costs of @apollo/gateway and graphql-js that they
 * take no option for (gateway/operationCache.ts, subgraphs/fieldArguments.ts).
 * Their callers read the export from the module object at each call
 * (`(0, module_1.fn)(…)`), so the wrapper is what they call from then on.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.wrapModuleExport = wrapModuleExport;
/**
 * Replaces `exportName` of the module `modulePath` by `wrap(original)`, unless
 * `marker` shows it was done already.
 * @returns whether the wrapper is in place (false: no such module or function; nothing changed).
 */
function wrapModuleExport(modulePath, exportName, marker, wrap) {
    let exported;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        exported = require(modulePath);
    }
    catch {
        return false;
    }
    const original = exported[exportName];
    if (typeof original !== 'function')
        return false;
    if (original[marker])
        return true;
    const wrapped = wrap(original);
    Object.defineProperty(wrapped, marker, { value: true });
    exported[exportName] = wrapped;
    return true;
}
//# sourceMappingURL=moduleExports.js.map
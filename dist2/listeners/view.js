"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NeedsLoad = void 0;
/** Thrown by a {@link ReadView} for rows it has not loaded yet. */
class NeedsLoad extends Error {
    constructor(keys) {
        super(`needs ${keys.join(', ')}`);
        this.keys = keys;
    }
}
exports.NeedsLoad = NeedsLoad;
//# sourceMappingURL=view.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveProjectReference = resolveProjectReference;
/** `Project` by key: null for an unknown project; its figures come with the same batched row read. */
function resolveProjectReference(loadersFor) {
    return async (reference, context) => ((await loadersFor(context).projectRevenue.load(reference.id)) ? { id: reference.id } : null);
}
//# sourceMappingURL=project.reference.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveProjectReference = resolveProjectReference;
/** `Project` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
function resolveProjectReference(loadersFor) {
    return (reference, context) => loadersFor(context).project.load(reference.id);
}
//# sourceMappingURL=project.reference.js.map
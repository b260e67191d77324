"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SharedPayload = void 0;
class SharedPayload {
    constructor(change, result) {
        this.change = change;
        this.result = result;
    }
    /** The result as JSON (UTF-8), made on first use and shared: a transport copies these bytes, it never re-serializes. */
    get json() {
        if (!this.serialized) {
            // graphql-ws's own shape for a `next` payload: data first, errors only when there are any.
            const { errors, ...withoutErrors } = this.result;
            this.serialized = Buffer.from(JSON.stringify(errors ? { ...withoutErrors, errors: errors.map((e) => e.toJSON()) } : withoutErrors));
        }
        return this.serialized;
    }
}
exports.SharedPayload = SharedPayload;
//# sourceMappingURL=sharedPayload.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.responseCachePlugin = responseCachePlugin;
const volatileSelection_1 = require("./volatileSelection");
function responseCachePlugin(volatileFields) {
    // Apollo Server reuses the parsed document of a query text it has seen: decide once per document.
    const volatileDocuments = new WeakMap();
    return {
        async requestDidStart() {
            return {
                async willSendResponse({ contextValue, response, document, operation, schema }) {
                    const status = response.http.status ?? 200;
                    if (response.body.kind !== 'single' || response.body.singleResult.errors?.length || status !== 200
                        || !document || operation?.operation !== 'query') {
                        contextValue.responseCacheability.verdict = 'uncacheable';
                        return;
                    }
                    let volatile = volatileDocuments.get(document);
                    if (volatile === undefined) {
                        volatile = (0, volatileSelection_1.selectsAnyField)(schema, document, volatileFields);
                        volatileDocuments.set(document, volatile);
                    }
                    contextValue.responseCacheability.verdict = volatile ? 'volatile' : 'cacheable';
                },
            };
        },
    };
}
//# sourceMappingURL=responseCachePlugin.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startIngestHarness = startIngestHarness;
/** A disposable ingest server on a fresh migrated database, for the ingest integration tests. */
const server_1 = require("../../ingest/server");
const testDatabase_1 = require("./testDatabase");
async function startIngestHarness() {
    const db = await (0, testDatabase_1.createTestDatabase)();
    const server = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${server.port}`;
    const request = async (method, path, init = {}) => {
        const response = await fetch(baseUrl + path, { ...init, method });
        const text = await response.text();
        return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
    };
    return {
        db,
        server,
        baseUrl,
        request,
        post: (body, contentType = 'application/json') => request('POST', '/events', { headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
        async close() {
            await server.close();
            await db.drop();
        },
    };
}
//# sourceMappingURL=ingestHarness.js.map
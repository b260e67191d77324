"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_JWT = void 0;
exports.accessSettings = accessSettings;
exports.startAccessHub = startAccessHub;
/**
 * A hub whose doors ask for tokens, for access tests: a fresh database, the
 * ingest server (its own thread, verifying tokens there), and the gateway
 * with the four subgraphs in process, subscriptions (graphql-ws, graphql-sse)
 * and the live page, all behind the same access settings, refusals recorded
 * in the database's audit log.
 */
const auditLog_1 = require("../../access/auditLog");
const doors_1 = require("../../access/doors");
const gateway_1 = require("../../gateway/gateway");
const server_1 = require("../../ingest/server");
const liveExtension_1 = require("../../live/liveExtension");
const subgraphs_1 = require("../../subgraphs");
const testDatabase_1 = require("./testDatabase");
const tokens_1 = require("./tokens");
/** HS256 with the test secret, issuer and audience checked. */
exports.TEST_JWT = { mode: 'jwt', key: { kind: 'secret', secret: tokens_1.TEST_SECRET }, issuer: tokens_1.TEST_ISSUER, audience: tokens_1.TEST_AUDIENCE };
function accessSettings(overrides = {}) {
    return { auth: exports.TEST_JWT, origins: { corsOrigins: [], allowedHosts: ['localhost', '127.0.0.1', '[::1]'] }, rateLimitPerMinute: 0, ...overrides };
}
async function startAccessHub(access = accessSettings(), options = {}) {
    const db = await (0, testDatabase_1.createTestDatabase)();
    let ingest;
    let gateway;
    const audit = new auditLog_1.AuditLog(db.pool);
    const close = async () => {
        await gateway?.close();
        await ingest?.close();
        await audit.close();
        await db.drop();
    };
    try {
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0, access });
        if (options.gateway !== false) {
            const subgraphs = await (0, subgraphs_1.createSubgraphs)({ pool: db.pool });
            gateway = await (0, gateway_1.startGateway)({
                subgraphs, host: '127.0.0.1', port: 0, doors: await doors_1.Doors.create(access, audit),
                extensions: [(0, liveExtension_1.liveExtension)({ pool: db.pool, databaseUrl: db.url, pollMs: 50 })],
            });
        }
        return {
            db,
            ingestUrl: `http://127.0.0.1:${ingest.port}`,
            graphqlUrl: gateway?.url ?? '',
            wsUrl: gateway?.url.replace(/^http/, 'ws') ?? '',
            flushAudit: () => audit.flush(),
            close,
        };
    }
    catch (error) {
        await close();
        throw error;
    }
}
//# sourceMappingURL=accessHub.js.map
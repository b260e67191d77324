"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDoors = openDoors;
const auditLog_1 = require("../access/auditLog");
const doors_1 = require("../access/doors");
async function openDoors(config, pool, log) {
    const audit = pool ? new auditLog_1.AuditLog(pool, { onError: (message) => log.warn(message) }) : undefined;
    const doors = await doors_1.Doors.create(config.access, audit ?? auditLog_1.NO_AUDIT);
    if (config.access.auth.mode === 'off') {
        log.warn(`access: AUTH=off: every request is granted every scope, without a token (listening on ${config.host}); set AUTH=jwt to require tokens (docs/api.md, Access)`);
    }
    return { doors, audit: audit ?? auditLog_1.NO_AUDIT, close: async () => audit?.close() };
}
//# sourceMappingURL=doors.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Doors = exports.PROBE_PATHS = void 0;
exports.clientAddress = clientAddress;
const accessError_1 = require("./accessError");
const authenticator_1 = require("./authenticator");
const origins_1 = require("./origins");
const rateLimit_1 = require("./rateLimit");
const settings_1 = require("./settings");
/**
 * Liveness and readiness probes: answered without a token and under any Host
 * (orchestrators probe a container by its address); they tell nothing of the
 * hub's data.
 */
exports.PROBE_PATHS = new Set(['/health', '/healthz', '/readyz']);
class Doors {
    constructor(settings, authenticator, rateLimit, audit) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
        this.audit = audit;
    }
    static async create(settings, audit) {
        return new Doors(settings, await (0, authenticator_1.createAuthenticator)(settings.auth), (0, rateLimit_1.createRateLimit)(settings.rateLimitPerMinute), audit);
    }
    /** Every request granted, nothing recorded: for code run without access settings (tests of other things). */
    static open(audit) {
        return new Doors(settings_1.OPEN_ACCESS, authenticator_1.OPEN_AUTHENTICATOR, rateLimit_1.NO_RATE_LIMIT, audit);
    }
    /** Steps 1 and 2, for every request of the port (health checks too). Throws the 403s. */
    front(req, door) {
        try {
            (0, origins_1.checkHost)(this.settings.origins, req.headers);
            return (0, origins_1.corsHeaders)(this.settings.origins, req.headers, (req.method ?? 'GET').toUpperCase());
        }
        catch (error) {
            throw this.refused(req, door, error, null);
        }
    }
    /** Step 1 and the origin rule of WebSocket upgrades and event streams (which CORS does not hold back). */
    frontOfStream(req, door) {
        try {
            (0, origins_1.checkHost)(this.settings.origins, req.headers);
            (0, origins_1.checkStreamOrigin)(this.settings.origins, req.headers);
        }
        catch (error) {
            throw this.refused(req, door, error, null);
        }
    }
    /**
     * Step 3: the request's principal, once it is known to hold `scope` (none:
     * any valid token) and to be within the rate limit. `authorization` is the
     * credential when it does not come in the request's header (graphql-ws's
     * `connection_init`).
     */
    async admit(req, door, scope, authorization = req.headers.authorization) {
        let principal = null;
        try {
            principal = await this.authenticator.authenticate(authorization);
            await this.rateLimit.take(principal, clientAddress(req));
            if (scope !== undefined)
                (0, authenticator_1.requireScope)(principal, scope, door);
            return principal;
        }
        catch (error) {
            throw this.refused(req, door, error, principal);
        }
    }
    /** Records a refusal in the audit log; returns the error to throw. */
    refused(req, door, error, principal, status) {
        if (!(error instanceof accessError_1.AccessError))
            return error;
        this.audit.record({
            kind: 'refused', door, subject: principal?.subject ?? null, client: clientAddress(req) ?? null,
            status: status ?? error.status, reason: `${error.code}: ${error.message}`,
        });
        return error;
    }
}
exports.Doors = Doors;
function clientAddress(req) {
    return req.socket?.remoteAddress;
}
//# sourceMappingURL=doors.js.map
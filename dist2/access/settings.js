"use strict";
/**
 * How the hub decides who is asking (docs/api.md, "Access"): the settings read
 * from the environment by config/config.ts, as plain data, so that they can be
 * handed to the ingest thread as they are.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOOPBACK_HOST_NAMES = exports.OPEN_ACCESS = void 0;
exports.isLoopbackHost = isLoopbackHost;
/** Every request gets every scope, any origin rule aside: what tests and benchmarks that do not test access run with. */
exports.OPEN_ACCESS = Object.freeze({
    auth: Object.freeze({ mode: 'off' }),
    origins: Object.freeze({ corsOrigins: [], allowedHosts: null }),
    rateLimitPerMinute: 0,
});
/** Whether `host` (a HOST value: name or address, IPv6 with or without brackets) is a loopback interface only. */
function isLoopbackHost(host) {
    const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}
/** The host names a hub on loopback answers to unless ALLOWED_HOSTS says otherwise. */
exports.LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];
//# sourceMappingURL=settings.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TOKEN_USAGE = void 0;
exports.runTokenCommand = runTokenCommand;
/**
 * `servicegraph token --scope "…" [--legal-entities A,B] [--sources /psa/] [--ttl 1h] [--sub name]`:
 * prints a development token signed with AUTH_JWT_SECRET (HS256), with
 * AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when they are set, so the hub of the
 * same configuration accepts it.
 */
const node_util_1 = require("node:util");
const mintToken_1 = require("../access/mintToken");
const principal_1 = require("../access/principal");
const config_1 = require("../config/config");
const graphql_1 = require("./graphql");
exports.TOKEN_USAGE = `usage: servicegraph token --scope "graph:read financials:read" [options]
  --scope S            space-separated scopes: ${principal_1.SCOPES.join(', ')}
  --legal-entities L   comma-separated legal entity ids the token sees (default: every one; "" = none)
  --sources P          comma-separated CloudEvents source prefixes it may send (default: any)
  --ttl D              lifetime: 90s, 15m, 1h, 7d (default 1h)
  --sub NAME           the token's subject, named in the audit log (default: developer)
needs AUTH_JWT_SECRET (at least 32 bytes), e.g. AUTH_JWT_SECRET=$(openssl rand -base64 48)`;
async function runTokenCommand(argv) {
    let values;
    try {
        ({ values } = (0, node_util_1.parseArgs)({
            args: [...argv], allowPositionals: false, strict: true,
            options: {
                scope: { type: 'string' }, 'legal-entities': { type: 'string' }, sources: { type: 'string' },
                ttl: { type: 'string', default: '1h' }, sub: { type: 'string', default: 'developer' }, help: { type: 'boolean', short: 'h' },
            },
        }));
    }
    catch (error) {
        throw new graphql_1.UsageError(`${error.message}\n${exports.TOKEN_USAGE}`);
    }
    if (values.help) {
        process.stdout.write(`${exports.TOKEN_USAGE}\n`);
        return 0;
    }
    if (values.scope === undefined)
        throw new graphql_1.UsageError(`servicegraph token needs --scope\n${exports.TOKEN_USAGE}`);
    const scopes = values.scope.split(/\s+/).filter((s) => s !== '');
    const unknown = scopes.filter((s) => !principal_1.SCOPES.includes(s));
    if (unknown.length > 0)
        throw new graphql_1.UsageError(`--scope: expected scopes among ${principal_1.SCOPES.join(', ')}, got ${unknown.map((s) => JSON.stringify(s)).join(', ')}`);
    const ttlSeconds = (0, mintToken_1.parseDuration)(values.ttl);
    if (ttlSeconds === undefined)
        throw new graphql_1.UsageError(`--ttl: expected a duration such as 90s, 15m, 1h or 7d, got ${JSON.stringify(values.ttl)}`);
    const list = (text) => (text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s !== ''));
    const config = (0, config_1.loadConfig)({ ...process.env, AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: undefined, AUTH_JWKS_URL: undefined });
    const auth = config.access.auth;
    if (auth.mode !== 'jwt' || auth.key.kind !== 'secret')
        throw new Error('unreachable: AUTH=jwt with AUTH_JWT_SECRET was loaded');
    const token = await (0, mintToken_1.mintToken)(auth.key.secret, {
        subject: values.sub, scopes, legalEntities: list(values['legal-entities']), sources: list(values.sources), ttlSeconds,
        issuer: auth.issuer, audience: auth.audience,
    });
    process.stdout.write(`${token}\n`);
    return 0;
}
//# sourceMappingURL=token.js.map
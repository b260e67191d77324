/**
 * `servicegraph token --scope "…" [--legal-entities A,B] [--sources /psa/] [--ttl 1h] [--sub name]`:
 * prints a development token signed with AUTH_JWT_SECRET (HS256), with
 * AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when they are set, so the hub of the
 * same configuration accepts it.
 */
import { parseArgs } from 'node:util';
import { mintToken, parseDuration } from '../access/mintToken';
import { SCOPES } from '../access/principal';
import { loadConfig } from '../config/config';
import { UsageError } from './graphql';

export const TOKEN_USAGE = `usage: servicegraph token --scope "graph:read financials:read" [options]
  --scope S            space-separated scopes: ${SCOPES.join(', ')}
  --legal-entities L   comma-separated legal entity ids the token sees (default: every one; "" = none)
  --sources P          comma-separated CloudEvents source prefixes it may send (default: any)
  --ttl D              lifetime: 90s, 15m, 1h, 7d (default 1h)
  --sub NAME           the token's subject, named in the audit log (default: developer)
needs AUTH_JWT_SECRET (at least 32 bytes), e.g. AUTH_JWT_SECRET=$(openssl rand -base64 48)`;

export async function runTokenCommand(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        scope: { type: 'string' }, 'legal-entities': { type: 'string' }, sources: { type: 'string' },
        ttl: { type: 'string', default: '1h' }, sub: { type: 'string', default: 'developer' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${TOKEN_USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return 0;
  }
  if (values.scope === undefined) throw new UsageError(`servicegraph token needs --scope\n${TOKEN_USAGE}`);
  const scopes = values.scope.split(/\s+/).filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`--scope: expected scopes among ${SCOPES.join(', ')}, got ${unknown.map((s) => JSON.stringify(s)).join(', ')}`);
  const ttlSeconds = parseDuration(values.ttl);
  if (ttlSeconds === undefined) throw new UsageError(`--ttl: expected a duration such as 90s, 15m, 1h or 7d, got ${JSON.stringify(values.ttl)}`);
  const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s !== ''));

  const config = loadConfig({ ...process.env, AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: undefined, AUTH_JWKS_URL: undefined });
  const auth = config.access.auth;
  if (auth.mode !== 'jwt' || auth.key.kind !== 'secret') throw new Error('unreachable: AUTH=jwt with AUTH_JWT_SECRET was loaded');
  const token = await mintToken(auth.key.secret, {
    subject: values.sub, scopes, legalEntities: list(values['legal-entities']), sources: list(values.sources), ttlSeconds,
    issuer: auth.issuer, audience: auth.audience,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

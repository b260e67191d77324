/**
 * `servicegraph token --scope "…" [--legal-entities A,B] [--sources /psa/] [--ttl 1h] [--sub name]`:
 * prints a development token signed with AUTH_JWT_SECRET (HS256), with
 * AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when they are set, so the hub of the
 * same configuration accepts it.
 */
import { mintToken, parseDuration } from '../access/mintToken';
import { SCOPES } from '../access/principal';
import { loadConfig } from '../config/config';
import { defineCommand, UsageError } from './command';

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'print a development token signed with AUTH_JWT_SECRET',
  description: `Prints a development token signed with AUTH_JWT_SECRET (HS256; at least 32 bytes,
e.g. AUTH_JWT_SECRET=$(openssl rand -base64 48)), with AUTH_JWT_ISSUER and
AUTH_JWT_AUDIENCE when they are set, so a hub of the same configuration accepts it.`,
  options: {
    scope: { type: 'string', value: '"S S"', description: `space-separated scopes (required): ${SCOPES.join(', ')}` },
    'legal-entities': { type: 'string', value: 'A,B', description: 'comma-separated legal entity ids the token sees (default: every one; "" = none)' },
    sources: { type: 'string', value: 'P,Q', description: 'comma-separated CloudEvents source prefixes it may send (default: any)' },
    ttl: { type: 'string', value: 'D', description: 'lifetime: 90s, 15m, 1h, 7d (default 1h)' },
    sub: { type: 'string', value: 'NAME', description: "the token's subject, named in the audit log (default: developer)" },
  },
  run: (values) => runToken(values),
});

async function runToken(values: { scope?: string; 'legal-entities'?: string; sources?: string; ttl?: string; sub?: string }): Promise<number> {
  if (values.scope === undefined) throw new UsageError('--scope is required');
  const scopes = values.scope.split(/\s+/).filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`--scope: expected scopes among ${SCOPES.join(', ')}, got ${unknown.map((s) => JSON.stringify(s)).join(', ')}`);
  const ttl = values.ttl ?? '1h';
  const ttlSeconds = parseDuration(ttl);
  if (ttlSeconds === undefined) throw new UsageError(`--ttl: expected a duration such as 90s, 15m, 1h or 7d, got ${JSON.stringify(ttl)}`);
  const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s !== ''));

  const config = loadConfig({ ...process.env, AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: undefined, AUTH_JWKS_URL: undefined });
  const auth = config.access.auth;
  if (auth.mode !== 'jwt' || auth.key.kind !== 'secret') throw new Error('unreachable: AUTH=jwt with AUTH_JWT_SECRET was loaded');
  const token = await mintToken(auth.key.secret, {
    subject: values.sub ?? 'developer', scopes, legalEntities: list(values['legal-entities']), sources: list(values.sources), ttlSeconds,
    issuer: auth.issuer, audience: auth.audience,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

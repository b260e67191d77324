/**
 * The keys tokens are verified with (docs/api.md, "Access"): a PEM public
 * key fixes its algorithm (RS256, ES256, EdDSA) so no other is taken — not
 * even HS256 "signed" with the public key's text (algorithm confusion); a
 * JSON Web Key Set served over HTTP is fetched once and again for an unknown
 * `kid` at most once per 30 s, so a new key is picked up without a restart.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AccessError } from '../../access/accessError';
import { createAuthenticator } from '../../access/authenticator';
import { loadJose } from '../../access/jose';
import { JWKS_COOLDOWN_MS } from '../../access/tokenVerifier';

async function refusal(promise: Promise<unknown>): Promise<AccessError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AccessError, `expected an AccessError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the token to be refused');
}

describe('PEM public keys', () => {
  for (const [algorithm, type, options] of [
    ['RS256', 'RSA', { modulusLength: 2048 }], ['ES256', 'EC', {}], ['EdDSA', 'Ed25519', {}],
  ] as const) {
    it(`verifies ${algorithm} with a ${type} key, and refuses other algorithms and other keys`, async () => {
      const { generateKeyPair, exportSPKI, SignJWT } = await loadJose();
      const { publicKey, privateKey } = await generateKeyPair(algorithm, { ...options, extractable: true });
      const pem = await exportSPKI(publicKey);
      const authenticate = (await createAuthenticator({ mode: 'jwt', key: { kind: 'publicKey', pem, algorithm }, issuer: undefined, audience: undefined })).authenticate;
      const sign = (key: Parameters<InstanceType<typeof SignJWT>['sign']>[0], alg: string) =>
        new SignJWT({ scope: 'graph:read' }).setProtectedHeader({ alg }).setSubject('s').setExpirationTime('5m').sign(key);

      const principal = await authenticate(`Bearer ${await sign(privateKey, algorithm)}`);
      assert.deepEqual([principal.subject, [...principal.scopes]], ['s', ['graph:read']]);
      // Algorithm confusion: an HMAC over the token keyed with the public key's PEM text.
      const confused = await refusal(authenticate(`Bearer ${await sign(new TextEncoder().encode(pem), 'HS256')}`));
      assert.equal(confused.status, 401);
      assert.match(confused.message, /signed with an algorithm the hub does not accept/);
      const other = await generateKeyPair(algorithm, options);
      assert.match((await refusal(authenticate(`Bearer ${await sign(other.privateKey, algorithm)}`))).message, /signature that does not verify/);
    });
  }

  it('requires exp and honours nbf, with 60 s of clock tolerance', async () => {
    const { generateKeyPair, exportSPKI, SignJWT } = await loadJose();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const { authenticate } = await createAuthenticator({ mode: 'jwt', key: { kind: 'publicKey', pem: await exportSPKI(publicKey), algorithm: 'ES256' }, issuer: undefined, audience: undefined });
    const now = Math.floor(Date.now() / 1000);
    const token = (claims: Record<string, number>) => new SignJWT({ scope: 'graph:read', ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    assert.match((await refusal(authenticate(`Bearer ${await token({})}`))).message, /missing required "exp"|"exp"/);
    assert.match((await refusal(authenticate(`Bearer ${await token({ exp: now + 600, nbf: now + 120 })}`))).message, /not valid yet/);
    await authenticate(`Bearer ${await token({ exp: now + 600, nbf: now + 30 })}`);
    await authenticate(`Bearer ${await token({ exp: now - 30 })}`);
    assert.match((await refusal(authenticate(`Bearer ${await token({ exp: now - 90 })}`))).message, /expired/);
  });
});

describe('a JSON Web Key Set', () => {
  let server: http.Server;
  let keys: object[] = [];
  let fetches = 0;
  let url: string;
  before(async () => {
    server = http.createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('picks up a new key under a new kid without a restart, fetching again at most once per 30 s', async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await loadJose();
    const key = async (kid: string) => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      return { kid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' } };
    };
    const [first, second] = [await key('2026-11'), await key('2026-12')];
    const sign = (k: typeof first) => new SignJWT({ scope: 'events:write' }).setProtectedHeader({ alg: 'ES256', kid: k.kid }).setSubject(k.kid).setExpirationTime('10m').sign(k.privateKey);
    keys = [first.jwk];
    const { authenticate } = await createAuthenticator({ mode: 'jwt', key: { kind: 'jwks', url }, issuer: undefined, audience: undefined });

    assert.equal((await authenticate(`Bearer ${await sign(first)}`)).subject, '2026-11');
    assert.equal((await authenticate(`Bearer ${await sign(first)}`)).subject, '2026-11');
    assert.equal(fetches, 1, 'the key set is cached');

    // The issuer rotates: the new key is published beside the old one.
    keys = [first.jwk, second.jwk];
    const rotated = await sign(second);
    const early = await refusal(authenticate(`Bearer ${rotated}`));
    assert.match(early.message, /names a key \("kid"\) the key set does not hold/);
    assert.equal(fetches, 1, 'an unknown kid within 30 s of the last fetch does not fetch again');

    // Deliberately past the cooldown: only then may an unknown kid fetch the key set again.
    await new Promise((resolve) => setTimeout(resolve, JWKS_COOLDOWN_MS + 500));
    assert.equal((await authenticate(`Bearer ${rotated}`)).subject, '2026-12');
    assert.equal(fetches, 2);
    assert.equal((await authenticate(`Bearer ${await sign(first)}`)).subject, '2026-11', 'the old key still verifies while it is published');
  });

  it('answers 503, not 401, while the key set cannot be fetched', async () => {
    const { authenticate } = await createAuthenticator({ mode: 'jwt', key: { kind: 'jwks', url: 'http://127.0.0.1:9/jwks.json' }, issuer: undefined, audience: undefined });
    const { generateKeyPair, SignJWT } = await loadJose();
    const pair = await generateKeyPair('ES256');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setExpirationTime('5m').sign(pair.privateKey);
    const error = await refusal(authenticate(`Bearer ${token}`));
    assert.equal(error.status, 503);
    assert.equal(error.code, 'AUTH_UNAVAILABLE');
  });
});

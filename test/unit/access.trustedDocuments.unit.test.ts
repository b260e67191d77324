/**
 * Trusted documents without a server: the manifest's checks, the resolution
 * of ids and texts in each mode, the configuration that reads the manifests,
 * and the hub's own committed manifest being the one its sources make.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AccessError } from '../../access/accessError';
import { resolveHttpParams } from '../../access/trustedDocumentParams';
import {
  documentId, HUB_MANIFEST_FILE, manifestOf, parseManifest, TrustedDocuments, type TrustedDocument, type TrustedDocumentsMode,
} from '../../access/trustedDocuments';
import { hubDocuments, hubManifestText } from '../../cli/trustedDocuments';
import { ConfigError, loadConfig } from '../../config/config';
import { buildSchema } from 'graphql';
import { EXAMPLE_QUERIES } from '../../gateway/exampleQueries';
import { invalidTrustedDocuments } from '../../gateway/trustedDocumentsCheck';
import { EXPLORER_INTROSPECTION } from '../../gateway/explorerIntrospection';
import { LIVE_PAGE_OPERATIONS } from '../../live/pageOperations';
import { loadReports } from '../../reporting/catalogue';

const STATUS_BODY = 'query Status { ingestStatus { received applied } }';
const STATUS: TrustedDocument = { id: documentId(STATUS_BODY), name: 'Status', type: 'query', body: STATUS_BODY };
const OTHER_BODY = 'query Other { ingestStatus { pending } }';

function documents(mode: TrustedDocumentsMode): TrustedDocuments {
  return new TrustedDocuments(mode === 'off' ? { mode } : { mode, files: ['test.json'], documents: [STATUS] });
}

function refusal(run: () => unknown): { code: string; status: number; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AccessError, `expected an AccessError, got ${String(error)}`);
    return { code: error.code, status: error.status, message: error.message };
  }
  assert.fail('expected a refusal');
}

const manifestText = (operations: unknown[]) => JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });

describe('a manifest of trusted documents', () => {
  it('reads the format Apollo writes', () => {
    assert.deepEqual(parseManifest(manifestText([STATUS])), [STATUS]);
  });

  for (const [what, text, expected] of [
    ['text that is no JSON', '{"format":', /expected JSON/],
    ['another format', JSON.stringify({ format: 'relay', version: 1, operations: [] }), /expected "format": "apollo-persisted-query-manifest", got "relay"/],
    ['another version', JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }), /expected "version": 1, got 2/],
    ['an entry without a body', manifestText([{ ...STATUS, body: undefined }]), /operations\[0\]\.body to be a non-empty string, got nothing/],
    ['an entry of an unknown type', manifestText([{ ...STATUS, type: 'fragment' }]), /operations\[0\]\.type .* got "fragment"/],
    ['a body that does not parse', manifestText([{ ...STATUS, body: 'query Status {' }]), /operations\[0\]\.body \(id "[0-9a-f]+"\) to be a GraphQL document, got one that does not parse/],
    ['a body without its named operation', manifestText([{ ...STATUS, name: 'Elsewhere' }]), /to hold the query Elsewhere, got query Status/],
    ['an id twice', manifestText([STATUS, { ...STATUS, body: OTHER_BODY, name: 'Other' }]), /expected each id once, got "[0-9a-f]+" again at operations\[1\]/],
  ] as const) {
    it(`refuses ${what}, saying what was expected`, () => {
      assert.throws(() => parseManifest(text), expected);
    });
  }
});

describe('resolving a request\'s document', () => {
  it('off: takes a text as it is, and refuses a documentId naming TRUSTED_DOCUMENTS', () => {
    const off = documents('off');
    assert.deepEqual(off.resolve({ query: OTHER_BODY }), { query: OTHER_BODY, extensions: undefined, changed: false });
    const refused = refusal(() => off.resolve({ documentId: STATUS.id }));
    assert.equal(refused.code, 'PERSISTED_QUERY_NOT_SUPPORTED');
    assert.match(refused.message, /TRUSTED_DOCUMENTS=off/);
  });

  for (const mode of ['allow', 'require'] as const) {
    it(`${mode}: resolves a listed id, by documentId or persistedQuery, to its document`, () => {
      const trusted = documents(mode);
      assert.equal(trusted.resolve({ documentId: STATUS.id }).query, STATUS_BODY);
      assert.equal(trusted.resolve({ documentId: `sha256:${STATUS.id}` }).query, STATUS_BODY, 'GraphQL over HTTP\'s prefixed form');
      const persisted = trusted.resolve({ extensions: { persistedQuery: { version: 1, sha256Hash: STATUS.id }, trace: true } });
      assert.deepEqual(persisted, { query: STATUS_BODY, extensions: { trace: true }, changed: true });
    });

    it(`${mode}: answers an unknown id with PERSISTED_QUERY_NOT_FOUND, naming it`, () => {
      for (const params of [{ documentId: 'abc123' }, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc123' } } }]) {
        const refused = refusal(() => documents(mode).resolve(params));
        assert.deepEqual([refused.status, refused.code], [400, 'PERSISTED_QUERY_NOT_FOUND']);
        assert.match(refused.message, /"abc123"/);
      }
    });

    it(`${mode}: refuses a hash that is not the query's, an id beside another text, and an id that is no string`, () => {
      const trusted = documents(mode);
      assert.equal(refusal(() => trusted.resolve({ query: STATUS_BODY, extensions: { persistedQuery: { version: 1, sha256Hash: 'f00' } } })).code, 'BAD_REQUEST');
      assert.equal(refusal(() => trusted.resolve({ query: OTHER_BODY, documentId: STATUS.id })).code, 'BAD_REQUEST');
      assert.equal(refusal(() => trusted.resolve({ documentId: 42 })).code, 'BAD_REQUEST');
      assert.equal(refusal(() => trusted.resolve({ extensions: { persistedQuery: { version: 2, sha256Hash: STATUS.id } } })).code, 'BAD_REQUEST');
    });
  }

  it('allow: runs a text that is in no manifest', () => {
    assert.equal(documents('allow').resolve({ query: OTHER_BODY }).query, OTHER_BODY);
  });

  it('require: refuses a text that is in no manifest with PERSISTED_QUERY_NOT_IN_LIST, naming the operation and its id', () => {
    const refused = refusal(() => documents('require').resolve({ query: OTHER_BODY }, 'Other'));
    assert.deepEqual([refused.status, refused.code], [400, 'PERSISTED_QUERY_NOT_IN_LIST']);
    assert.match(refused.message, new RegExp(`"Other".*"${documentId(OTHER_BODY)}"`));
    // Sent as an automatic persisted query (hash and text), it is no more listed.
    const apq = { query: OTHER_BODY, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(OTHER_BODY) } } };
    assert.equal(refusal(() => documents('require').resolve(apq)).code, 'PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('require: runs a listed document sent as text, whatever its whitespace and comments', () => {
    const reformatted = '# the status\nquery Status {\n  ingestStatus {\n    received\n    applied\n  }\n}\n';
    assert.equal(documents('require').resolve({ query: reformatted }).query, reformatted);
    assert.equal(refusal(() => documents('require').resolve({ query: 'query Status { ingestStatus { received } }' })).code, 'PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('rewrites a GET\'s query string and a POST\'s body, the id replaced by the document', () => {
    const trusted = documents('require');
    const resolve = trusted.resolve.bind(trusted);
    const get = resolveHttpParams({ method: 'GET', search: `?documentId=${STATUS.id}&variables=%7B%7D`, body: undefined }, resolve);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(get.search)), { variables: '{}', query: STATUS_BODY });
    const post = resolveHttpParams({ method: 'POST', search: '', body: { documentId: STATUS.id, operationName: 'Status' } }, resolve);
    assert.deepEqual(post.body, { operationName: 'Status', query: STATUS_BODY });
    const plain = { query: STATUS_BODY };
    assert.equal(resolveHttpParams({ method: 'POST', search: '', body: plain }, resolve).body, plain, 'a listed text passes untouched');
  });
});

describe('TRUSTED_DOCUMENTS and TRUSTED_DOCUMENTS_FILE', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
  const file = (name: string, text: string) => {
    const at = path.join(tmp, name);
    fs.writeFileSync(at, text);
    return at;
  };
  const issuesOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
    assert.fail('expected a ConfigError');
  };

  it('is off by default', () => {
    assert.deepEqual(loadConfig({}).access.trustedDocuments, { mode: 'off' });
  });

  it('lists the hub\'s own documents, and the file\'s beside them', () => {
    const hub = loadConfig({ TRUSTED_DOCUMENTS: 'require' }).access.trustedDocuments!;
    assert.ok(hub.mode === 'require');
    assert.deepEqual(hub.files, [HUB_MANIFEST_FILE]);
    assert.equal(hub.documents.length, hubDocuments().length);
    const mine = file('mine.json', manifestText([STATUS]));
    const both = loadConfig({ TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_FILE: mine }).access.trustedDocuments!;
    assert.ok(both.mode === 'allow');
    assert.deepEqual(both.files, [HUB_MANIFEST_FILE, mine]);
    assert.deepEqual(both.documents.at(-1), STATUS);
  });

  it('stops the start for a mode it does not know, naming the modes', () => {
    assert.match(issuesOf({ TRUSTED_DOCUMENTS: 'strict' }), /TRUSTED_DOCUMENTS: expected one of off, allow, require, but got "strict"/);
  });

  it('stops the start for a missing or broken manifest, naming the file and what is wrong', () => {
    const missing = path.join(tmp, 'missing.json');
    assert.match(issuesOf({ TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_FILE: missing }),
      new RegExp(`TRUSTED_DOCUMENTS_FILE: expected a readable manifest file at ${missing}, but got no such file`));
    const broken = file('broken.json', manifestText([{ ...STATUS, type: 'query', body: 'query Status {' }]));
    assert.match(issuesOf({ TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_FILE: broken }),
      new RegExp(`TRUSTED_DOCUMENTS_FILE: expected an Apollo persisted query manifest in ${broken}, but got expected operations\\[0\\]\\.body .* does not parse`));
  });

  it('refuses an id that names another body than the hub\'s own', () => {
    const [own] = hubDocuments();
    const clash = file('clash.json', manifestText([{ ...STATUS, id: own!.id }]));
    assert.match(issuesOf({ TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_FILE: clash }), /TRUSTED_DOCUMENTS_FILE: .*different bodies/);
  });

  it('refuses a manifest file while trusted documents are off', () => {
    assert.match(issuesOf({ TRUSTED_DOCUMENTS_FILE: file('unused.json', manifestText([STATUS])) }), /TRUSTED_DOCUMENTS_FILE: expected unset while TRUSTED_DOCUMENTS is off/);
  });
});

describe('the trusted documents against the API', () => {
  const schema = buildSchema('type Query { ingestStatus: Status }  type Status { received: Int applied: Int }');

  it('names each listed document that does not validate, and leaves subscriptions to a schema that has them', () => {
    const stale: TrustedDocument = { id: documentId(OTHER_BODY), name: 'Other', type: 'query', body: OTHER_BODY };
    const watch = 'subscription Watch { changed }';
    const subscription: TrustedDocument = { id: documentId(watch), name: 'Watch', type: 'subscription', body: watch };
    const problems = invalidTrustedDocuments(schema, [STATUS, stale, subscription]);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, new RegExp(`Other \\(id ${stale.id}\\) does not validate against the API: Cannot query field "pending"`));
  });
});

describe("the hub's own manifest", () => {
  it('is committed as `servicegraph trusted-documents` writes it (run it after changing an example, the live page or a report)', () => {
    assert.equal(fs.readFileSync(HUB_MANIFEST_FILE, 'utf8'), hubManifestText(),
      `${HUB_MANIFEST_FILE} is stale: run node dist/cli/main.js trusted-documents --out trusted-documents.json`);
  });

  it('lists every example query, the explorer\'s introspection, every operation of the live page and every report, each by the SHA-256 of its text', () => {
    const listed = new Map(parseManifest(fs.readFileSync(HUB_MANIFEST_FILE, 'utf8')).map((d) => [d.body, d.id]));
    const bodies = [...EXAMPLE_QUERIES.map((e) => e.query), EXPLORER_INTROSPECTION, ...LIVE_PAGE_OPERATIONS.map((o) => o.body), ...[...loadReports().values()].map((r) => r.query)];
    for (const body of bodies) assert.equal(listed.get(body), documentId(body), body.slice(0, 60));
    assert.deepEqual(manifestOf([]).format, 'apollo-persisted-query-manifest');
  });
});

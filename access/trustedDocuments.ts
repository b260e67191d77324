/**
 * Trusted documents (persisted operations; docs/api.md, "Trusted documents"):
 * the GraphQL documents a hub runs by id, read from manifests in Apollo's
 * persisted query list format, and how a request's document is resolved
 * against them at every GraphQL door (HTTP GET and POST, graphql-ws,
 * graphql-sse).
 *
 * `TRUSTED_DOCUMENTS`:
 * - `off`: no manifest; a request carries its document as `query` (Apollo
 *   Server's automatic persisted queries stay as they are).
 * - `allow`: a request may name a listed document by `documentId` or
 *   `extensions.persistedQuery.sha256Hash`, or carry any document as `query`.
 * - `require`: only listed documents run: by id, or as text that is a listed
 *   document up to ignored characters (whitespace, commas, comments), as
 *   Apollo's safelisting accepts an operation's full text when it is in the
 *   list. Anything else is refused with PERSISTED_QUERY_NOT_IN_LIST.
 *
 * An id that is in no manifest is PERSISTED_QUERY_NOT_FOUND. Refusals are
 * 400s with the code and a message naming the id.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse, stripIgnoredCharacters, Kind } from 'graphql';
import { AccessError } from './accessError';

export type TrustedDocumentsMode = 'off' | 'allow' | 'require';
export const TRUSTED_DOCUMENTS_MODES: readonly TrustedDocumentsMode[] = ['off', 'allow', 'require'];

export type OperationType = 'query' | 'mutation' | 'subscription';

/** One entry of a manifest. */
export interface TrustedDocument {
  readonly id: string;
  readonly name: string;
  readonly type: OperationType;
  readonly body: string;
}

/** Apollo's persisted query list format, version 1. */
export interface PersistedQueryManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly TrustedDocument[];
}

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/**
 * The hub's own manifest, beside dist/ (the compiled code is in dist/access):
 * the explorer's example queries, the live page's operations and the saved
 * reports, written by `servicegraph trusted-documents`. Trusted in `allow`
 * and `require` mode besides TRUSTED_DOCUMENTS_FILE's, so a locked-down hub
 * still serves its own pages.
 */
export const HUB_MANIFEST_FILE = path.resolve(__dirname, '..', '..', 'trusted-documents.json');

/** The settings read from the environment (plain data, like the rest of access/settings.ts). */
export type TrustedDocumentsSettings =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'allow' | 'require';
      /** The manifests read, in order (the hub's own first); for messages. */
      readonly files: readonly string[];
      readonly documents: readonly TrustedDocument[];
    };

export const TRUSTED_DOCUMENTS_OFF: TrustedDocumentsSettings = Object.freeze({ mode: 'off' as const });

/** The id Apollo's manifest generator gives a document, and the one `extensions.persistedQuery.sha256Hash` carries: its SHA-256, in hex. */
export function documentId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** A manifest for `operations`, as the `servicegraph trusted-documents` command writes it. */
export function manifestOf(operations: readonly TrustedDocument[]): PersistedQueryManifest {
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** A manifest whose text is not what it should be: says what was expected and where. */
export class ManifestError extends Error {}

/**
 * The documents of a manifest's text: the format and version Apollo's
 * generator writes, each entry with a string id, name and body, a type of
 * query, mutation or subscription, and a body that parses and holds an
 * operation of that name and type; no id twice.
 * @throws {ManifestError} naming the first entry that is wrong.
 */
export function parseManifest(text: string): TrustedDocument[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`expected JSON, got text that does not parse (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(json)) throw new ManifestError(`expected a JSON object, got ${describe(json)}`);
  if (json.format !== MANIFEST_FORMAT) throw new ManifestError(`expected "format": "${MANIFEST_FORMAT}", got ${describe(json.format)}`);
  if (json.version !== 1) throw new ManifestError(`expected "version": 1, got ${describe(json.version)}`);
  if (!Array.isArray(json.operations)) throw new ManifestError(`expected "operations" to be an array, got ${describe(json.operations)}`);
  const documents: TrustedDocument[] = [];
  const seen = new Set<string>();
  json.operations.forEach((entry: unknown, index: number) => {
    const at = `operations[${index}]`;
    if (!isObject(entry)) throw new ManifestError(`expected ${at} to be an object, got ${describe(entry)}`);
    for (const key of ['id', 'name', 'body'] as const) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw new ManifestError(`expected ${at}.${key} to be a non-empty string, got ${describe(entry[key])}`);
    }
    const { id, name, body, type } = entry as { id: string; name: string; body: string; type: unknown };
    if (type !== 'query' && type !== 'mutation' && type !== 'subscription') {
      throw new ManifestError(`expected ${at}.type to be "query", "mutation" or "subscription", got ${describe(type)}`);
    }
    if (seen.has(id)) throw new ManifestError(`expected each id once, got "${id}" again at ${at}`);
    seen.add(id);
    let operations;
    try {
      operations = parse(body).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d] : []));
    } catch (error) {
      throw new ManifestError(`expected ${at}.body (id "${id}") to be a GraphQL document, got one that does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!operations.some((o) => o.name?.value === name && o.operation === type)) {
      throw new ManifestError(`expected ${at}.body (id "${id}") to hold the ${type} ${name}, got ${operations.map((o) => `${o.operation} ${o.name?.value ?? '(anonymous)'}`).join(', ') || 'no operation'}`);
    }
    documents.push({ id, name, type, body });
  });
  return documents;
}

/**
 * The documents of several manifests as one list: an id named by two
 * manifests must name the same body.
 * @throws {ManifestError}
 */
export function mergeManifests(manifests: ReadonlyArray<{ readonly file: string; readonly documents: readonly TrustedDocument[] }>): TrustedDocument[] {
  const byId = new Map<string, { file: string; document: TrustedDocument }>();
  for (const { file, documents } of manifests) {
    for (const document of documents) {
      const known = byId.get(document.id);
      if (known && known.document.body !== document.body) {
        throw new ManifestError(`expected the id "${document.id}" to name one document, got different bodies in ${known.file} and ${file}`);
      }
      if (!known) byId.set(document.id, { file, document });
    }
  }
  return [...byId.values()].map((v) => v.document);
}

/** What a request says about its document: its GraphQL over HTTP parameters. */
export interface DocumentParams {
  readonly query?: unknown;
  readonly documentId?: unknown;
  readonly extensions?: unknown;
}

/** The request's document, resolved: what to hand on in place of the request's own parameters. */
export interface ResolvedDocument {
  /** The document's text (undefined: the request carried none, for the server to say so). */
  readonly query: unknown;
  /** The request's extensions without `persistedQuery`, which was answered here. */
  readonly extensions: unknown;
  /** Whether `query` was changed (an id resolved, or an extension taken out). */
  readonly changed: boolean;
}

/** Refusals of this module: a 400 carrying one of these codes. */
export type TrustedDocumentsCode = 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'PERSISTED_QUERY_NOT_SUPPORTED' | 'BAD_REQUEST';

/** The listed documents, and the resolution every GraphQL door applies. */
export class TrustedDocuments {
  private readonly byId = new Map<string, TrustedDocument>();
  /** Listed bodies without their ignored characters, for full text sent in `require` mode. */
  private readonly byText = new Map<string, TrustedDocument>();

  constructor(readonly settings: TrustedDocumentsSettings) {
    if (settings.mode === 'off') return;
    for (const document of settings.documents) {
      this.byId.set(document.id, document);
      this.byText.set(document.body, document);
      this.byText.set(stripIgnoredCharacters(document.body), document);
    }
  }

  get mode(): TrustedDocumentsMode {
    return this.settings.mode;
  }

  /** The listed document whose text `body` is (up to ignored characters), if any. */
  listed(body: string): TrustedDocument | undefined {
    const exact = this.byText.get(body);
    if (exact) return exact;
    try {
      return this.byText.get(stripIgnoredCharacters(body));
    } catch {
      // Text that does not even lex is in no list; the server answers its syntax error.
      return undefined;
    }
  }

  /**
   * The listed document of an id, if any. GraphQL over HTTP's persisted
   * documents write a hash id with its algorithm (`sha256:<hex>`): taken for
   * the manifest's `<hex>` too.
   */
  byDocumentId(id: string): TrustedDocument | undefined {
    return this.byId.get(id) ?? (id.startsWith(SHA256_PREFIX) ? this.byId.get(id.slice(SHA256_PREFIX.length)) : undefined);
  }

  /**
   * Resolves a request's document: an id to its listed body, the full text
   * of `require` mode to a listed document.
   * @throws {AccessError} 400 with PERSISTED_QUERY_NOT_FOUND (an id in no
   *   manifest), PERSISTED_QUERY_NOT_IN_LIST (`require` and a document not
   *   listed), PERSISTED_QUERY_NOT_SUPPORTED (an id while `off`) or
   *   BAD_REQUEST (an id that is no string, an id and a text that disagree).
   */
  resolve(params: DocumentParams, operationName?: unknown): ResolvedDocument {
    const { query, documentId: id } = params;
    const hasId = id !== undefined && id !== null;
    if (this.settings.mode === 'off') {
      if (hasId) {
        throw refusal('PERSISTED_QUERY_NOT_SUPPORTED',
          `expected the document as "query": this hub serves no trusted documents (TRUSTED_DOCUMENTS=off), got documentId ${describe(id)}`);
      }
      // Apollo Server's automatic persisted queries answer the extension over HTTP.
      return { query, extensions: params.extensions, changed: false };
    }
    const persisted = persistedQueryOf(params.extensions);
    const extensions = persisted === undefined ? params.extensions : withoutPersistedQuery(params.extensions as Record<string, unknown>);
    const hash = persisted?.sha256Hash;
    if (hasId && hash !== undefined) {
      throw refusal('BAD_REQUEST', `expected one of documentId and extensions.persistedQuery, got both (${describe(id)} and ${describe(hash)})`);
    }
    if (hasId && typeof id !== 'string') throw refusal('BAD_REQUEST', `expected documentId to be a string, got ${describe(id)}`);
    const named = hasId ? (id as string) : hash;
    const text = typeof query === 'string' && query !== '' ? query : undefined;

    if (named !== undefined && text === undefined) {
      const document = this.byDocumentId(named);
      if (!document) throw refusal('PERSISTED_QUERY_NOT_FOUND', `no trusted document has the id ${describe(named)}`);
      return { query: document.body, extensions, changed: true };
    }
    if (named !== undefined && text !== undefined) {
      if (hasId) {
        // GraphQL over HTTP's persisted documents: an id or a document, not both.
        const document = this.byDocumentId(named);
        if (!document || document.body !== text) {
          throw refusal('BAD_REQUEST', `expected either documentId or query, got both, and documentId ${describe(named)} ${document ? 'names another document' : 'names no trusted document'}`);
        }
      } else if (documentId(text) !== named) {
        // What Apollo Server checks of an automatic persisted query: the hash is the text's.
        throw refusal('BAD_REQUEST', `expected extensions.persistedQuery.sha256Hash to be the SHA-256 of the query, got ${describe(named)} for a query whose SHA-256 is "${documentId(text)}"`);
      }
    }
    if (text !== undefined && this.settings.mode === 'require' && !this.listed(text)) {
      const name = typeof operationName === 'string' && operationName !== '' ? `the operation ${describe(operationName)}` : 'a document';
      throw refusal('PERSISTED_QUERY_NOT_IN_LIST',
        `expected a trusted document (TRUSTED_DOCUMENTS=require): send a listed document's documentId; got ${name} that is in no manifest (its id would be "${documentId(text)}")`);
    }
    return { query, extensions, changed: persisted !== undefined };
  }
}

const SHA256_PREFIX = 'sha256:';

function refusal(code: TrustedDocumentsCode, message: string): AccessError {
  return new AccessError(400, code, message);
}

/** `extensions.persistedQuery`, checked: version 1 with a string sha256Hash; undefined when absent. */
function persistedQueryOf(extensions: unknown): { sha256Hash: string } | undefined {
  if (!isObject(extensions) || extensions.persistedQuery === undefined || extensions.persistedQuery === null) return undefined;
  const persisted = extensions.persistedQuery;
  if (!isObject(persisted) || persisted.version !== 1 || typeof persisted.sha256Hash !== 'string' || persisted.sha256Hash === '') {
    throw refusal('BAD_REQUEST', `expected extensions.persistedQuery to be {"version": 1, "sha256Hash": "<id>"}, got ${describe(persisted)}`);
  }
  return { sha256Hash: persisted.sha256Hash };
}

function withoutPersistedQuery(extensions: Record<string, unknown>): Record<string, unknown> | undefined {
  const { persistedQuery: _answered, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A hub whose doors ask for tokens, for access tests: a fresh database, the
 * ingest server (its own thread, verifying tokens there), and the gateway
 * with the four subgraphs in process, subscriptions (graphql-ws, graphql-sse),
 * the live page, the reports and metrics, all behind the same access
 * settings, refusals recorded in the database's audit log.
 */
import { AuditLog } from '../../access/auditLog';
import { Doors } from '../../access/doors';
import type { AccessSettings, AuthSettings } from '../../access/settings';
import type { TrustedDocumentsMode } from '../../access/trustedDocuments';
import { loadConfig } from '../../config/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readModelPosition } from '../../hub/checkpoint';
import { liveExtension } from '../../live/liveExtension';
import { createRegistry } from '../../observability/metrics';
import { reportsExtension } from '../../reporting/reportsExtension';
import { createSubgraphs } from '../../subgraphs';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET } from './tokens';

export interface AccessHub {
  readonly db: TestDatabase;
  /** `http://127.0.0.1:<port>` of the ingest port. */
  readonly ingestUrl: string;
  /** `http://127.0.0.1:<port>/graphql` */
  readonly graphqlUrl: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  readonly wsUrl: string;
  /** Writes the gateway's waiting audit entries (the ingest thread writes its own within 250 ms). */
  flushAudit(): Promise<void>;
  close(): Promise<void>;
}

/** HS256 with the test secret, issuer and audience checked. */
export const TEST_JWT: AuthSettings = { mode: 'jwt', key: { kind: 'secret', secret: TEST_SECRET }, issuer: TEST_ISSUER, audience: TEST_AUDIENCE };

export function accessSettings(overrides: Partial<AccessSettings> = {}): AccessSettings {
  return { auth: TEST_JWT, origins: { corsOrigins: [], allowedHosts: ['localhost', '127.0.0.1', '[::1]'] }, rateLimitPerMinute: 0, ...overrides };
}

/** Open access (AUTH=off) and the trusted documents of TRUSTED_DOCUMENTS=`mode`, as the configuration reads them (the hub's own manifest). */
export function trustedDocumentsAccess(mode: TrustedDocumentsMode): AccessSettings {
  return accessSettings({ auth: { mode: 'off' }, trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: mode }).access.trustedDocuments });
}

export async function startAccessHub(access: AccessSettings = accessSettings(), options: { gateway?: boolean } = {}): Promise<AccessHub> {
  const db = await createTestDatabase();
  let ingest: IngestServer | undefined;
  let gateway: RunningGateway | undefined;
  const audit = new AuditLog(db.pool);
  const close = async () => {
    await gateway?.close();
    await ingest?.close();
    await audit.close();
    await db.drop();
  };
  try {
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0, access });
    if (options.gateway !== false) {
      const subgraphs = await createSubgraphs({ pool: db.pool });
      gateway = await startGateway({
        subgraphs, host: '127.0.0.1', port: 0, doors: await Doors.create(access, audit), registry: createRegistry(),
        extensions: [liveExtension({ pool: db.pool, databaseUrl: db.url, pollMs: 50 }), reportsExtension({ position: readModelPosition(db.pool) })],
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
  } catch (error) {
    await close();
    throw error;
  }
}

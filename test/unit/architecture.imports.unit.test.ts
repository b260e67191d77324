/**
 * The import graph follows the flow of events: no module imports one
 * downstream of it, subgraphs, resolvers and live reach neither the listeners
 * nor the gateway, and the neutral modules (access, hub) import no stage.
 *
 * observability (health, metrics, tracing) is cross-cutting, like access:
 * every stage (ingest, listeners, subgraphs, resolvers, gateway, live),
 * access and wiring may import it; it imports no stage, only hub and the
 * foundations (config, db, entities, events). It reads hub and db, so hub
 * and the foundations must not import it: that would make a cycle.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { forbiddenImports, importsOf, readModuleSources } from '../support/importGraph';

const root = path.join(__dirname, '..', '..', '..');

/**
 * Arrows that are known and on their way out; each must still exist (the
 * test fails once it is gone, so the entry is removed with it).
 */
const ON_THE_WAY_OUT: ReadonlyArray<{ from: string; to: string }> = [];

describe('the import graph', () => {
  const sources = readModuleSources(root);

  it('reads the sources of every module it checks', () => {
    for (const file of ['hub/eventLog.ts', 'live/changeFeed.ts', 'subgraphs/index.ts', 'listeners/projector.ts', 'access/principal.ts']) {
      assert.ok(sources.has(file), `${file} not read`);
    }
  });

  it('has no arrow against the flow', () => {
    const violations = forbiddenImports(sources)
      .filter((v) => !ON_THE_WAY_OUT.some((known) => known.from === v.from && known.to === v.to));
    assert.deepEqual(violations.map((v) => `${v.from} imports ${v.specifier}: ${v.why}`), []);
  });

  it('still has each arrow listed as on its way out (remove the entry once it is gone)', () => {
    const all = forbiddenImports(sources);
    for (const known of ON_THE_WAY_OUT) {
      assert.ok(all.some((v) => v.from === known.from && v.to === known.to), `${known.from} no longer imports ${known.to}: remove it from ON_THE_WAY_OUT`);
    }
  });

  it('finds an arrow planted in any form of import', () => {
    const planted = new Map([
      ['live/planted.ts', `import { READ_MODEL } from '../listeners/projector';`],
      ['subgraphs/a/planted.ts', `import type {\n  GatewayCore,\n} from "../../gateway/gateway";`],
      ['resolvers/planted.ts', `export { readIngestStatus } from '../ingest/status';`],
      ['hub/planted.ts', `const m = await import('../ingest/eventStore');`],
      ['access/planted.ts', `const m = require('../gateway/gateway');`],
      ['listeners/planted.ts', `import '../ingest/eventStore';`],
      ['observability/planted.ts', `import { Fanout } from '../live/fanout';`],
      ['hub/plantedMetrics.ts', `import { hubMetrics } from '../observability/hubMetrics';`],
      ['events/planted.ts', `import { activeTracer } from '../observability/tracing';`],
      // Allowed: upstream, neutral, packages, and the module's own files.
      ['live/fine.ts', `import { CHANGES_CHANNEL } from '../hub/channels';\nimport { Pool } from 'pg';\nimport { x } from './changeFeed';`],
      ['gateway/fine.ts', `import { createSubgraphs } from '../subgraphs';`],
      ['observability/fine.ts', `import { CHECKPOINT_SQL } from '../hub/checkpoint';\nimport { MIGRATIONS } from '../db/migrations';\nimport { x } from './metrics';`],
      ['listeners/fineTracing.ts', `import { activeTracer } from '../observability/tracing';`],
      ['access/fineMetrics.ts', `import { register } from '../observability/metrics';`],
    ]);
    assert.deepEqual(forbiddenImports(planted).map((v) => `${v.from} -> ${v.to}`), [
      'live/planted.ts -> listeners/projector',
      'subgraphs/a/planted.ts -> gateway/gateway',
      'resolvers/planted.ts -> ingest/status',
      'hub/planted.ts -> ingest/eventStore',
      'access/planted.ts -> gateway/gateway',
      'listeners/planted.ts -> ingest/eventStore',
      'observability/planted.ts -> live/fanout',
      'hub/plantedMetrics.ts -> observability/hubMetrics',
      'events/planted.ts -> observability/tracing',
    ]);
  });

  it('resolves relative specifiers against the importing file', () => {
    assert.deepEqual(importsOf('resolvers/customer/x.ts', `import { a } from '../../hub/status';`).map((a) => a.to), ['hub/status']);
  });
});

/**
 * The readiness checks the hub's processes combine (observability/probes.ts):
 * Postgres reachable with every migration applied, the listeners running,
 * the supergraph composed.
 */
import type { Pool } from 'pg';
import { MIGRATIONS } from '../db/migrations';
import type { ReadinessCheck } from './probes';

/** TypeORM's record of applied migrations (db/dataSource.ts leaves its default name). */
const MIGRATIONS_TABLE = 'public.migrations';

/**
 * Postgres answers on `pool`, and every migration this build knows is
 * applied: one statement, so a probe costs one round trip.
 */
export function databaseCheck(pool: Pool): ReadinessCheck {
  const expected = MIGRATIONS.map((migration) => migration.name);
  return {
    name: 'postgres',
    async check() {
      let applied: Set<string>;
      try {
        const { rows } = await pool.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
        applied = new Set(rows.map((row) => row.name));
      } catch (error) {
        const message = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
        if ((error as { code?: string }).code === '42P01') return 'migrations not applied: the database has no migrations table';
        return `Postgres is unreachable: ${message}`;
      }
      const missing = expected.filter((name) => !applied.has(name));
      return missing.length === 0 ? undefined : `migrations not applied: ${missing.join(', ')}`;
    },
  };
}

/** The listeners' state as the process that runs them knows it. */
export interface ListenerState {
  /** undefined while running; why not otherwise. */
  notRunning(): string | undefined;
}

export function listenersCheck(state: ListenerState): ReadinessCheck {
  return { name: 'listeners', check: async () => state.notRunning() };
}

/** The gateway serves once it has composed its supergraph; before, or after it closed, it is not ready. */
export function supergraphCheck(composed: () => string | undefined): ReadinessCheck {
  return { name: 'supergraph', check: async () => composed() };
}

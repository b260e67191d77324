/**
 * Named (prepared) statements for the resolvers' reads. pg prepares a named
 * statement once per connection and then sends only Bind/Execute for it, so
 * Postgres skips parsing and planning the same text again at every request
 * (a project page is several statements; on this 2-core machine Postgres and
 * the gateway share the CPU). The resolvers' SQL texts are a fixed set (every
 * value is a parameter), so the names are too.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './sql';

/** At most this many distinct texts get a name; any beyond run unnamed (a bound on server memory per connection). */
const MAX_NAMED_STATEMENTS = 500;

/**
 * `db` whose `query(text, values)` runs as a named statement. The name is a
 * hash of the text, so subgraphs sharing one pool (one-process mode) never give
 * one name to two texts.
 */
export function withPreparedStatements(db: Queryable): Queryable {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `sg_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const query = (text: unknown, values?: unknown) => {
    const name = typeof text === 'string' ? nameOf(text) : undefined;
    return name === undefined
      ? (db.query as (...args: unknown[]) => unknown)(text, values)
      : db.query({ name, text: text as string, values: values as unknown[] | undefined });
  };
  return { query } as Queryable;
}

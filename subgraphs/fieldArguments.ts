/**
 * One shared, frozen, empty arguments object for every field that takes no
 * arguments, instead of two new dictionary objects per field executed.
 *
 * graphql-js 16 computes the arguments of every field it executes
 * (`getArgumentValues`), also of the many that declare none: a new
 * `Object.create(null)` for the values and another for the argument nodes by
 * name, both in dictionary mode. A project page executes a few hundred such
 * fields in the subgraphs (figures, Money's `amount` and `currency`, invoice
 * fields), and heap sampling of the page executed afresh put
 * `getArgumentValues` first among its allocations: ≈ 46 of ≈ 429 KiB a
 * request. For a field that declares no argument the answer is always an
 * empty object (validation has refused any argument given to it), so those
 * fields get one frozen empty object: a resolver that tried to write to it
 * would throw instead of leaking into other fields.
 *
 * graphql-js takes no such option, so this wraps `getArgumentValues` in the
 * module graphql's executor reads it from at each call
 * (`graphql/execution/values`); fields with arguments, and every other
 * caller, get graphql's own function. Installing is idempotent.
 */
import type { GraphQLField } from 'graphql';
import { wrapModuleExport } from '../gateway/moduleExports';

type GetArgumentValues = (def: Pick<GraphQLField<unknown, unknown>, 'args'>, ...rest: unknown[]) => Record<string, unknown>;

const SHARED_EMPTY = Symbol('servicegraph shared empty arguments');
const NO_ARGUMENTS: Record<string, unknown> = Object.freeze(Object.create(null));

/**
 * Installs the shared empty arguments in the process's graphql (once).
 * @returns whether they are in place (false: graphql is not shaped as expected, nothing changed).
 */
export function installSharedEmptyArguments(): boolean {
  return wrapModuleExport<GetArgumentValues>('graphql/execution/values', 'getArgumentValues', SHARED_EMPTY, (original) =>
    (def, ...rest) => (def.args.length === 0 ? NO_ARGUMENTS : original(def, ...rest)));
}

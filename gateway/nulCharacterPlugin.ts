/**
 * A NUL character (`\u0000`) in a string argument or variable is refused with
 * 400 BAD_USER_INPUT before anything runs: no text the read model holds can
 * contain one (Postgres cannot store it), so no lookup could match, and left
 * to run, the lookup fails inside Postgres with an error of its own.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

const NUL = '\u0000';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/** The name of the first argument whose string literal holds a NUL, if any. */
function literalWithNul(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      if (found !== undefined) return false;
      let inside = false;
      visit(node.value, { [Kind.STRING]: (value) => { if (value.value.includes(NUL)) inside = true; } });
      if (inside) found = node.name.value;
      return undefined;
    },
  });
  return found;
}

export const nulCharacterPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(context) {
        const variable = Object.entries(context.request.variables ?? {}).find(([, value]) => holdsNul(value))?.[0];
        const argument = variable === undefined ? literalWithNul(context.document) : undefined;
        if (variable === undefined && argument === undefined) return;
        const where = variable !== undefined ? `variable $${variable}` : `argument ${argument}`;
        throw new GraphQLError(`expected text without NUL characters (\\u0000), got one in ${where}`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      },
    };
  },
};

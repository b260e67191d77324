import { GraphQLError } from 'graphql';

/** The `extensions.code` of an argument the client got wrong (Apollo's convention). */
export const BAD_USER_INPUT = 'BAD_USER_INPUT';

/**
 * A GraphQL error for a client mistake. The message says what was expected
 * and what arrived: `first: expected an integer from 0 to 500, got 501`.
 */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: BAD_USER_INPUT, ...extensions } });
}

/** A short, quoted rendering of what arrived, for error messages. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

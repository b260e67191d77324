/**
 * The custom scalars' inputs (`Date`, `DateTime`, `Decimal`) checked at the
 * gateway, as graphql-js checks the built-in ones: a value a subgraph's
 * scalar refuses (`asOf: "2026-02-30"`, a variable `$d: Date` of `5`) is a
 * `400 BAD_USER_INPUT` saying what was expected and what arrived, before
 * any subgraph is called.
 *
 * The gateway's schema is built from the supergraph's SDL, where a custom
 * scalar has no implementation and takes any value; left to the subgraph,
 * such a value failed there, and the client got a `200` with the field null
 * and `DOWNSTREAM_SERVICE_ERROR` — a server's fault, to the client's eyes.
 * The checks are the subgraphs' own scalars (resolvers/shared), so the two
 * cannot disagree.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, GraphQLError, isInputObjectType, isListType, isNonNullType, Kind, TypeInfo, typeFromAST, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLScalarType, type GraphQLSchema, type OperationDefinitionNode, type ValueNode,
} from 'graphql';
import { DateScalar } from '../resolvers/shared/date.scalar';
import { DateTimeScalar } from '../resolvers/shared/dateTime.scalar';
import { DecimalScalar } from '../resolvers/shared/decimal.scalar';

const CHECKED: ReadonlyMap<string, GraphQLScalarType> = new Map([DateScalar, DateTimeScalar, DecimalScalar].map((scalar) => [scalar.name, scalar]));

const SCALAR_LITERALS = new Set<string>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.NULL]);

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first literal of the document (argument, default value) one of the checked scalars refuses. */
function refusedLiteral(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  let refused: GraphQLError | undefined;
  const typeInfo = new TypeInfo(schema);
  const check = (node: ValueNode) => {
    if (refused || !SCALAR_LITERALS.has(node.kind) || node.kind === Kind.NULL) return;
    const type = typeInfo.getInputType();
    const scalar = type ? CHECKED.get(getNamedType(type).name) : undefined;
    if (!scalar) return;
    try {
      scalar.parseLiteral(node, undefined);
    } catch (error) {
      const argument = typeInfo.getArgument();
      refused = refusal(`${argument ? `argument ${argument.name}` : 'a default value'}: ${reason(error)}`);
    }
  };
  visit(document, visitWithTypeInfo(typeInfo, {
    StringValue: check, IntValue: check, FloatValue: check, BooleanValue: check, EnumValue: check,
  }));
  return refused;
}

/** The first part of a variable's value one of the checked scalars refuses, named as graphql-js names a variable's error. */
function refusedValue(name: string, type: GraphQLInputType, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (isNonNullType(type)) return refusedValue(name, type.ofType, value);
  if (isListType(type)) {
    // As graphql-js coerces inputs: a single value stands for a list of one.
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const refused = refusedValue(name, type.ofType, item);
      if (refused) return refused;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined;
    for (const field of Object.values(type.getFields())) {
      const refused = refusedValue(name, field.type, (value as Record<string, unknown>)[field.name]);
      if (refused) return refused;
    }
    return undefined;
  }
  const scalar = CHECKED.get(type.name);
  if (!scalar) return undefined;
  try {
    scalar.parseValue(value);
    return undefined;
  } catch (error) {
    return `Variable "$${name}" got invalid value ${JSON.stringify(value)?.slice(0, 100) ?? String(value)}; ${reason(error)}`;
  }
}

function refusedVariable(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): GraphQLError | undefined {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const refused = refusedValue(definition.variable.name.value, type, variables[definition.variable.name.value]);
    if (refused) return refusal(refused);
  }
  return undefined;
}

/**
 * What {@link refusedLiteral} found in a document (null: nothing), per schema:
 * it depends on the document alone, and Apollo Server hands every request of
 * the same text the same parsed document, so a document is walked once, not
 * on every request.
 */
const literalVerdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, GraphQLError | null>>();

function refusedLiteralOnce(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  let verdicts = literalVerdicts.get(schema);
  if (!verdicts) literalVerdicts.set(schema, (verdicts = new WeakMap()));
  let verdict = verdicts.get(document);
  if (verdict === undefined) verdicts.set(document, (verdict = refusedLiteral(schema, document) ?? null));
  // A fresh error per request: the one kept is never handed to a request's error handling.
  return verdict ? refusal(verdict.message) : undefined;
}

export const scalarInputPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        const refused = refusedLiteralOnce(schema, document) ?? (operation ? refusedVariable(schema, operation, request.variables ?? {}) : undefined);
        if (refused) throw refused;
      },
    };
  },
};

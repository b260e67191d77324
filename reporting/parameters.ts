/**
 * A report's parameters arrive as query-string text (`?status=POSTED`); they
 * become the operation's variables, checked against the schema's types
 * before anything runs, so a wrong one is a 400 that names it.
 */
import {
  coerceInputValue, getNamedType, GraphQLBoolean, GraphQLFloat, GraphQLInt, isInputType, isListType, isNonNullType,
  parseType, typeFromAST, type GraphQLSchema,
} from 'graphql';
import type { Report } from './catalogue';

/** A parameter the report does not take, or a value its type refuses. */
export class ReportParameterError extends Error {
  constructor(readonly parameter: string, message: string) {
    super(message);
  }
}

/** The variables of `report` from the query string; throws {@link ReportParameterError} naming the first bad one. */
export function reportVariables(schema: GraphQLSchema, report: Report, query: URLSearchParams): Record<string, unknown> {
  const known = new Map(report.parameters.map((p) => [p.name, p]));
  for (const name of new Set(query.keys())) {
    if (!known.has(name)) {
      const expected = report.parameters.length ? `one of ${report.parameters.map((p) => p.name).join(', ')}` : 'none';
      throw new ReportParameterError(name, `report ${report.name} takes no parameter "${name}": expected ${expected}`);
    }
    if (query.getAll(name).length > 1) throw new ReportParameterError(name, `parameter "${name}" is given ${query.getAll(name).length} times: expected once`);
  }
  const variables: Record<string, unknown> = {};
  for (const parameter of report.parameters) {
    const text = query.get(parameter.name);
    if (text === null) {
      if (parameter.required) throw new ReportParameterError(parameter.name, `report ${report.name} needs parameter "${parameter.name}" (${parameter.type})`);
      continue;
    }
    const type = typeFromAST(schema, parseType(parameter.type));
    if (!type || !isInputType(type)) throw new Error(`report ${report.name}: parameter ${parameter.name}'s type ${parameter.type} is not an input type of the schema`);
    if (isListType(isNonNullType(type) ? type.ofType : type)) {
      throw new Error(`report ${report.name}: parameter ${parameter.name} is a list, which a query string cannot carry`);
    }
    const raw = fromText(text, getNamedType(type).name);
    const problems: string[] = [];
    const value = coerceInputValue(raw, type, (_path, _invalid, error) => problems.push(error.message));
    if (problems.length > 0 || raw === undefined) {
      throw new ReportParameterError(parameter.name,
        `parameter "${parameter.name}" expects ${parameter.type}, got ${JSON.stringify(text)}${problems.length ? `: ${problems[0]}` : ''}`);
    }
    variables[parameter.name] = value;
  }
  return variables;
}

/** The query string's text as the JSON value a variable of that type takes; `undefined` when it cannot be one. */
function fromText(text: string, namedType: string): unknown {
  switch (namedType) {
    case GraphQLInt.name:
    case GraphQLFloat.name:
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
    case GraphQLBoolean.name:
      return text === 'true' ? true : text === 'false' ? false : undefined;
    default:
      return text;
  }
}

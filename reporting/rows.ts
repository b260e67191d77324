/**
 * A report's items as CSV rows: one row per item of the main list (or per
 * entry of its `rows` list), one cell per leaf path. Amounts stay the exact
 * decimal strings the API serves; a missing or null value is an empty cell.
 */
import type { Report } from './catalogue';

/** The header row: each column's path joined by `.`. */
export function csvHeader(report: Report): string[] {
  return report.columns.map((path) => path.join('.'));
}

/** The CSV rows of one item of the report's main list. */
export function csvRowsOf(report: Report, item: unknown): string[][] {
  if (report.rows === null) return [report.columns.map((path) => cell(valueAt(item, path)))];
  const entries = valueAt(item, [report.rows]);
  const each = Array.isArray(entries) && entries.length > 0 ? entries : [null];
  return each.map((entry) => report.columns.map((path) => cell(path[0] === report.rows ? valueAt(entry, path.slice(1)) : valueAt(item, path))));
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

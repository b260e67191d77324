"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.csvHeader = csvHeader;
exports.csvRowsOf = csvRowsOf;
/** The header row: each column's path joined by `.`. */
function csvHeader(report) {
    return report.columns.map((path) => path.join('.'));
}
/** The CSV rows of one item of the report's main list. */
function csvRowsOf(report, item) {
    if (report.rows === null)
        return [report.columns.map((path) => cell(valueAt(item, path)))];
    const entries = valueAt(item, [report.rows]);
    const each = Array.isArray(entries) && entries.length > 0 ? entries : [null];
    return each.map((entry) => report.columns.map((path) => cell(path[0] === report.rows ? valueAt(entry, path.slice(1)) : valueAt(item, path))));
}
function valueAt(value, path) {
    let current = value;
    for (const key of path) {
        if (current === null || typeof current !== 'object')
            return null;
        current = current[key];
    }
    return current;
}
function cell(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return JSON.stringify(value);
}
//# sourceMappingURL=rows.js.map
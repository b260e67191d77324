"use strict";
/**
 * Simulated time: UTC milliseconds, business days Monday–Friday.
 * The firm keeps one clock, in UTC, so every timestamp it writes is RFC 3339 with `Z`.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DAY = exports.HOUR = exports.MINUTE = void 0;
exports.dayOf = dayOf;
exports.isBusinessDay = isBusinessDay;
exports.businessDayAtOrAfter = businessDayAtOrAfter;
exports.addBusinessDays = addBusinessDays;
exports.addMonths = addMonths;
exports.nthBusinessDay = nthBusinessDay;
exports.dateText = dateText;
exports.periodText = periodText;
exports.timestampText = timestampText;
exports.parseStart = parseStart;
exports.MINUTE = 60_000;
exports.HOUR = 60 * exports.MINUTE;
exports.DAY = 24 * exports.HOUR;
/** Midnight UTC of the day holding `ms`. */
function dayOf(ms) {
    return ms - (((ms % exports.DAY) + exports.DAY) % exports.DAY);
}
function isBusinessDay(ms) {
    const weekday = new Date(ms).getUTCDay();
    return weekday !== 0 && weekday !== 6;
}
/** Midnight of the first business day at or after the day holding `ms`. */
function businessDayAtOrAfter(ms) {
    let day = dayOf(ms);
    while (!isBusinessDay(day))
        day += exports.DAY;
    return day;
}
/** Midnight of the business day `n` business days after the day holding `ms` (n ≥ 0). */
function addBusinessDays(ms, n) {
    let day = businessDayAtOrAfter(ms);
    for (let i = 0; i < n; i++) {
        day += exports.DAY;
        while (!isBusinessDay(day))
            day += exports.DAY;
    }
    return day;
}
/** Midnight UTC of the first day of the month `months` after the month holding `ms`. */
function addMonths(ms, months) {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}
/** Midnight of the `n`-th business day (1-based) of the month starting at `monthStart`. */
function nthBusinessDay(monthStart, n) {
    return addBusinessDays(monthStart, n - 1);
}
/** `YYYY-MM-DD` */
function dateText(ms) {
    return new Date(ms).toISOString().slice(0, 10);
}
/** `YYYY-MM` */
function periodText(ms) {
    return new Date(ms).toISOString().slice(0, 7);
}
/** RFC 3339 in UTC with milliseconds, e.g. `2025-01-06T17:32:10.123Z`. */
function timestampText(ms) {
    return new Date(ms).toISOString();
}
/** Parses `YYYY-MM` or `YYYY-MM-DD` (UTC); throws with what was expected. */
function parseStart(text) {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
    if (!m)
        throw new Error(`start expects YYYY-MM or YYYY-MM-DD, but got "${text}"`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
}
//# sourceMappingURL=calendar.js.map
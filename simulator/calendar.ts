/**
 * Simulated time: UTC milliseconds, business days Monday–Friday.
 * The firm keeps one clock, in UTC, so every timestamp it writes is RFC 3339 with `Z`.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Midnight UTC of the day holding `ms`. */
export function dayOf(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

export function isBusinessDay(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Midnight of the first business day at or after the day holding `ms`. */
export function businessDayAtOrAfter(ms: number): number {
  let day = dayOf(ms);
  while (!isBusinessDay(day)) day += DAY;
  return day;
}

/** Midnight of the business day `n` business days after the day holding `ms` (n ≥ 0). */
export function addBusinessDays(ms: number, n: number): number {
  let day = businessDayAtOrAfter(ms);
  for (let i = 0; i < n; i++) {
    day += DAY;
    while (!isBusinessDay(day)) day += DAY;
  }
  return day;
}

/** Midnight UTC of the first day of the month `months` after the month holding `ms`. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** Midnight of the `n`-th business day (1-based) of the month starting at `monthStart`. */
export function nthBusinessDay(monthStart: number, n: number): number {
  return addBusinessDays(monthStart, n - 1);
}

/** `YYYY-MM-DD` */
export function dateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM` */
export function periodText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** RFC 3339 in UTC with milliseconds, e.g. `2025-01-06T17:32:10.123Z`. */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses `YYYY-MM` or `YYYY-MM-DD` (UTC); throws with what was expected. */
export function parseStart(text: string): number {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`start expects YYYY-MM or YYYY-MM-DD, but got "${text}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
}

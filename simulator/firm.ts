/**
 * The simulated professional-services firm: a seeded, deterministic stream of
 * business events from its CRM, PSA, billing platform and ERP, in the causal
 * order those systems would emit them.
 *
 * ```ts
 * const { events } = simulateFirm({ seed: 42 });            // a few thousand events
 * for (const e of firmEvents({ seed: 7, scale: scaleForEvents(1_000_000) })) post(e);
 * ```
 */
import type { BusinessEvent } from '../events/types';
import { parseStart } from './calendar';
import { appendIllegal } from './illegal';
import type { Seed } from './random';
import { scheduleBilling } from './billing';
import { scheduleRevenue } from './revenue';
import { Sim, type SimSettings } from './sim';
import { planFirm } from './staffing';
import { scheduleWork } from './work';

export interface FirmOptions {
  /** Names the firm: the same seed and options give the same events. Default 1. */
  readonly seed?: Seed;
  /**
   * Size of the firm; events grow about linearly with it (≈ {@link EVENTS_PER_SCALE} per unit).
   * Default 1: about 2,600 events over two months and three weeks.
   */
  readonly scale?: number;
  /** Months of work (at least 2; billing, payments and month-end close follow each). Default grows with scale. */
  readonly months?: number;
  /** First month, `YYYY-MM` (or `YYYY-MM-DD`). Default `2025-01`. */
  readonly start?: string;
  /**
   * Append a few events that break a lifecycle rule (approving an approved time
   * entry, rejecting an approved one, voiding a paid invoice, reopening a closed
   * or cancelled project), after everything else. Only in-order delivery makes
   * them illegal for sure: delivered earlier, a contradiction may be legal.
   */
  readonly illegal?: boolean;
}

/** The sizes a {@link FirmOptions} resolves to. */
export interface FirmSize {
  readonly scale: number;
  readonly months: number;
  readonly consultants: number;
}

/** Roughly how many events one unit of scale yields (measured; see the unit tests). */
export const EVENTS_PER_SCALE = 2_600;

export function firmSize(options: FirmOptions = {}): FirmSize {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale expects a positive number, but got ${String(options.scale)}`);
  const months = Math.max(2, Math.round(options.months ?? (scale <= 1 ? 2 : Math.min(12, 2 + 1.5 * Math.log2(scale)))));
  // A consultant yields about 42 events a month (time, approvals, and their share of
  // expenses, invoices, payments and revenue); work goes on through the 20-day tail.
  const consultants = Math.max(4, Math.round(EVENTS_PER_SCALE * scale / (42 * (months + 0.66))));
  return { scale, months, consultants };
}

/** The scale whose firm has about `events` events (within a few per cent above a few thousand). */
export function scaleForEvents(events: number): number {
  if (!(events > 0)) throw new Error(`events expects a positive number, but got ${String(events)}`);
  return events / EVENTS_PER_SCALE;
}

function settingsOf(options: FirmOptions): SimSettings {
  const size = firmSize(options);
  return {
    seed: options.seed ?? 1,
    scale: size.scale,
    months: size.months,
    consultants: size.consultants,
    start: parseStart(options.start ?? '2025-01'),
    illegal: options.illegal ?? false,
  };
}

/**
 * The firm's events one at a time, in business order; holds only what is in
 * flight, so a million-event firm streams in bounded memory.
 */
export function* firmEvents(options: FirmOptions = {}): Generator<BusinessEvent, void, undefined> {
  const sim = new Sim(settingsOf(options));
  planFirm(sim);
  scheduleWork(sim);
  scheduleBilling(sim);
  scheduleRevenue(sim);
  for (;;) {
    const task = sim.scheduler.pop();
    if (!task) break;
    task.run();
    if (sim.out.length > 0) {
      const out = sim.out.splice(0);
      yield* out;
    }
  }
  if (sim.settings.illegal) yield* appendIllegal(sim);
}

/** The whole firm as an array (for tests and small runs; use {@link firmEvents} for large ones). */
export function simulateFirm(options: FirmOptions = {}): { events: BusinessEvent[] } {
  return { events: [...firmEvents(options)] };
}

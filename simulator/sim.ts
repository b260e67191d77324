/**
 * The shared context of one firm simulation: its random streams, agenda,
 * event emitter and state. The concerns (staffing, work, billing, revenue)
 * are functions over this context, each in its own file.
 */
import type { BusinessEvent } from '../events/types';
import { DAY, addMonths, nthBusinessDay } from './calendar';
import { Emitter } from './emitter';
import type { Consultant, Customer, Invoice, Project, TimeEntry } from './model';
import { Random, tagOf, type Seed } from './random';
import { Scheduler } from './scheduler';

export interface SimSettings {
  readonly seed: Seed;
  readonly scale: number;
  readonly months: number;
  readonly consultants: number;
  readonly start: number;
  readonly illegal: boolean;
}

/** Features every firm shows at least once; the first candidate of each gets it. */
export interface Firsts {
  rejection: boolean;
  hoursChanged: boolean;
  taxFailure: boolean;
  void: boolean;
  split: boolean;
  partial: boolean;
  reversal: boolean;
  openException: boolean;
  hold: boolean;
  dispute: boolean;
}

export class Sim {
  readonly scheduler = new Scheduler();
  readonly emitter: Emitter;
  /** Events emitted by the running task, handed out by the generator after it. */
  readonly out: BusinessEvent[] = [];

  readonly plan: Random;
  readonly work: Random;
  readonly billing: Random;
  readonly pay: Random;
  /** Which invoices a customer disputes, and for how long (its own stream: the other payments keep theirs). */
  readonly disputes: Random;
  readonly revenue: Random;

  /** First moment of the simulation (midnight of the first day). */
  readonly horizonStart: number;
  /** No business event happens after this moment (except the `illegal` appendix). */
  readonly horizonEnd: number;
  /** Billing runs: first business day of each month after the first. */
  readonly billingRuns: number[] = [];

  readonly customers: Customer[] = [];
  readonly consultants: Consultant[] = [];
  readonly projects: Project[] = [];
  /** Projects created and possibly still to bill, in the order they (re)entered billing. */
  readonly live = new Set<Project>();
  /** Customer names in use, so that no two accounts share one by accident. */
  readonly usedNames = new Set<string>();

  readonly firsts: Firsts = {
    rejection: false, hoursChanged: false, taxFailure: false, void: false, split: false, partial: false,
    reversal: false, openException: false, hold: false, dispute: false,
  };

  /** Expenses so far: the first three are one of each kind (billable, billable with billAmount, not billable). */
  expenseCount = 0;

  // the merge story
  survivor!: Customer;
  duplicate!: Customer;
  mergeAt = 0;

  // candidates for the `illegal` appendix
  approved: TimeEntry[] = [];
  paidInvoice?: Invoice;
  endedProject?: Project;

  private readonly counters = new Map<string, number>();

  constructor(readonly settings: SimSettings) {
    const root = new Random(settings.seed, 'firm');
    this.plan = root.fork('plan');
    this.work = root.fork('work');
    this.billing = root.fork('billing');
    this.pay = root.fork('payments');
    this.disputes = root.fork('disputes');
    this.revenue = root.fork('revenue');
    const tag = tagOf(`${String(settings.seed)}|${settings.scale}|${settings.months}|${settings.start}`);
    this.emitter = new Emitter(tag, (event) => this.out.push(event));
    this.horizonStart = settings.start;
    const workEnd = addMonths(settings.start, settings.months);
    this.horizonEnd = workEnd + 20 * DAY;
    for (let m = 1; m <= settings.months; m++) {
      this.billingRuns.push(nthBusinessDay(addMonths(settings.start, m), 1));
    }
  }

  /** Next id of a kind: `nextId('PRJ', 4)` → `PRJ-0001`. */
  nextId(prefix: string, width: number): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(width, '0')}`;
  }

  /** Schedules an action unless it falls after the horizon. */
  at(time: number, run: () => void): void {
    if (time <= this.horizonEnd) this.scheduler.at(time, run);
  }
}

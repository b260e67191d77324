/**
 * The firm's agenda: actions keyed by simulated time, run in time order
 * (ties in the order they were scheduled). A binary heap keeps million-event
 * runs cheap: only the actions in flight are held, never the whole history.
 */
interface Task {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

export class Scheduler {
  private readonly heap: Task[] = [];
  private order = 0;

  /** Schedules `run` at simulated time `at` (ms). */
  at(at: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ at, order: this.order++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The earliest task, removed from the agenda; undefined when empty. */
  pop(): Task | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

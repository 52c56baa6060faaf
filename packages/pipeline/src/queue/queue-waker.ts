/** What the waker needs of a graphile-worker pool (`WorkerPool.nudge`: look for jobs right now). */
export interface Nudgeable {
  nudge(count: number): void;
}

/** Timers share 10 ms slots: a burst of jobs due together costs one timer and one fetch. */
const SLOT_MS = 10;
/**
 * A second look this long after the first: the first finds nothing when the job's named queue is still
 * held by a job running then, or when the database's clock is a little behind this process's.
 */
const AGAIN_MS = 250;

/**
 * Wakes this process's queue when a job it put off becomes due. graphile-worker is told at once of
 * a job added for now (LISTEN/NOTIFY), but finds one added or moved to a later time only at its next
 * poll (`pollInterval`, 1 s). A write held back by a rate budget comes due when the budget frees —
 * often well inside a second — and would otherwise wait for that poll, leaving the freed call unused.
 * Only the process that put the job off is woken; other processes still find it at their poll.
 */
export class QueueWaker {
  readonly #pools = new Set<Nudgeable>();
  readonly #timers = new Map<number, NodeJS.Timeout>();

  constructor(private readonly now: () => number = Date.now) {}

  attach(pool: Nudgeable): void {
    this.#pools.add(pool);
  }

  detach(pool: Nudgeable): void {
    this.#pools.delete(pool);
  }

  /** Looks for due jobs just after `at` (epoch ms), and once more a moment later. */
  wakeAt(at: number): void {
    this.#set(Math.ceil(at / SLOT_MS) * SLOT_MS + SLOT_MS);
    const again = Math.ceil((at + AGAIN_MS) / SLOT_MS) * SLOT_MS;
    if (again > this.now()) this.#set(again);
  }

  #set(slot: number): void {
    if (this.#timers.has(slot)) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(slot);
        for (const pool of this.#pools) {
          try {
            pool.nudge(1);
          } catch {
            // A pool shutting down refuses; the others still look, and the poll remains.
            this.#pools.delete(pool);
          }
        }
      },
      Math.max(0, slot - this.now()),
    );
    timer.unref();
    this.#timers.set(slot, timer);
  }

  /** Timers still set (for tests and metrics). */
  get pending(): number {
    return this.#timers.size;
  }

  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#pools.clear();
  }
}

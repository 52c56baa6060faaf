import { BinaryHeap } from "./binary-heap.ts";
import { type FacetTimelines, type SlackFacetName, type SlackFacets } from "./expected-slack.ts";
import { noCalls, type SlackLimits, type SlackWriteMethod } from "./slack-limits.ts";
import { SlidingLog } from "./sliding-log.ts";
import { appendSegment, segmentEnd, segmentIndexAt, type Segment, type Timeline } from "./timeline.ts";

/*
 * The ideal scheduler: what Slack would show if every write were placed by an offline, clairvoyant
 * scheduler with zero latency, under Slack's rate limits. It is the yardstick for the real bridge.
 *
 * Facets are independent (each has its own methods and budgets), so each is scheduled alone. Slack
 * shows each person's expected value at the day's start. From then on a person whose shown value differs
 * from the expected one is pending; whenever a budget allows a call, the scheduler writes the current
 * expected value of the pending person whose write buys the most correct person-time: the one whose
 * current expected segment ends last (the value of writing p at t is min(segment end, day end) − t, and
 * t is the same for every candidate). A state that ends before the budget allows its write is simply
 * never written.
 *
 * This is a clairvoyant greedy, an upper-bound-ish baseline rather than a proven optimum. Writing the
 * longest remaining segment first is optimal when every schedule gets the same call times and a write
 * costs nothing later (an exchange argument: swapping a write for the longest remaining one never loses
 * person-time). Neither holds in general: a short state that is written must also be undone, while an
 * unwritten one may become right again by itself; and when a write is made moves when the sliding window
 * frees up, so the call times depend on the schedule. Small cases exist (the tests show one) in which
 * even a naive oldest-first queue does a few ms better. So it is a strong baseline, not a strict bound:
 * an optimal schedule could do better, and a bridge may match or slightly beat it in corner cases.
 *
 * Event-driven: a heap of people by their next expected change, a heap of pending people per method
 * (stale entries are skipped when popped), and, for the status's per-person limit, a heap of people
 * waiting for their own budget. Time jumps to the next change, release or freed budget.
 */

/**
 * Which pending person is written first: the ideal's rule (the true end of the state), a naive bridge's
 * queue, or an estimate of the end made when the state starts (`expectedEnd(person, from)` for the state
 * person `person` entered at `from`), as the bridge orders its waiting writes: the same scheduler
 * without clairvoyance.
 */
export type WriteOrder =
  "longest-remaining" | "oldest-pending" | { expectedEnd: (person: number, from: number) => number };

/** One order per facet (a facet left out is written oldest first). */
export type FacetOrders = { [F in SlackFacetName]?: WriteOrder };

function orderOf(order: WriteOrder | FacetOrders, facet: SlackFacetName): WriteOrder {
  if (typeof order === "string" || "expectedEnd" in order) return order;
  return order[facet] ?? "oldest-pending";
}

export interface ScheduleDay {
  /** The day is [start, end) in trace ms; Slack shows the expected values at `start`. */
  start: number;
  end: number;
}

export interface FacetSchedule<V> {
  /** What Slack shows of each person (same order as the input), from `start`. */
  shown: Timeline<V>[];
  calls: Record<SlackWriteMethod, number>;
}

export interface DaySchedule {
  shown: FacetTimelines[];
  calls: Record<SlackWriteMethod, number>;
}

/** The method a write of `value` to `facet` uses. */
export function writeMethod<F extends SlackFacetName>(facet: F, value: SlackFacets[F]): SlackWriteMethod {
  if (facet === "status") return "users.profile.set";
  if (facet === "dnd") return value ? "dnd.setSnooze" : "dnd.endSnooze";
  return "users.setPresence";
}

/** The ideal schedule of all three facets for everyone (`expected[i]` is person i's expected timelines). */
export function idealSchedule(
  expected: readonly FacetTimelines[],
  day: ScheduleDay,
  limits: SlackLimits,
  order: WriteOrder | FacetOrders = "longest-remaining",
): DaySchedule {
  const schedule = <F extends SlackFacetName>(facet: F) =>
    scheduleFacet(
      facet,
      expected.map((e) => e[facet]),
      day,
      limits,
      orderOf(order, facet),
    );
  const status = schedule("status");
  const dnd = schedule("dnd");
  const away = schedule("away");
  const calls = noCalls();
  for (const facet of [status, dnd, away])
    for (const [method, count] of Object.entries(facet.calls)) calls[method as SlackWriteMethod] += count;
  const shown = expected.map((_, i) => ({
    status: status.shown[i] ?? [],
    dnd: dnd.shown[i] ?? [],
    away: away.shown[i] ?? [],
  }));
  return { shown, calls };
}

/** One person's state while a facet is scheduled. */
interface Person<V> {
  index: number;
  expected: Timeline<V>;
  /** The current expected segment, and when the next one starts. */
  segment: number;
  nextChange: number;
  /** What Slack shows, and since when it has differed from the expected value (NaN: it does not). */
  shownValue: V;
  pendingSince: number;
  shown: Segment<V>[];
  /** The person's own budget (status only). */
  own: SlidingLog | null;
}

/** An entry in a method's heap of pending people, valid while the person is pending on `segment`. */
interface Candidate<V> {
  person: Person<V>;
  segment: number;
  /** Larger is written first. */
  priority: number;
}

/** A pending person waiting for their own budget until `at`. */
interface Blocked<V> {
  person: Person<V>;
  segment: number;
  at: number;
}

const FACET_METHODS: Record<SlackFacetName, readonly SlackWriteMethod[]> = {
  status: ["users.profile.set"],
  dnd: ["dnd.setSnooze", "dnd.endSnooze"],
  away: ["users.setPresence"],
};

/** One facet's schedule for everyone, writing pending people in `order`. */
export function scheduleFacet<F extends SlackFacetName>(
  facet: F,
  expected: readonly Timeline<SlackFacets[F]>[],
  day: ScheduleDay,
  limits: SlackLimits,
  order: WriteOrder = "longest-remaining",
): FacetSchedule<SlackFacets[F]> {
  type V = SlackFacets[F];
  const { start, end } = day;
  const calls = noCalls();
  const budgets = new Map<SlackWriteMethod, { log: SlidingLog; pending: BinaryHeap<Candidate<V>> }>();
  for (const method of FACET_METHODS[facet])
    budgets.set(method, {
      log: new SlidingLog(limits.allowance[method], limits.windowMs),
      pending: new BinaryHeap<Candidate<V>>(
        (a, b) => a.priority > b.priority || (a.priority === b.priority && a.person.index < b.person.index),
      ),
    });
  const changes = new BinaryHeap<Person<V>>(
    (a, b) => a.nextChange < b.nextChange || (a.nextChange === b.nextChange && a.index < b.index),
  );
  const blocked = new BinaryHeap<Blocked<V>>(
    (a, b) => a.at < b.at || (a.at === b.at && a.person.index < b.person.index),
  );

  const expectedValue = (p: Person<V>) => (p.expected[p.segment] as Segment<V>).value;
  const isPending = (p: Person<V>, segment: number) =>
    p.segment === segment && expectedValue(p) !== p.shownValue;
  const budgetFor = (p: Person<V>) => budgets.get(writeMethod(facet, expectedValue(p)));
  const enqueue = (p: Person<V>) => {
    const priority =
      order === "longest-remaining"
        ? Math.min(segmentEnd(p.expected, p.segment), end)
        : order === "oldest-pending"
          ? -p.pendingSince
          : order.expectedEnd(p.index, (p.expected[p.segment] as Segment<V>).from);
    budgetFor(p)?.pending.push({ person: p, segment: p.segment, priority });
  };

  const people = expected.map((timeline, index): Person<V> => {
    const segment = segmentIndexAt(timeline, start);
    const first = timeline[segment];
    if (!first)
      throw new Error(`person ${index}: the expected ${facet} timeline starts after the day's start`);
    const person: Person<V> = {
      index,
      expected: timeline,
      segment,
      nextChange: segmentEnd(timeline, segment),
      shownValue: first.value,
      pendingSince: NaN,
      shown: [{ from: start, value: first.value }],
      own: facet === "status" ? new SlidingLog(limits.statusPerPersonAllowance, limits.windowMs) : null,
    };
    if (person.nextChange < end) changes.push(person);
    return person;
  });

  let t = start;
  while (t < end) {
    // 1. Expected changes at t (before any write at t, so a write at t carries the value of t).
    while ((changes.peek()?.nextChange ?? Infinity) <= t) {
      const p = changes.pop() as Person<V>;
      p.segment += 1;
      p.nextChange = segmentEnd(p.expected, p.segment);
      if (p.nextChange < end) changes.push(p);
      if (expectedValue(p) === p.shownValue) p.pendingSince = NaN;
      else {
        if (Number.isNaN(p.pendingSince)) p.pendingSince = t;
        enqueue(p);
      }
    }
    // 2. People whose own budget allows a write again.
    while ((blocked.peek()?.at ?? Infinity) <= t) {
      const { person, segment } = blocked.pop() as Blocked<V>;
      if (isPending(person, segment)) enqueue(person);
    }
    // 3. Writes, while each method's budget allows.
    for (const [method, { log, pending }] of budgets) {
      while (pending.size > 0 && log.nextFree(t) === t) {
        const { person, segment } = pending.pop() as Candidate<V>;
        if (!isPending(person, segment)) continue;
        const ownFree = person.own?.nextFree(t) ?? t;
        if (ownFree > t) {
          blocked.push({ person, segment, at: ownFree });
          continue;
        }
        log.record(t);
        person.own?.record(t);
        calls[method] += 1;
        person.shownValue = expectedValue(person);
        person.pendingSince = NaN;
        appendSegment(person.shown, t, person.shownValue);
      }
    }
    // 4. The next instant anything can happen.
    let next = Math.min(changes.peek()?.nextChange ?? Infinity, blocked.peek()?.at ?? Infinity);
    for (const { log, pending } of budgets.values())
      if (pending.size > 0) next = Math.min(next, log.nextFree(t));
    t = next;
  }
  return { shown: people.map((p) => p.shown), calls };
}

import type { BenchPerson, BenchWorld } from "../bench-world.ts";
import { toTrace, type DayClock } from "./replay-day.ts";
import { appendSegment, type Segment } from "./timeline.ts";

/**
 * Samples what Teams shows of each person's Slack huddles: whether the bridge's presence session
 * (an app session in the Graph emulator) shows the huddle's presence. Every `everyMs` of wall clock
 * (50 ms = 3 s of trace at K = 60), so times are that precise.
 */
export class HuddleWatch {
  readonly #shown = new Map<string, Segment<boolean>[]>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly world: BenchWorld,
    private readonly people: readonly BenchPerson[],
    private readonly clock: DayClock,
    /** What the bridge's session shows for a huddle (the rule set's huddle rule). */
    private readonly huddlePresence: { availability: string; activity: string },
    private readonly everyMs = 50,
  ) {}

  start(): void {
    this.sample();
    this.#timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** Each person's "Teams shows a huddle" timeline, by Slack id. */
  stop(): Map<string, Segment<boolean>[]> {
    if (this.#timer) clearInterval(this.#timer);
    this.sample();
    return this.#shown;
  }

  sample(): void {
    const control = this.world.graph.emulator.control;
    const at = toTrace(this.clock, Date.now());
    const { availability, activity } = this.huddlePresence;
    for (const person of this.people) {
      const shown = control
        .sessions(person.teamsId)
        .some(
          (s) => s.kind === "app" && s.shown.availability === availability && s.shown.activity === activity,
        );
      let timeline = this.#shown.get(person.slackId);
      if (!timeline) this.#shown.set(person.slackId, (timeline = []));
      appendSegment(timeline, at, shown);
    }
  }
}

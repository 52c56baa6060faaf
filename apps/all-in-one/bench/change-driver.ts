import { seededRandom } from "@presence/core/testing";

import type { BenchPerson, BenchWorld } from "./bench-world.ts";

/** One change a person made in their own client, and when. */
export interface SourceChange {
  person: BenchPerson;
  side: "teams" | "slack";
  at: number;
}

const TEAMS_CYCLE = [
  { availability: "Busy", activity: "InAMeeting" },
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "InACall" },
  { availability: "Available", activity: "Available" },
  { availability: "DoNotDisturb", activity: "Presenting" },
  { availability: "Available", activity: "Available" },
] as const;
/** Each step is something the bridge writes to Teams (mapping.md, Slack → Teams). */
const SLACK_CYCLE = ["joinHuddle", "leaveHuddle", "meeting", "clearStatus"] as const;

/**
 * People change their state in their own clients at a steady rate: even-numbered people in Teams,
 * odd-numbered in Slack, alternately, each person in turn (a shuffled order), every change one the
 * bridge must mirror.
 */
export class ChangeDriver {
  readonly #teams: BenchPerson[];
  readonly #slack: BenchPerson[];
  readonly #step = new Map<number, number>();
  #turn = 0;

  constructor(
    private readonly world: BenchWorld,
    seed: number,
  ) {
    const random = seededRandom(seed);
    const shuffle = (people: BenchPerson[]) =>
      people
        .map((person) => ({ person, key: random() }))
        .sort((a, b) => a.key - b.key)
        .map((entry) => entry.person);
    this.#teams = shuffle(world.people.filter((p) => p.index % 2 === 0));
    this.#slack = shuffle(world.people.filter((p) => p.index % 2 === 1));
  }

  /** `rate` changes a second for `seconds`; returns every change made. */
  async run(rate: number, seconds: number): Promise<SourceChange[]> {
    const changes: SourceChange[] = [];
    const start = Date.now();
    const total = Math.round(rate * seconds);
    while (changes.length < total) {
      const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
      while (changes.length < due) changes.push(this.#change());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return changes;
  }

  #change(): SourceChange {
    const side = this.#turn % 2 === 0 ? "teams" : "slack";
    const pool = side === "teams" ? this.#teams : this.#slack;
    const person = pool[Math.floor(this.#turn / 2) % pool.length] as BenchPerson;
    this.#turn += 1;
    const step = this.#step.get(person.index) ?? 0;
    this.#step.set(person.index, step + 1);
    // Before the change: the emulators send its events and notifications at once.
    const at = Date.now();
    if (side === "teams") this.#changeTeams(person, step);
    else this.#changeSlack(person, step);
    return { person, side, at };
  }

  #changeTeams(person: BenchPerson, step: number): void {
    const control = this.world.graph.emulator.control;
    const next = TEAMS_CYCLE[step % TEAMS_CYCLE.length] ?? TEAMS_CYCLE[0];
    const bridgeApp = (this.world.graph.config.AZURE_CLIENT_ID ?? "").toLowerCase();
    const own = control.sessions(person.teamsId).find((s) => s.sessionId.toLowerCase() !== bridgeApp);
    if (own) control.updateTeamsSession(person.teamsId, own.sessionId, next);
    else control.openTeamsSession(person.teamsId, next);
  }

  #changeSlack(person: BenchPerson, step: number): void {
    const control = this.world.slack.control;
    const userId = person.slackId;
    switch (SLACK_CYCLE[step % SLACK_CYCLE.length]) {
      case "joinHuddle":
        control.joinHuddle({ userId });
        break;
      case "leaveHuddle":
        control.leaveHuddle({ userId });
        break;
      case "meeting":
        control.setStatus({ userId, text: "In a meeting", emoji: ":spiral_calendar_pad:" });
        break;
      default:
        control.clearStatus({ userId });
    }
  }
}

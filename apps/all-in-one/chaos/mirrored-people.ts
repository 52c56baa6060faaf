import {
  previewSlackToTeams,
  previewTeamsToSlack,
  type BridgeSettings,
  type LinkPolicy,
  type RuleSet,
  type SlackView,
} from "@presence/core";
import type { GraphEmulator } from "@presence/graph-emulator";
import type { SlackEmulator } from "@presence/slack-emulator";

/**
 * The people of the run and the one side each changes: "teams" people change only in Teams (their own
 * Teams client), "slack" people only in Slack. So the latest source state of everyone is known, and
 * what the other side must show follows from the rules in force (the same preview the admin UI uses).
 */
export interface ChaosPerson {
  email: string;
  slackId: string;
  teamsId: string;
  source: "teams" | "slack";
}

const TEAMS_STATES = [
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "InAMeeting" },
  { availability: "Busy", activity: "InACall" },
  { availability: "DoNotDisturb", activity: "Presenting" },
  { availability: "Away", activity: "Away" },
] as const;
type TeamsState = (typeof TEAMS_STATES)[number];

const SLACK_STATUSES = [
  { text: "", emoji: "" },
  { text: "Lunch", emoji: ":sandwich:" },
  { text: "In a meeting", emoji: ":spiral_calendar_pad:" },
  { text: "Vacationing", emoji: ":palm_tree:" },
  { text: "Commuting", emoji: ":bus:" },
] as const;
interface SlackState {
  status: { text: string; emoji: string };
  huddle: boolean;
  dnd: boolean;
}

export interface Mismatch {
  email: string;
  what: string;
}

export interface Rules {
  rules: RuleSet;
  settings: BridgeSettings;
  policy: LinkPolicy;
}

/** The source states the run set and the checks of what the other side shows. */
export class MirroredPeople {
  readonly #teams = new Map<string, TeamsState>();
  readonly #slack = new Map<string, SlackState>();
  /** Source changes made, per side. */
  readonly changes = { teams: 0, slack: 0 };

  constructor(
    readonly people: readonly ChaosPerson[],
    private readonly slack: SlackEmulator,
    private readonly graph: GraphEmulator,
    private readonly bridgeClientId: string,
    private readonly random: () => number,
  ) {
    for (const person of people) {
      if (person.source === "teams") this.#teams.set(person.email, TEAMS_STATES[0]);
      else this.#slack.set(person.email, { status: { text: "", emoji: "" }, huddle: false, dnd: false });
    }
  }

  /** One person changes one thing on their own side, as they would in their client. */
  changeSomeone(): ChaosPerson {
    const person = this.#pick(this.people);
    if (person.source === "teams") this.#changeTeams(person);
    else this.#changeSlack(person);
    return person;
  }

  #changeTeams(person: ChaosPerson): void {
    const current = this.#teams.get(person.email);
    const next = this.#pick(TEAMS_STATES.filter((state) => state !== current));
    const control = this.graph.control;
    const own = control.sessions(person.teamsId).find((s) => s.sessionId !== this.bridgeClientId);
    if (own) control.updateTeamsSession(person.teamsId, own.sessionId, next);
    else control.openTeamsSession(person.teamsId, next);
    this.#teams.set(person.email, next);
    this.changes.teams += 1;
  }

  #changeSlack(person: ChaosPerson): void {
    const state = this.#slack.get(person.email) ?? {
      status: { text: "", emoji: "" },
      huddle: false,
      dnd: false,
    };
    const control = this.slack.control;
    const userId = person.slackId;
    const facet = this.#pick(["status", "status", "huddle", "dnd"] as const);
    if (facet === "status") {
      const next = this.#pick(SLACK_STATUSES.filter((s) => s.text !== state.status.text));
      if (next.text === "") control.clearStatus({ userId });
      else control.setStatus({ userId, text: next.text, emoji: next.emoji });
      state.status = { text: next.text, emoji: next.emoji };
    } else if (facet === "huddle") {
      if (state.huddle) control.leaveHuddle({ userId });
      else control.joinHuddle({ userId });
      state.huddle = !state.huddle;
    } else {
      if (state.dnd) control.endSnooze({ userId });
      else control.snoozeDnd({ userId, minutes: 120 });
      state.dnd = !state.dnd;
    }
    this.#slack.set(person.email, state);
    this.changes.slack += 1;
  }

  /**
   * Everything that differs from what must be shown now: the mirrored side of each person, and their
   * own side (never overwritten by the bridge: nothing of theirs comes back to them).
   */
  mismatches(rules: Rules): Mismatch[] {
    const found: Mismatch[] = [];
    for (const person of this.people) {
      const problems =
        person.source === "teams"
          ? this.#checkTeamsSourced(person, rules)
          : this.#checkSlackSourced(person, rules);
      for (const what of problems) found.push({ email: person.email, what });
    }
    return found;
  }

  /** Teams → Slack: the Slack status, DND and away the rules give; no app session of the bridge in Teams. */
  #checkTeamsSourced(person: ChaosPerson, { rules, settings, policy }: Rules): string[] {
    const teams = this.#teams.get(person.email) ?? TEAMS_STATES[0];
    const { hold } = previewTeamsToSlack(rules, settings, policy, { presence: { ...teams } }, {});
    const control = this.slack.control;
    const profile = control.getProfile({ userId: person.slackId }) as {
      status_text: string;
      status_emoji: string;
    };
    const dnd = control.getDnd({ userId: person.slackId }) as { snooze_enabled: boolean };
    const presence = control.getPresence({ userId: person.slackId }) as { manualAway: boolean };
    const problems: string[] = [];
    const want = hold.status ?? { text: "", emoji: "" };
    if (profile.status_text !== want.text || profile.status_emoji !== want.emoji)
      problems.push(
        `Slack status "${profile.status_emoji} ${profile.status_text}" ≠ "${want.emoji} ${want.text}" for Teams ${teams.availability}/${teams.activity}`,
      );
    if (dnd.snooze_enabled !== (hold.dnd !== undefined))
      problems.push(
        `Slack DND ${dnd.snooze_enabled ? "on" : "off"} for Teams ${teams.availability}/${teams.activity}`,
      );
    if (presence.manualAway !== (hold.presence?.away === true))
      problems.push(`Slack away ${presence.manualAway} for Teams ${teams.availability}/${teams.activity}`);
    const session = this.#bridgeSession(person);
    if (session)
      problems.push(`written back to Teams: a bridge session ${session.availability}/${session.activity}`);
    return problems;
  }

  /** Slack → Teams: the bridge's own Teams session and status message the rules give; Slack untouched. */
  #checkSlackSourced(person: ChaosPerson, { rules, settings, policy }: Rules): string[] {
    const slack = this.#slack.get(person.email);
    if (!slack) return [];
    const view: SlackView = {
      status: { ...slack.status, expiresAt: null },
      huddle: { inHuddle: slack.huddle },
      dnd: { snoozed: slack.dnd, until: null },
      presence: { away: false },
    };
    const { hold } = previewSlackToTeams(rules, settings, policy, view, {
      presence: { availability: "Available", activity: "Available" },
    });
    const problems: string[] = [];
    const described = `Slack "${slack.status.text}" huddle=${slack.huddle} dnd=${slack.dnd}`;
    const session = this.#bridgeSession(person);
    const want = hold.session;
    if (want && (session?.availability !== want.availability || session.activity !== want.activity))
      problems.push(
        `Teams session ${session ? `${session.availability}/${session.activity}` : "none"} ≠ ${want.availability}/${want.activity} for ${described}`,
      );
    if (!want && session)
      problems.push(`Teams session ${session.availability}/${session.activity} left for ${described}`);
    const message = this.graph.control.presence(person.teamsId).statusMessage?.content ?? "";
    const wantMessage = hold.statusMessage?.text ?? "";
    if (message !== wantMessage)
      problems.push(`Teams message "${message}" ≠ "${wantMessage}" for ${described}`);
    const profile = this.slack.control.getProfile({ userId: person.slackId }) as { status_text: string };
    if (profile.status_text !== slack.status.text)
      problems.push(`their own Slack status overwritten: "${profile.status_text}" ≠ "${slack.status.text}"`);
    return problems;
  }

  #bridgeSession(person: ChaosPerson): { availability: string; activity: string } | undefined {
    return this.graph.control.sessions(person.teamsId).find((s) => s.sessionId === this.bridgeClientId);
  }

  #pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error("nothing to pick from");
    return item;
  }
}

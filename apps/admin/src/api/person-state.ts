import {
  ownSlackClassification,
  ownSlackView,
  ownTeamsView,
  slackPresenceState,
  teamsPresenceState,
  type BridgeSettings,
  type RuleSet,
} from "@presence/core";
import { loadLinkSnapshot, type DbClient, type Link, listLinkSides } from "@presence/db";

/**
 * What the bridge knows about one person right now: each side as observed, the person's own state
 * there (canonical, without what the bridge holds), and what the bridge holds, wrote and is writing.
 */
export async function personState(
  db: DbClient,
  link: Link,
  settings: BridgeSettings,
  rules: RuleSet,
  now = Date.now(),
) {
  const snapshot = await loadLinkSnapshot(db, link.id, settings);
  const sides = await listLinkSides(db, link.id);
  if (!snapshot) return null;
  const times = (side: "slack" | "teams") => {
    const row = sides.find((s) => s.side === side);
    return {
      observedAt: row?.observedAt ?? null,
      writtenAt: row?.writtenAt ?? null,
      heldUntil: row?.heldUntil ?? null,
    };
  };
  const meta = (side: "slack" | "teams") => ({
    observedAt: times(side).observedAt?.getTime() ?? 0,
    sourceVersion: "",
  });
  const slackOwn = ownSlackClassification(
    ownSlackView(snapshot.slack, settings, new Set()),
    rules,
    settings,
    now,
  );
  return {
    link,
    policy: snapshot.policy,
    slack: {
      own: slackPresenceState(slackOwn, meta("slack")),
      view: snapshot.slack.view,
      hold: snapshot.slack.hold,
      written: snapshot.slack.written,
      attempted: snapshot.slack.attempted,
      ...times("slack"),
    },
    teams: {
      own: teamsPresenceState(ownTeamsView(snapshot.teams, new Set()), meta("teams")),
      view: snapshot.teams.view,
      hold: snapshot.teams.hold,
      written: snapshot.teams.written,
      attempted: snapshot.teams.attempted,
      ...times("teams"),
    },
    /** What the Outlook spoke read (free/busy blocks, automatic replies): the end times the bridge knows. */
    outlook: {
      view: snapshot.outlook.view,
      observedAt: sides.find((s) => s.side === "outlook")?.observedAt ?? null,
    },
  };
}

import type { DemoChange, DemoPanel, DemoPersonView } from "@presence/admin";
import { BridgeError } from "@presence/core";
import type { DemoSlack } from "@presence/slack-bridge";
import type { GraphDemo } from "@presence/teams-bridge";

/**
 * The demo panel on both emulators: a change "in Teams" is made in the person's own Teams client
 * session (as when they join a meeting), a change "in Slack" as if they set it in their Slack client.
 */
export function createDemoPanel(slack: DemoSlack, graph: GraphDemo): DemoPanel {
  const slackControl = slack.emulator.control;
  const graphControl = graph.emulator.control;
  const clientId = graph.config.AZURE_CLIENT_ID;
  const emails = [
    ...new Set([...slack.people.map((p) => p.email), ...graph.people.map((p) => p.mail ?? "")]),
  ].filter(Boolean);
  const slackOf = (email: string) => slack.people.find((p) => p.email === email);
  const teamsOf = (email: string) => graph.people.find((p) => p.mail === email);
  /** The person's own Teams client session (not the bridge app's). */
  const clientSession = (userId: string) =>
    graphControl.sessions(userId).find((s) => s.sessionId !== clientId);

  return {
    async people(): Promise<DemoPersonView[]> {
      return emails.map((email) => {
        const s = slackOf(email);
        const t = teamsOf(email);
        const profile = s
          ? (slackControl.getProfile({ userId: s.id }) as {
              status_text: string;
              status_emoji: string;
              huddle_state?: string;
            })
          : null;
        const presence = t ? graphControl.presence(t.id) : null;
        return {
          email,
          name: s?.name ?? t?.displayName ?? email,
          slack:
            s && profile
              ? {
                  userId: s.id,
                  statusText: profile.status_text,
                  statusEmoji: profile.status_emoji,
                  inHuddle: profile.huddle_state === "in_a_huddle",
                }
              : null,
          teams:
            t && presence
              ? {
                  userId: t.id,
                  availability: presence.availability,
                  activity: presence.activity,
                  outOfOffice: presence.outOfOffice.isOutOfOffice,
                  statusMessage: presence.statusMessage?.content ?? "",
                }
              : null,
        };
      });
    },

    async change(change: DemoChange): Promise<void> {
      const person = { slack: slackOf(change.email), teams: teamsOf(change.email) };
      switch (change.action) {
        case "teams_presence": {
          if (!person.teams) throw notFound(change.email, "Teams");
          const pair = { availability: change.availability, activity: change.activity };
          const session = clientSession(person.teams.id);
          if (session) graphControl.updateTeamsSession(person.teams.id, session.sessionId, pair);
          else graphControl.openTeamsSession(person.teams.id, pair);
          return;
        }
        case "teams_out_of_office":
          if (!person.teams) throw notFound(change.email, "Teams");
          graphControl.setOutOfOffice(person.teams.id, { isOutOfOffice: change.on });
          return;
        case "slack_status":
          if (!person.slack) throw notFound(change.email, "Slack");
          if (change.text === "" && change.emoji === "")
            slackControl.clearStatus({ userId: person.slack.id });
          else slackControl.setStatus({ userId: person.slack.id, text: change.text, emoji: change.emoji });
          return;
        case "slack_huddle":
          if (!person.slack) throw notFound(change.email, "Slack");
          if (change.on) slackControl.joinHuddle({ userId: person.slack.id });
          else slackControl.leaveHuddle({ userId: person.slack.id });
          return;
      }
    },
  };
}

function notFound(email: string, side: string): BridgeError {
  return new BridgeError("not_found", `${email} is not a demo person in ${side}`);
}

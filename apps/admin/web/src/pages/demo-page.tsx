import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import { ErrorNote, Loading } from "../components/feedback";

type ChangeBody = NonNullable<
  paths["/api/demo/change"]["post"]["requestBody"]
>["content"]["application/json"];
/** A change without whose it is (every person gets the same buttons). */
type Change = ChangeBody extends infer C ? (C extends unknown ? Omit<C, "email"> : never) : never;

const TEAMS_BUTTONS: { label: string; change: Change }[] = [
  {
    label: "Join a meeting",
    change: { action: "teams_presence", availability: "Busy", activity: "InAMeeting" },
  },
  { label: "Start a call", change: { action: "teams_presence", availability: "Busy", activity: "InACall" } },
  {
    label: "Present",
    change: { action: "teams_presence", availability: "DoNotDisturb", activity: "Presenting" },
  },
  {
    label: "Back to Available",
    change: { action: "teams_presence", availability: "Available", activity: "Available" },
  },
];
const SLACK_BUTTONS: { label: string; change: Change }[] = [
  { label: "Join a huddle", change: { action: "slack_huddle", on: true } },
  { label: "Leave the huddle", change: { action: "slack_huddle", on: false } },
  { label: "Set “Commuting”", change: { action: "slack_status", text: "Commuting", emoji: ":bus:" } },
  { label: "Clear status", change: { action: "slack_status", text: "", emoji: "" } },
];

/**
 * The zero-config demo's panel: change someone's state "in Teams" or "in Slack" (through the built-in
 * emulators, as they would in the apps) and watch the other side follow a moment later.
 */
export function DemoPage() {
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ["demo"],
    queryFn: () => unwrap(api.GET("/api/demo")),
    refetchInterval: 1000,
  });
  const change = useMutation({
    mutationFn: (body: ChangeBody) => unwrap(api.POST("/api/demo/change", { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["demo"] }),
  });
  if (people.isPending) return <Loading />;
  const list = people.data?.people ?? [];
  return (
    <>
      <h1>Demo</h1>
      <p className="muted">
        Slack and Microsoft Teams are the built-in emulators here. Change what someone does in one app and
        watch the other one follow (Teams is read every 15 seconds; Slack changes arrive at once).
      </p>
      <ErrorNote error={people.error ?? change.error} />
      <div className="demo-grid">
        {list.map((p) => (
          <section
            key={p.email}
            className="card"
            aria-labelledby={`demo-${p.email}`}
            data-testid={`demo-${p.email}`}
          >
            <h2 id={`demo-${p.email}`}>{p.name}</h2>
            <div className="demo-sides">
              <div>
                <h3>In Teams</h3>
                <p className="now" data-testid="teams-now">
                  {p.teams ? `${p.teams.availability} / ${p.teams.activity}` : "—"}
                  {p.teams?.statusMessage ? ` · “${p.teams.statusMessage}”` : ""}
                </p>
                <div className="actions">
                  {TEAMS_BUTTONS.map((b) => (
                    <button
                      key={b.label}
                      type="button"
                      onClick={() => change.mutate({ ...b.change, email: p.email } as ChangeBody)}
                    >
                      {b.label}
                    </button>
                  ))}
                </div>
              </div>
              <div>
                <h3>In Slack</h3>
                <p className="now" data-testid="slack-now">
                  {p.slack
                    ? [
                        p.slack.inHuddle ? "In a huddle" : "",
                        `${p.slack.statusEmoji} ${p.slack.statusText}`.trim(),
                      ]
                        .filter(Boolean)
                        .join(" · ") || "No status"
                    : "—"}
                </p>
                <div className="actions">
                  {SLACK_BUTTONS.map((b) => (
                    <button
                      key={b.label}
                      type="button"
                      onClick={() => change.mutate({ ...b.change, email: p.email } as ChangeBody)}
                    >
                      {b.label}
                    </button>
                  ))}
                </div>
              </div>
            </div>
          </section>
        ))}
      </div>
    </>
  );
}

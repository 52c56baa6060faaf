import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { api, unwrap } from "../api/client";
import { ErrorNote } from "./feedback";
import type { RuleSetData } from "./rules-diff";
import { slackHoldText, teamsHoldText } from "./state-text";
import { useDebounced } from "./use-debounced";

const AVAILABILITIES = ["Available", "Busy", "DoNotDisturb", "BeRightBack", "Away", "Offline"];
const ACTIVITIES = [
  "Available",
  "InAMeeting",
  "InACall",
  "InAConferenceCall",
  "Presenting",
  "DoNotDisturb",
  "UrgentInterruptionsOnly",
  "BeRightBack",
  "Away",
  "OffWork",
  "Offline",
];

/** "This Teams state becomes this Slack status" and the other way, under the draft, as you edit. */
export function RulePreview({ draft, valid }: { draft: RuleSetData; valid: boolean }) {
  const [teams, setTeams] = useState({ availability: "Busy", activity: "InAMeeting", outOfOffice: false });
  const [slack, setSlack] = useState({ text: "", emoji: "", huddle: true, dnd: false });
  const input = useDebounced({ draft, teams, slack }, 250);
  const preview = useQuery({
    queryKey: ["rule-preview", input],
    enabled: valid,
    placeholderData: (previous) => previous,
    queryFn: () =>
      unwrap(
        api.POST("/api/rules/preview", {
          body: {
            rules: input.draft,
            teams: {
              presence: { availability: input.teams.availability, activity: input.teams.activity },
              outOfOffice: { isOutOfOffice: input.teams.outOfOffice },
            } as never,
            slack: {
              status: { text: input.slack.text, emoji: input.slack.emoji, expiresAt: null },
              huddle: { inHuddle: input.slack.huddle },
              dnd: { snoozed: input.slack.dnd, until: null },
            },
          },
        }),
      ),
  });
  return (
    <section className="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Live preview</h2>
      {!valid ? <p className="muted">Fix the problems in the draft to see a preview.</p> : null}
      <div className="preview-grid">
        <fieldset>
          <legend>When Teams shows</legend>
          <label>
            Availability
            <select
              value={teams.availability}
              onChange={(e) => setTeams({ ...teams, availability: e.target.value })}
            >
              {AVAILABILITIES.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label>
            Activity
            <select value={teams.activity} onChange={(e) => setTeams({ ...teams, activity: e.target.value })}>
              {ACTIVITIES.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={teams.outOfOffice}
              onChange={(e) => setTeams({ ...teams, outOfOffice: e.target.checked })}
            />
            Out of office
          </label>
        </fieldset>
        <div className="result" aria-live="polite" data-testid="preview-slack">
          <p className="result-label">Slack shows</p>
          {preview.data?.slack ? (
            <>
              <ul className="plain">
                {slackHoldText(preview.data.slack.hold).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p className="muted">rule {preview.data.slack.ruleId ?? "none (nothing changes)"}</p>
            </>
          ) : null}
        </div>
        <fieldset>
          <legend>When Slack shows</legend>
          <label>
            Status text
            <input value={slack.text} onChange={(e) => setSlack({ ...slack, text: e.target.value })} />
          </label>
          <label>
            Status emoji
            <input
              value={slack.emoji}
              placeholder=":palm_tree:"
              onChange={(e) => setSlack({ ...slack, emoji: e.target.value })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={slack.huddle}
              onChange={(e) => setSlack({ ...slack, huddle: e.target.checked })}
            />
            In a huddle
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={slack.dnd}
              onChange={(e) => setSlack({ ...slack, dnd: e.target.checked })}
            />
            Do not disturb
          </label>
        </fieldset>
        <div className="result" aria-live="polite" data-testid="preview-teams">
          <p className="result-label">Teams shows</p>
          {preview.data?.teams ? (
            <>
              <ul className="plain">
                {teamsHoldText(preview.data.teams.hold).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p className="muted">
                Slack state “{preview.data.teams.kind}”, rule{" "}
                {preview.data.teams.ruleId ?? "none (nothing changes)"}
              </p>
            </>
          ) : null}
        </div>
      </div>
      <ErrorNote error={preview.error} />
    </section>
  );
}

import { useEffect, useState } from "react";

import type { RuleSetData } from "./rules-diff";

interface StatusTarget {
  text: string;
  emoji: string;
  expiresInMinutes: number | null;
}
interface TeamsToSlackRule {
  id: string;
  description?: string;
  when: Record<string, unknown>;
  slack: { status: "keep" | "clear" | StatusTarget; dnd: unknown; presence: string };
}
interface SlackToTeamsRule {
  id: string;
  when: { kind: string[] };
  teams: {
    presence: "keep" | "clear" | { availability: string; activity: string; keepAlive?: boolean };
    statusMessage: unknown;
  };
}

/** setPresence accepts only these pairs (Graph reference); the API validates again. */
const PRESENCE_PAIRS = [
  "Available/Available",
  "Busy/InACall",
  "Busy/InAConferenceCall",
  "Away/Away",
  "DoNotDisturb/Presenting",
];

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

function whenText(when: Record<string, unknown>): string {
  const parts = Object.entries(when).map(
    ([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`,
  );
  return parts.join("; ") || "anything";
}

/**
 * The draft rule set, edited as data: the common fields in tables (Slack status text, emoji and
 * expiry per Teams state; Teams presence per Slack state), and the whole set as JSON.
 */
export function RuleEditor({
  draft,
  onChange,
}: {
  draft: RuleSetData;
  onChange: (next: RuleSetData) => void;
}) {
  const [json, setJson] = useState(() => JSON.stringify(draft, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // A change made in the tables shows in the JSON; a change typed in the JSON is left as typed.
  useEffect(() => {
    setJson((text) => (sameJson(text, draft) ? text : JSON.stringify(draft, null, 2)));
  }, [draft]);
  const teamsToSlack = draft.teamsToSlack as unknown as TeamsToSlackRule[];
  const slackToTeams = draft.slackToTeams as unknown as SlackToTeamsRule[];
  const update = (mutate: (copy: RuleSetData) => void) => {
    const copy = structuredClone(draft);
    mutate(copy);
    onChange(copy);
  };

  return (
    <div className="rule-editor">
      <h3>Teams → Slack</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">When Teams shows</th>
            <th scope="col">Slack status text</th>
            <th scope="col">Emoji</th>
            <th scope="col">Expires after (min)</th>
          </tr>
        </thead>
        <tbody>
          {teamsToSlack.map((rule, index) => {
            const status = typeof rule.slack.status === "object" ? rule.slack.status : null;
            const setStatus = (patch: Partial<StatusTarget>) =>
              update((copy) => {
                const target = (copy.teamsToSlack as unknown as TeamsToSlackRule[])[index];
                if (target && typeof target.slack.status === "object")
                  Object.assign(target.slack.status, patch);
              });
            return (
              <tr key={rule.id}>
                <th scope="row">{rule.id}</th>
                <td>{whenText(rule.when)}</td>
                {status ? (
                  <>
                    <td>
                      <input
                        aria-label={`Slack status text for ${rule.id}`}
                        value={status.text}
                        onChange={(e) => setStatus({ text: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Emoji for ${rule.id}`}
                        value={status.emoji}
                        size={18}
                        onChange={(e) => setStatus({ emoji: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Expiry in minutes for ${rule.id}`}
                        type="number"
                        min={1}
                        value={status.expiresInMinutes ?? ""}
                        placeholder="never"
                        onChange={(e) =>
                          setStatus({
                            expiresInMinutes: e.target.value === "" ? null : Number(e.target.value),
                          })
                        }
                      />
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="muted">
                    Status: {String(rule.slack.status)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>Slack → Teams</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">When Slack shows</th>
            <th scope="col">Teams presence</th>
          </tr>
        </thead>
        <tbody>
          {slackToTeams.map((rule, index) => {
            const presence = rule.teams.presence;
            const value =
              typeof presence === "object" ? `${presence.availability}/${presence.activity}` : presence;
            return (
              <tr key={rule.id}>
                <th scope="row">{rule.id}</th>
                <td>{rule.when.kind.join(", ")}</td>
                <td>
                  <select
                    aria-label={`Teams presence for ${rule.id}`}
                    value={value}
                    onChange={(e) =>
                      update((copy) => {
                        const target = (copy.slackToTeams as unknown as SlackToTeamsRule[])[index];
                        if (!target) return;
                        const chosen = e.target.value;
                        if (chosen === "keep" || chosen === "clear") target.teams.presence = chosen;
                        else {
                          const [availability = "", activity = ""] = chosen.split("/");
                          const keepAlive =
                            typeof target.teams.presence === "object"
                              ? target.teams.presence.keepAlive
                              : false;
                          target.teams.presence = { availability, activity, keepAlive: keepAlive ?? false };
                        }
                      })
                    }
                  >
                    <option value="keep">Keep what is there</option>
                    <option value="clear">Clear (no presence from the bridge)</option>
                    {PRESENCE_PAIRS.map((pair) => (
                      <option key={pair} value={pair}>
                        {pair.replace("/", " / ")}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <details>
        <summary>Edit the whole rule set as JSON</summary>
        <label className="block">
          Rule set (JSON)
          <textarea
            className="code"
            rows={18}
            spellCheck={false}
            value={json}
            onChange={(e) => {
              setJson(e.target.value);
              try {
                onChange(JSON.parse(e.target.value) as RuleSetData);
                setJsonError(null);
              } catch (error) {
                setJsonError(error instanceof Error ? error.message : String(error));
              }
            }}
          />
        </label>
        {jsonError ? (
          <p className="error" role="alert">
            Not valid JSON: {jsonError}
          </p>
        ) : null}
      </details>
    </div>
  );
}

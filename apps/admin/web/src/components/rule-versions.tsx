import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, unwrap } from "../api/client";
import { ErrorNote } from "./feedback";
import { dateTime } from "./format";
import { diffRules, type RuleSetData } from "./rules-diff";

/** Every version, a rule-by-rule diff of any version against the draft, and rollback. */
export function RuleVersions({ draft, activeVersion }: { draft: RuleSetData; activeVersion: number }) {
  const client = useQueryClient();
  const versions = useQuery({
    queryKey: ["rule-versions"],
    queryFn: () => unwrap(api.GET("/api/rules/versions")),
  });
  const [compare, setCompare] = useState<number | null>(null);
  const other = useQuery({
    queryKey: ["rule-version", compare],
    enabled: compare !== null,
    queryFn: () =>
      unwrap(api.GET("/api/rules/versions/{version}", { params: { path: { version: String(compare) } } })),
  });
  const rollback = useMutation({
    mutationFn: (version: number) => unwrap(api.POST("/api/rules/rollback", { body: { version } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["rules"] });
      void client.invalidateQueries({ queryKey: ["rule-versions"] });
    },
  });
  const changes = other.data ? diffRules(other.data.rules as unknown as RuleSetData, draft) : [];
  return (
    <section className="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">Comment</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(versions.data?.versions ?? []).map((v) => (
            <tr key={v.version}>
              <td>
                v{v.version}
                {v.version === activeVersion ? " (in force)" : ""}
              </td>
              <td>{dateTime(v.createdAt)}</td>
              <td>{v.createdBy}</td>
              <td>{v.comment}</td>
              <td className="row-actions">
                <button type="button" onClick={() => setCompare(v.version)}>
                  Diff with draft
                </button>
                {v.version !== activeVersion ? (
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(`Put the rules of v${v.version} back in force?`))
                        rollback.mutate(v.version);
                    }}
                  >
                    Roll back to v{v.version}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={versions.error ?? rollback.error ?? other.error} />
      {compare !== null && other.data ? (
        <div className="diff" aria-live="polite">
          <h3>
            v{compare} → draft: {changes.length === 0 ? "no differences" : `${changes.length} changes`}
          </h3>
          <ul>
            {changes.map((c) => (
              <li key={`${c.list}:${c.id}`} className={`diff-${c.change}`}>
                <strong>
                  {c.change}{" "}
                  {c.list === "teamsToSlack"
                    ? "Teams → Slack"
                    : c.list === "slackToTeams"
                      ? "Slack → Teams"
                      : "classifier"}{" "}
                  rule {c.id}
                </strong>
                {c.change === "moved" ? (
                  <span>
                    {" "}
                    from position {String(c.before)} to {String(c.after)}
                  </span>
                ) : (
                  <div className="diff-pair">
                    {c.before !== null ? (
                      <pre className="before">{JSON.stringify(c.before, null, 2)}</pre>
                    ) : null}
                    {c.after !== null ? (
                      <pre className="after">{JSON.stringify(c.after, null, 2)}</pre>
                    ) : null}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

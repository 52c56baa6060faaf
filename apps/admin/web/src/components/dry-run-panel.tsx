import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { api, unwrap } from "../api/client";
import { ErrorNote, Loading } from "./feedback";
import { dateTime } from "./format";
import type { RuleSetData } from "./rules-diff";

/**
 * A dry run: the draft replayed over the decisions recorded in the last hours of real events — how
 * many it would decide differently and how many writes it would make — before it is published.
 */
export function DryRunPanel({ draft, valid }: { draft: RuleSetData; valid: boolean }) {
  const [hours, setHours] = useState(24);
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => unwrap(api.POST("/api/rules/dry-runs", { body: { rules: draft, hours } })),
    onSuccess: (data) => setRunId(data.run.id),
  });
  const run = useQuery({
    queryKey: ["dry-run", runId],
    enabled: runId !== null,
    queryFn: () => unwrap(api.GET("/api/rules/dry-runs/{id}", { params: { path: { id: runId ?? "" } } })),
    refetchInterval: (query) =>
      ["queued", "running"].includes(query.state.data?.run.status ?? "queued") ? 1000 : false,
  });
  const result = run.data?.run;
  return (
    <section className="card" aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">Dry run</h2>
      <p className="muted">
        Replays the recorded decisions of real events under the draft. Nothing is written.
      </p>
      <div className="toolbar">
        <label>
          Over the last
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {[1, 6, 24, 72, 168].map((h) => (
              <option key={h} value={h}>
                {h} hours
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => start.mutate()} disabled={!valid || start.isPending}>
          Dry-run the draft
        </button>
      </div>
      <ErrorNote error={start.error ?? run.error} />
      {runId && (!result || ["queued", "running"].includes(result.status)) ? (
        <Loading label="Replaying" />
      ) : null}
      {result?.status === "failed" ? <p className="error">The dry run failed: {result.error}</p> : null}
      {result?.status === "done" ? (
        <div data-testid="dry-run-result">
          <ul className="summary">
            <li>
              <strong>{result.decisions}</strong> decisions replayed for <strong>{result.people}</strong>{" "}
              people
            </li>
            <li>
              <strong>{result.differing}</strong> would differ
            </li>
            <li>
              <strong>{result.draftWrites}</strong> writes with the draft,{" "}
              <strong>{result.activeWrites}</strong> with the rules in force
            </li>
          </ul>
          {result.results.length > 0 ? (
            <table>
              <caption>Decisions the draft would take differently (first {result.results.length})</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Person</th>
                  <th scope="col">Side</th>
                  <th scope="col">In force</th>
                  <th scope="col">Draft</th>
                </tr>
              </thead>
              <tbody>
                {result.results.slice(0, 100).map((d) => (
                  <tr key={`${d.linkId}:${d.at}:${d.to}`}>
                    <td>{dateTime(new Date(d.at).toISOString())}</td>
                    <td>
                      <a href={`/people/${d.linkId}`}>{d.linkId.slice(0, 8)}</a>
                    </td>
                    <td>{d.to}</td>
                    <td>
                      <code>{d.activeRule ?? "—"}</code> {JSON.stringify(d.active)}
                    </td>
                    <td>
                      <code>{d.draftRule ?? "—"}</code> {JSON.stringify(d.draft)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

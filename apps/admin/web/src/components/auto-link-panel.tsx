import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { api, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import { ErrorNote, Loading, ProgressBar } from "./feedback";
import { relative } from "./format";

type Preview = paths["/api/auto-link/preview"]["get"]["responses"]["200"]["content"]["application/json"];
type Account = Preview["onlyOnSlack"]["items"][number];

const CONFLICT_REASON: Record<string, string> = {
  several_slack_accounts: "Several Slack accounts have this e-mail",
  several_microsoft_accounts: "Several Microsoft accounts have this e-mail",
  linked_to_someone_else: "The other side's account is linked to someone else",
};

const accountName = (a: Account) => `${a.displayName || a.userId}${a.email ? ` <${a.email}>` : ""}`;

/**
 * Automatic linking by e-mail for the whole organisation: a preview (matches, conflicts, people on one
 * side only, accounts without an e-mail, same-name suggestions), then a job with a progress bar that
 * survives a reload, and undo.
 */
export function AutoLinkPanel() {
  const client = useQueryClient();
  const [previewing, setPreviewing] = useState(false);
  const preview = useQuery({
    queryKey: ["auto-link-preview"],
    queryFn: () => unwrap(api.GET("/api/auto-link/preview")),
    enabled: previewing,
  });
  const runs = useQuery({
    queryKey: ["auto-link-runs"],
    queryFn: () => unwrap(api.GET("/api/auto-link/runs")),
    refetchInterval: (query) =>
      query.state.data?.runs.some((r) => ["queued", "running", "undoing"].includes(r.status)) ? 1000 : false,
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["auto-link-runs"] });
    void client.invalidateQueries({ queryKey: ["auto-link-preview"] });
    void client.invalidateQueries({ queryKey: ["people"] });
  };
  const apply = useMutation({
    mutationFn: () => unwrap(api.POST("/api/auto-link/runs")),
    onSuccess: refresh,
  });
  const undo = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/auto-link/runs/{id}/undo", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const linkPair = useMutation({
    mutationFn: (pair: { slack: Account; teams: Account }) =>
      unwrap(
        api.POST("/api/links", {
          body: {
            slack: { teamId: pair.slack.scopeId, userId: pair.slack.userId },
            entra: { tenantId: pair.teams.scopeId, userId: pair.teams.userId },
            displayName: pair.slack.displayName || pair.teams.displayName,
            email: pair.teams.email ?? pair.slack.email ?? undefined,
          },
        }),
      ),
    onSuccess: refresh,
  });

  const latest = runs.data?.runs[0];
  const active = latest && ["queued", "running", "undoing"].includes(latest.status) ? latest : undefined;
  // When a run finishes (linking or undo), the preview and the people list change.
  const finished = latest && !active ? `${latest.id}:${latest.status}` : null;
  useEffect(() => {
    if (!finished) return;
    void client.invalidateQueries({ queryKey: ["auto-link-preview"] });
    void client.invalidateQueries({ queryKey: ["people"] });
  }, [finished, client]);
  const p = preview.data;
  return (
    <section className="card" aria-labelledby="auto-link-heading">
      <h2 id="auto-link-heading">Automatic linking by e-mail</h2>
      <p className="muted">
        Links every Slack account to the Microsoft account with the same e-mail address, for the whole
        organisation. Preview first; it runs as a job, so you can leave this page.
      </p>

      {active ? (
        <div className="run" aria-live="polite">
          <p>
            <strong>{active.status === "undoing" ? "Undoing" : "Linking"}…</strong> started by{" "}
            {active.requestedBy} {relative(active.createdAt)}
          </p>
          {active.status === "undoing" ? (
            <ProgressBar label="Undo progress" value={active.undone} max={active.linked} />
          ) : (
            <ProgressBar label="Linking progress" value={active.processed} max={active.total} />
          )}
        </div>
      ) : latest ? (
        <div className="run">
          <p>
            Last run ({relative(latest.finishedAt ?? latest.createdAt)}, by {latest.requestedBy}):{" "}
            <strong>{latest.status}</strong> — {latest.linked} linked, {latest.skipped} skipped
            {latest.status === "undone" ? `, ${latest.undone} undone` : ""}.
          </p>
          {latest.status === "done" && latest.linked > 0 ? (
            <button type="button" onClick={() => undo.mutate(latest.id)} disabled={undo.isPending}>
              Undo this run
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorNote error={apply.error ?? undo.error ?? linkPair.error} />

      {!previewing ? (
        <button
          type="button"
          className="primary"
          onClick={() => setPreviewing(true)}
          disabled={Boolean(active)}
        >
          Preview automatic linking
        </button>
      ) : preview.isPending ? (
        <Loading label="Comparing both directories" />
      ) : preview.error ? (
        <ErrorNote error={preview.error} />
      ) : p ? (
        <div className="preview">
          <ul className="summary" aria-label="Preview summary">
            <li>
              <strong>{p.matches.count}</strong> to link
            </li>
            <li>
              <strong>{p.alreadyLinked}</strong> already linked
            </li>
            <li>
              <strong>{p.conflicts.count}</strong> conflicts
            </li>
            <li>
              <strong>{p.onlyOnSlack.count}</strong> only on Slack
            </li>
            <li>
              <strong>{p.onlyOnTeams.count}</strong> only on Microsoft
            </li>
            <li>
              <strong>{p.missingEmail.slack.count + p.missingEmail.teams.count}</strong> without an e-mail
            </li>
            <li>
              <strong>{p.deactivated.slack + p.deactivated.teams}</strong> deactivated (never linked)
            </li>
          </ul>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={p.matches.count === 0 || apply.isPending || Boolean(active)}
              onClick={() => apply.mutate()}
            >
              Link {p.matches.count} {p.matches.count === 1 ? "person" : "people"}
            </button>
            <button type="button" onClick={() => void preview.refetch()}>
              Refresh preview
            </button>
          </div>

          {p.matches.count > 0 ? (
            <details open>
              <summary>Matches ({p.matches.count})</summary>
              <table>
                <caption className="visually-hidden">People who will be linked</caption>
                <thead>
                  <tr>
                    <th scope="col">E-mail</th>
                    <th scope="col">Slack</th>
                    <th scope="col">Microsoft</th>
                  </tr>
                </thead>
                <tbody>
                  {p.matches.items.map((m) => (
                    <tr key={m.email}>
                      <td>{m.email}</td>
                      <td>{m.slack.displayName}</td>
                      <td>{m.teams.displayName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {p.matches.count > p.matches.items.length ? (
                <p className="muted">… and {p.matches.count - p.matches.items.length} more.</p>
              ) : null}
            </details>
          ) : null}

          {p.conflicts.count > 0 ? (
            <details>
              <summary>Conflicts ({p.conflicts.count})</summary>
              <ul>
                {p.conflicts.items.map((c) => (
                  <li key={`${c.email}:${c.reason}`}>
                    <strong>{c.email}</strong>: {CONFLICT_REASON[c.reason] ?? c.reason} (
                    {[...c.slack, ...c.teams].map(accountName).join("; ")})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          {p.suggestions.count > 0 ? (
            <details open>
              <summary>Suggestions: same name, different e-mails ({p.suggestions.count})</summary>
              <ul>
                {p.suggestions.items.map((s) => (
                  <li key={`${s.slack.userId}:${s.teams.userId}`}>
                    {accountName(s.slack)} in Slack and {accountName(s.teams)} in Microsoft{" "}
                    <button
                      type="button"
                      onClick={() => linkPair.mutate({ slack: s.slack, teams: s.teams })}
                      disabled={linkPair.isPending}
                    >
                      Link these two
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          {(
            [
              ["Only on Slack", p.onlyOnSlack],
              ["Only on Microsoft", p.onlyOnTeams],
              ["Slack accounts without an e-mail", p.missingEmail.slack],
              ["Microsoft accounts without an e-mail", p.missingEmail.teams],
            ] as const
          ).map(([title, list]) =>
            list.count > 0 ? (
              <details key={title}>
                <summary>
                  {title} ({list.count})
                </summary>
                <ul>
                  {list.items.map((a) => (
                    <li key={`${a.side}:${a.userId}`}>{accountName(a)}</li>
                  ))}
                </ul>
              </details>
            ) : null,
          )}
        </div>
      ) : null}
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";

import { api, unwrap } from "../api/client";
import { AutoLinkPanel } from "../components/auto-link-panel";
import { ErrorNote, Loading } from "../components/feedback";
import { StatusBadge } from "../components/status-badge";

const FILTERS = [
  ["", "Everyone"],
  ["linked", "Linked"],
  ["unlinked", "Not linked"],
  ["needs_reauth", "Needs re-auth"],
  ["paused", "Paused"],
  ["deactivated", "Deactivated"],
] as const;
type Filter = (typeof FILTERS)[number][0];
const PAGE = 50;

/** Everyone from both directories: search, filters, link by e-mail, unlink; automatic linking above. */
export function PeoplePage() {
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const filter = (params.get("filter") ?? "") as Filter;
  const offset = Number(params.get("offset") ?? 0);
  const [draft, setDraft] = useState(search);
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ["people", search, filter, offset],
    queryFn: () =>
      unwrap(
        api.GET("/api/people", {
          params: {
            query: { limit: PAGE, offset, ...(search ? { search } : {}), ...(filter ? { filter } : {}) },
          },
        }),
      ),
  });
  const linkByEmail = useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/api/links", { body: { email } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["people"] }),
  });
  const unlink = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/links/{person}", { params: { path: { person: id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["people"] }),
  });
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes))
      if (value) next.set(key, value);
      else next.delete(key);
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ search: draft.trim(), offset: "" });
  };

  return (
    <>
      <h1>People</h1>
      <AutoLinkPanel />
      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">Everyone in Slack and Microsoft</h2>
        <form className="toolbar" role="search" onSubmit={submit}>
          <label>
            Search
            <input
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="Name, e-mail or id"
            />
          </label>
          <label>
            Show
            <select value={filter} onChange={(e) => set({ filter: e.target.value, offset: "" })}>
              {FILTERS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Search</button>
        </form>
        <ErrorNote error={people.error ?? linkByEmail.error ?? unlink.error} />
        {people.isPending ? (
          <Loading />
        ) : people.data ? (
          <>
            <p className="muted" role="status">
              {people.data.total.toLocaleString()} {people.data.total === 1 ? "person" : "people"}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Slack</th>
                  <th scope="col">Microsoft</th>
                  <th scope="col">Link</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.data.people.map((p) => (
                  <tr key={`${p.linkId ?? ""}:${p.slack?.userId ?? ""}:${p.teams?.userId ?? ""}`}>
                    <td>
                      {p.linkId ? (
                        <Link to={`/people/${p.linkId}`}>{p.displayName || "(no name)"}</Link>
                      ) : (
                        p.displayName || "(no name)"
                      )}
                    </td>
                    <td>{p.email ?? "—"}</td>
                    <td>
                      {p.slack ? p.slack.userId : "—"}
                      {p.slack?.deactivated ? <span className="badge disabled"> deactivated</span> : null}
                    </td>
                    <td>
                      {p.teams ? p.teams.displayName || p.teams.userId : "—"}
                      {p.teams?.deactivated ? <span className="badge disabled"> deactivated</span> : null}
                    </td>
                    <td>
                      <StatusBadge status={p.linkStatus} />
                    </td>
                    <td className="row-actions">
                      {p.linkId ? (
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            if (
                              window.confirm(
                                `Unlink ${p.displayName || p.email}? Their stored tokens are deleted.`,
                              )
                            )
                              unlink.mutate(p.linkId ?? "");
                          }}
                        >
                          Unlink
                        </button>
                      ) : p.email ? (
                        <button type="button" onClick={() => linkByEmail.mutate(p.email ?? "")}>
                          Link by e-mail
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}
              >
                Previous
              </button>
              <span>
                {people.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, people.data.total)} of{" "}
                {people.data.total}
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= people.data.total}
                onClick={() => set({ offset: String(offset + PAGE) })}
              >
                Next
              </button>
            </nav>
          </>
        ) : null}
      </section>
    </>
  );
}

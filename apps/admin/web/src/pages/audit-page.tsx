import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";

import { api, unwrap } from "../api/client";
import { useLiveEvents } from "../api/use-live-events";
import { ErrorNote, LiveBadge, Loading } from "../components/feedback";
import { Timeline } from "../components/timeline";

const KINDS = [
  "admin_action",
  "signed_in",
  "link_created",
  "link_removed",
  "link_updated",
  "mirrored",
  "written",
  "echo_dropped",
  "failed",
  "rate_limited",
  "needs_reauth",
  "flap_paused",
];

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The audit trail: filters, live updates, and CSV/JSON export of a date range. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const kind = params.get("kind") ?? "";
  const actor = params.get("actor") ?? "";
  const person = params.get("person") ?? "";
  const [from, setFrom] = useState(isoDay(-7));
  const [to, setTo] = useState(isoDay(1));
  const [draft, setDraft] = useState({ kind, actor, person });
  const query = {
    limit: 100,
    ...(kind ? { kind } : {}),
    ...(actor ? { actor } : {}),
    ...(person ? { person } : {}),
  };
  const events = useQuery({
    queryKey: ["audit", query],
    queryFn: () => unwrap(api.GET("/api/audit", { params: { query } })),
  });
  const live = useLiveEvents("/api/stream", [["audit"]]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
    setParams(next);
  };
  const exportUrl = (format: "csv" | "json") =>
    `/api/audit/export?${new URLSearchParams({
      format,
      from: new Date(`${from}T00:00:00`).toISOString(),
      to: new Date(`${to}T00:00:00`).toISOString(),
      ...(kind ? { kind } : {}),
      ...(actor ? { actor } : {}),
      ...(person ? { person } : {}),
    }).toString()}`;
  return (
    <>
      <div className="page-head">
        <h1>Audit</h1>
        <LiveBadge live={live} />
      </div>
      <form className="card toolbar" onSubmit={submit} aria-label="Filters">
        <label>
          Kind
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">All</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          By
          <input
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            placeholder="admin e-mail, job"
          />
        </label>
        <label>
          Person
          <input
            value={draft.person}
            onChange={(e) => setDraft({ ...draft, person: e.target.value })}
            placeholder="e-mail or id"
          />
        </label>
        <button type="submit">Filter</button>
      </form>
      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <div className="toolbar">
          <label>
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To (exclusive)
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <a className="button" href={exportUrl("csv")} download>
            Download CSV
          </a>
          <a className="button" href={exportUrl("json")} download>
            Download JSON
          </a>
        </div>
      </section>
      <ErrorNote error={events.error} />
      {events.isPending ? (
        <Loading />
      ) : (
        <Timeline events={events.data?.events ?? []} empty="No events match." />
      )}
    </>
  );
}

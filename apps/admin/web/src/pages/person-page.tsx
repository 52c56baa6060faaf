import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router";

import { api, unwrap } from "../api/client";
import { useLiveEvents } from "../api/use-live-events";
import { AdminPolicyControls, type AdminPolicy } from "../components/admin-policy-controls";
import { ErrorNote, LiveBadge, Loading } from "../components/feedback";
import { DIRECTION_LABEL } from "../components/format";
import { PauseControls } from "../components/pause-controls";
import { PersonStateView } from "../components/person-state-view";
import { SharingControls, type Sharing } from "../components/sharing-controls";
import { StatusBadge } from "../components/status-badge";
import { Timeline } from "../components/timeline";

/** One person: both sides' state, what is mirrored, controls, and the live "why did my status change?" timeline. */
export function PersonPage() {
  const { id = "" } = useParams();
  const person = { params: { path: { person: id } } };
  const client = useQueryClient();
  const state = useQuery({
    queryKey: ["person-state", id],
    queryFn: () => unwrap(api.GET("/api/links/{person}/state", person)),
  });
  const events = useQuery({
    queryKey: ["person-events", id],
    queryFn: () =>
      unwrap(
        api.GET("/api/links/{person}/events", { params: { path: { person: id }, query: { limit: 50 } } }),
      ),
  });
  const live = useLiveEvents(
    state.data ? `/api/stream?link=${encodeURIComponent(state.data.link.id)}` : null,
    [
      ["person-state", id],
      ["person-events", id],
    ],
  );
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["person-state", id] });
    void client.invalidateQueries({ queryKey: ["person-events", id] });
  };
  const pause = useMutation({
    mutationFn: (body: { forMinutes?: number; until?: string }) =>
      unwrap(
        api.POST("/api/links/{person}/pause", { ...person, body: { ...body, reason: "paused by an admin" } }),
      ),
    onSuccess: refresh,
  });
  const resume = useMutation({
    mutationFn: () => unwrap(api.POST("/api/links/{person}/resume", person)),
    onSuccess: refresh,
  });
  const change = useMutation({
    mutationFn: (body: {
      direction?: Sharing["direction"];
      policy?: Partial<Sharing["policy"]> & Partial<AdminPolicy>;
    }) => unwrap(api.PATCH("/api/links/{person}", { ...person, body })),
    onSuccess: refresh,
  });

  if (state.isPending) return <Loading />;
  if (state.error || !state.data) return <ErrorNote error={state.error ?? new Error("Not linked")} />;
  const { link, policy } = state.data;
  return (
    <>
      <div className="page-head">
        <h1>{link.displayName || link.email || link.id}</h1>
        <StatusBadge status={link.status} />
        <LiveBadge live={live} />
      </div>
      <p className="muted">
        {link.email ?? "no e-mail"} · Slack {link.slackTeamId}/{link.slackUserId} · Microsoft{" "}
        {link.entraUserId} · {DIRECTION_LABEL[link.direction]}
      </p>
      <PersonStateView state={state.data} />
      <div className="state-grid">
        <section className="card" aria-labelledby="controls-heading">
          <h2 id="controls-heading">Mirroring</h2>
          <PauseControls
            status={link.status}
            pausedUntil={link.pausedUntil}
            reason={link.statusReason}
            busy={pause.isPending || resume.isPending}
            onPause={(body) => pause.mutate(body)}
            onResume={() => resume.mutate()}
          />
          {link.status === "needs_reauth" ? (
            <p className="notice">Waiting for the person to reconnect: {link.statusReason}</p>
          ) : null}
          <SharingControls
            value={{ direction: link.direction, policy }}
            disabled={change.isPending}
            onChange={(body) => change.mutate(body)}
          />
          <AdminPolicyControls
            value={{
              conflictPolicy: policy.conflictPolicy,
              allowPreferredPresence: policy.allowPreferredPresence,
            }}
            disabled={change.isPending}
            onChange={(policyChange) => change.mutate({ policy: policyChange })}
          />
          <ErrorNote error={pause.error ?? resume.error ?? change.error} />
        </section>
        <section className="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Why did the status change?</h2>
          {events.isPending ? <Loading /> : <Timeline events={events.data?.events ?? []} />}
        </section>
      </div>
    </>
  );
}

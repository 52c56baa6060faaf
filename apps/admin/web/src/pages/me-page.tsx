import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { signOut, useSession } from "../api/session";
import { useLiveEvents } from "../api/use-live-events";
import { ErrorNote, LiveBadge, Loading } from "../components/feedback";
import { PauseControls } from "../components/pause-controls";
import { PersonStateView } from "../components/person-state-view";
import { SharingControls, type Sharing } from "../components/sharing-controls";
import { StatusBadge } from "../components/status-badge";
import { Timeline } from "../components/timeline";

/** The self-service page: my link, connect my other account, pause, direction, privacy, my timeline. */
export function MePage() {
  const client = useQueryClient();
  const session = useSession().data;
  const me = useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.GET("/api/me")) });
  const linked = Boolean(me.data?.link);
  const events = useQuery({
    queryKey: ["me-events"],
    enabled: linked,
    queryFn: () => unwrap(api.GET("/api/me/events", { params: { query: { limit: 30 } } })),
  });
  const live = useLiveEvents(linked ? "/api/me/stream" : null, [["me"], ["me-events"]]);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["me"] });
    void client.invalidateQueries({ queryKey: ["me-events"] });
  };
  const pause = useMutation({
    mutationFn: (body: { forMinutes?: number; until?: string }) =>
      unwrap(api.POST("/api/me/pause", { body })),
    onSuccess: refresh,
  });
  const resume = useMutation({ mutationFn: () => unwrap(api.POST("/api/me/resume")), onSuccess: refresh });
  const change = useMutation({
    mutationFn: (body: { direction?: Sharing["direction"]; policy?: Partial<Sharing["policy"]> }) =>
      unwrap(api.PATCH("/api/me", { body })),
    onSuccess: refresh,
  });
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/me">
          Presence bridge
        </a>
        <div className="who">
          <span>{session?.user?.email ?? session?.user?.name}</span>
          {session?.user?.admin ? <a href="/">Admin pages</a> : null}
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <div className="page-head">
          <h1>My status sharing</h1>
          {me.data?.link ? <StatusBadge status={me.data.link.status} /> : null}
          {linked ? <LiveBadge live={live} /> : null}
        </div>
        {me.isPending ? <Loading /> : null}
        <ErrorNote error={me.error ?? pause.error ?? resume.error ?? change.error} />
        {me.data && !me.data.link ? (
          <section className="card">
            <h2>Connect your accounts</h2>
            <p>
              You signed in with {me.data.person.provider === "slack" ? "Slack" : "Microsoft"}. Connect your{" "}
              {me.data.person.provider === "slack" ? "Microsoft" : "Slack"} account so your availability is
              mirrored between Slack and Teams.
            </p>
            {me.data.connect.microsoft ? (
              <a className="button primary" href={me.data.connect.microsoft}>
                Connect my Microsoft account
              </a>
            ) : null}
            {me.data.connect.slack ? (
              <a className="button primary" href={me.data.connect.slack}>
                Connect my Slack account
              </a>
            ) : null}
          </section>
        ) : null}
        {me.data?.link && me.data.state ? (
          <>
            <p className="muted">
              Mirroring between Slack and Microsoft Teams for {me.data.person.name || me.data.person.email}.
            </p>
            <div className="state-grid">
              <section className="card" aria-labelledby="my-controls">
                <h2 id="my-controls">Mirroring</h2>
                <PauseControls
                  status={me.data.link.status}
                  pausedUntil={me.data.link.pausedUntil}
                  reason={me.data.link.statusReason}
                  busy={pause.isPending || resume.isPending}
                  onPause={(body) => pause.mutate(body)}
                  onResume={() => resume.mutate()}
                />
                {me.data.link.status === "needs_reauth" ? (
                  <p className="notice">Your accounts need reconnecting: {me.data.link.statusReason}</p>
                ) : null}
                <SharingControls
                  value={{ direction: me.data.link.direction, policy: me.data.state.policy }}
                  disabled={change.isPending}
                  onChange={(body) => change.mutate(body)}
                />
                {me.data.connect.slack ? (
                  <p>
                    <a href={me.data.connect.slack}>Reconnect my Slack account</a> (lets the bridge set your
                    Slack status and do-not-disturb)
                  </p>
                ) : null}
              </section>
              <section className="card" aria-labelledby="my-timeline">
                <h2 id="my-timeline">Why did my status change?</h2>
                {events.isPending ? <Loading /> : <Timeline events={events.data?.events ?? []} />}
              </section>
            </div>
            <h2>Right now</h2>
            <PersonStateView state={me.data.state} />
          </>
        ) : null}
      </main>
    </div>
  );
}

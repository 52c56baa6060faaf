import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { useLiveEvents } from "../api/use-live-events";
import { ErrorNote, LiveBadge, Loading } from "../components/feedback";
import { dateTime, relative, STATUS_LABEL } from "../components/format";

/** Health of each app, queue, each side's sync, Graph subscriptions, service accounts, errors, Slack budgets. */
export function OverviewPage() {
  const health = useQuery({
    queryKey: ["health"],
    queryFn: () => unwrap(api.GET("/api/health")),
    refetchInterval: 5_000,
  });
  const live = useLiveEvents("/api/stream", [["health"]]);
  if (health.isPending) return <Loading />;
  if (health.error) return <ErrorNote error={health.error} />;
  const h = health.data;
  const needsReauth = h.links.needs_reauth ?? 0;
  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <LiveBadge live={live} />
      </div>
      <div className="tiles">
        {Object.entries(h.links).map(([status, count]) => (
          <a
            key={status}
            className={`tile ${status === "needs_reauth" && count > 0 ? "warn" : ""}`}
            href={`/people?filter=${status === "active" ? "linked" : status}`}
          >
            <span className="tile-value">{count}</span>
            <span className="tile-label">{STATUS_LABEL[status] ?? status} links</span>
          </a>
        ))}
        <div className={`tile ${h.queue.lagSeconds > 30 ? "warn" : ""}`}>
          <span className="tile-value">{h.queue.waiting}</span>
          <span className="tile-label">jobs waiting · lag {Math.round(h.queue.lagSeconds)} s</span>
        </div>
        <div className={`tile ${h.queue.failedForGood > 0 ? "warn" : ""}`}>
          <span className="tile-value">{h.queue.failedForGood}</span>
          <span className="tile-label">jobs failed for good</span>
        </div>
      </div>
      {needsReauth > 0 ? (
        <p className="notice" role="status">
          {needsReauth} {needsReauth === 1 ? "person needs" : "people need"} to reconnect an account.{" "}
          <a href="/people?filter=needs_reauth">See who</a>
        </p>
      ) : null}

      <section aria-labelledby="apps-heading">
        <h2 id="apps-heading">Apps</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Runs</th>
              <th scope="col">Host</th>
              <th scope="col">Status</th>
              <th scope="col">Checks</th>
              <th scope="col">Last report</th>
            </tr>
          </thead>
          <tbody>
            {h.apps.map((app) => (
              <tr key={app.id}>
                <td>{app.service}</td>
                <td>{app.apps.join(", ")}</td>
                <td>
                  {app.hostname} (pid {app.pid})
                </td>
                <td>
                  <span className={`badge ${app.up ? "active" : "needs_reauth"}`}>
                    {app.up ? "Up" : "Down"}
                  </span>
                </td>
                <td>
                  {Object.entries(app.checks)
                    .map(([name, result]) => `${name}: ${result}`)
                    .join(", ")}
                </td>
                <td title={dateTime(app.lastSeenAt)}>{relative(app.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="sides-heading">
        <h2 id="sides-heading">Slack and Microsoft</h2>
        <div className="state-grid">
          {(["slack", "teams"] as const).map((side) => {
            const s = h.sides[side];
            const errors = (s.lastHour.failed ?? 0) + (s.lastHour.needs_reauth ?? 0);
            return (
              <div key={side} className="card">
                <h3>{side === "slack" ? "Slack" : "Microsoft Teams"}</h3>
                <dl className="facts">
                  <dt>Last change seen</dt>
                  <dd title={dateTime(s.lastObservedAt)}>{relative(s.lastObservedAt)}</dd>
                  <dt>Last write</dt>
                  <dd title={dateTime(s.lastWrittenAt)}>{relative(s.lastWrittenAt)}</dd>
                  <dt>Last hour</dt>
                  <dd>
                    {s.lastHour.written ?? 0} writes, {s.lastHour.echo_dropped ?? 0} echoes dropped,{" "}
                    <span className={errors > 0 ? "error-text" : ""}>{errors} errors</span>,{" "}
                    <span className={(s.lastHour.rate_limited ?? 0) > 0 ? "error-text" : ""}>
                      {s.lastHour.rate_limited ?? 0} rate limited (429)
                    </span>
                  </dd>
                </dl>
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="graph-heading">
        <h2 id="graph-heading">Graph subscriptions and service accounts</h2>
        {h.graphSubscriptions.length === 0 && h.serviceAccounts.length === 0 ? (
          <p className="muted">None: the Teams bridge reads presence by polling.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Who</th>
                <th scope="col">People</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {h.serviceAccounts.map((a) => (
                <tr key={a.userPrincipalName}>
                  <td>Service account</td>
                  <td>{a.userPrincipalName}</td>
                  <td>{a.people}</td>
                  <td>{a.status === "active" ? "Active" : `Needs sign-in again: ${a.statusReason}`}</td>
                </tr>
              ))}
              {h.graphSubscriptions.map((s) => (
                <tr key={s.id}>
                  <td>Subscription</td>
                  <td>{s.id}</td>
                  <td>{s.people}</td>
                  <td title={dateTime(s.expiresAt)}>expires {relative(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="budgets-heading">
        <h2 id="budgets-heading">Slack rate budgets (last minute)</h2>
        {h.slackBudgets.length === 0 ? (
          <p className="muted">No Slack calls yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Method</th>
                <th scope="col">Used</th>
                <th scope="col">Blocked</th>
              </tr>
            </thead>
            <tbody>
              {h.slackBudgets.map((b) => (
                <tr key={`${b.teamId}:${b.method}`}>
                  <td>{b.teamId}</td>
                  <td>
                    <code>{b.method}</code>
                  </td>
                  <td>
                    <meter
                      min={0}
                      max={b.perMinute}
                      value={b.usedLastMinute}
                      aria-label={`${b.method} budget used`}
                    />{" "}
                    {b.usedLastMinute} / {b.perMinute}
                  </td>
                  <td>{b.blockedUntil ? `until ${dateTime(b.blockedUntil)}` : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading">Problems in the last 24 hours</h2>
        {Object.keys(h.last24h).length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {Object.entries(h.last24h).map(([kind, count]) => (
              <li key={kind}>
                <a href={`/audit?kind=${kind}`}>
                  {count} × {kind.replace("_", " ")}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

import { dateTime, relative } from "./format";

/** An audit event as the API sends it. */
export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  side: string | null;
  message: string;
  detail: Record<string, unknown>;
  correlationId: string | null;
}

const KIND_LABEL: Record<string, string> = {
  mirrored: "Mirrored",
  no_change: "No change",
  echo_dropped: "Echo dropped",
  stale_dropped: "Stale, dropped",
  duplicate_dropped: "Duplicate, dropped",
  conflict_resolved: "Conflict resolved",
  manual_kept: "Manual status kept",
  ownership_released: "Released",
  paused: "Paused",
  direction_off: "Direction off",
  flap_paused: "Flapping: paused",
  written: "Written",
  rate_limited: "Rate limited",
  failed: "Failed",
  needs_reauth: "Needs re-auth",
  unknown_person: "Unknown person",
  link_created: "Linked",
  link_removed: "Unlinked",
  link_updated: "Link changed",
  signed_in: "Sign-in",
  admin_action: "Admin action",
};

const SIDE_LABEL: Record<string, string> = {
  slack: "Slack",
  teams: "Teams",
  outlook: "Outlook",
  webhook: "Connected system",
};

/** "Why did my status change?": one line per decision, write and change, newest first. */
export function Timeline({
  events,
  empty = "Nothing yet.",
}: {
  events: readonly TimelineEvent[];
  empty?: string;
}) {
  if (events.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id} className={`event kind-${event.kind}`}>
          <div className="event-head">
            <time dateTime={event.at} title={dateTime(event.at)}>
              {relative(event.at)}
            </time>
            <span className={`kind kind-${event.kind}`}>{KIND_LABEL[event.kind] ?? event.kind}</span>
            {event.side ? <span className="side">{SIDE_LABEL[event.side] ?? event.side}</span> : null}
          </div>
          <p className="event-message">{event.message}</p>
          {event.correlationId || Object.keys(event.detail).length > 0 ? (
            <details>
              <summary>Details</summary>
              {event.correlationId ? <p className="muted">By {event.correlationId}</p> : null}
              <pre>{JSON.stringify(event.detail, null, 2)}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

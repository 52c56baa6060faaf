import { dateTime } from "./format";

/** Pause for an hour, until tomorrow morning, or until resumed; resume. */
export function PauseControls({
  status,
  pausedUntil,
  reason,
  busy,
  onPause,
  onResume,
}: {
  status: string;
  pausedUntil: string | null;
  reason: string;
  busy: boolean;
  onPause: (body: { forMinutes?: number; until?: string }) => void;
  onResume: () => void;
}) {
  if (status === "paused")
    return (
      <div className="pause">
        <p>
          Paused{pausedUntil ? ` until ${dateTime(pausedUntil)}` : " until resumed"}
          {reason ? ` (${reason})` : ""}. While paused, nothing is mirrored and what the bridge had set is
          cleared.
        </p>
        <button type="button" className="primary" disabled={busy} onClick={onResume}>
          Resume mirroring
        </button>
      </div>
    );
  if (status !== "active") return null;
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(8, 0, 0, 0);
  return (
    <div className="pause actions">
      <button type="button" disabled={busy} onClick={() => onPause({ forMinutes: 60 })}>
        Pause for 1 hour
      </button>
      <button type="button" disabled={busy} onClick={() => onPause({ until: tomorrow.toISOString() })}>
        Pause until tomorrow 08:00
      </button>
      <button type="button" disabled={busy} onClick={() => onPause({})}>
        Pause until I resume
      </button>
    </div>
  );
}
